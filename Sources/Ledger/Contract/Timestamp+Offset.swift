/// Timestamps as clients send them: RFC 3339 with any offset, recorded as UTC.
///
/// The recorded form stays `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (what `Timestamp(parsing:)`
/// reads), so the chain stays canonical and a retry of the same instant in another spelling
/// records the same bytes. Stock clients (Python's `datetime.isoformat()`, Java's
/// `OffsetDateTime`) write `+00:00` or a local offset; refusing them made generated clients
/// unusable.
extension Timestamp {
    /// Parses RFC 3339 (section 5.6) with `Z` or a numeric offset `±HH:MM` (1–9 fractional
    /// digits) and gives the instant and its UTC spelling. `T` and `Z` must be upper case:
    /// RFC 3339 allows lower case, but common validators (Python's rfc3339-validator, which
    /// checks the JSON Schemas' `date-time`) refuse it, and the schema and the ledger agree.
    ///
    /// A text already in the recorded form is returned unchanged (its fraction as sent, so
    /// what was recorded before offsets were accepted is recorded the same way now). Any
    /// other is moved to UTC field by field, its fraction kept as sent (an offset is whole
    /// minutes, so the fraction never changes). nil for anything else, and for an instant
    /// whose UTC year would leave 0001–9999 (four digits), which the recorded form cannot spell.
    public static func normalising(_ text: String) -> (instant: Timestamp, utc: String)? {
        if let strict = Timestamp(parsing: text) { return (strict, text) }
        let b = Array(text.utf8)
        // Not the recorded form, so `…SS[.f]±HH:MM`.
        guard b.count >= 25 else { return nil }
        let sign = b[b.count - 6]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), b[b.count - 3] == UInt8(ascii: ":"),
            let hours = twoDigits(b, b.count - 5), let minutes = twoDigits(b, b.count - 2), hours < 24, minutes < 60
        else { return nil }
        let offsetMinutes = (hours * 60 + minutes) * (sign == UInt8(ascii: "-") ? -1 : 1)
        let bodyEnd = b.count - 6
        // The wall-clock fields, read by the strict parser as if they were UTC.
        var local = Array(b[0..<bodyEnd])
        local.append(UInt8(ascii: "Z"))
        guard let wallClock = local.withUnsafeBufferPointer({ Timestamp(utf8: $0) }) else { return nil }
        let instant = Timestamp(microseconds: wallClock.microseconds - Int64(offsetMinutes) * 60_000_000)
        let fraction = String(decoding: b[19..<bodyEnd], as: UTF8.self)
        guard let utc = instant.wholeSecondsText(fraction: fraction) else { return nil }
        return (instant, utc)
    }

    /// `YYYY-MM-DDTHH:MM:SS` of this instant, then `fraction` (as sent: empty or `.digits`) and
    /// `Z`; nil outside four-digit years.
    private func wholeSecondsText(fraction: String) -> String? {
        var seconds = microseconds / 1_000_000
        if microseconds % 1_000_000 < 0 { seconds -= 1 }
        var day = seconds / 86_400
        if seconds % 86_400 < 0 { day -= 1 }
        let date = CalendarDate(dayNumber: Int(day))
        guard (1...9999).contains(date.components.year) else { return nil }
        let inDay = Int(seconds - day * 86_400)
        return date.description + "T" + CalendarDate.pad(inDay / 3600, 2) + ":" + CalendarDate.pad(inDay / 60 % 60, 2) + ":"
            + CalendarDate.pad(inDay % 60, 2) + fraction + "Z"
    }

    private static func twoDigits(_ b: [UInt8], _ at: Int) -> Int? {
        let zero = UInt8(ascii: "0")
        let nine = UInt8(ascii: "9")
        guard at >= 0, at + 1 < b.count, (zero...nine).contains(b[at]), (zero...nine).contains(b[at + 1]) else { return nil }
        return Int(b[at] - zero) * 10 + Int(b[at + 1] - zero)
    }
}
