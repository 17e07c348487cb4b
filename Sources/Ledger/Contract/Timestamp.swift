/// An instant in UTC with microsecond resolution, as the contract writes it:
/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public let microseconds: Int64

    /// The instant `microseconds` after the Unix epoch; any value, unchecked.
    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// Parses the recorded form: RFC 3339 in UTC only (`Z`, upper case), with 1–9 fractional
    /// digits allowed; digits beyond microseconds are truncated for ordering but kept in the
    /// record as sent. What clients send (any offset) is read by `normalising(_:)`.
    public init?(parsing text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Timestamp(utf8: $0) }) else { return nil }
        self = parsed
    }

    /// Parses the same form from UTF-8 bytes (a stored event's field, without making a String).
    public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
        let parsed: Int64? = {
            guard b.count >= 20, b.count <= 30, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
                b[b.count - 1] == UInt8(ascii: "Z")
            else { return nil }
            guard let y = CalendarDate.digits(b, 0, 4), let mo = CalendarDate.digits(b, 5, 2),
                let d = CalendarDate.digits(b, 8, 2), let h = CalendarDate.digits(b, 11, 2),
                let mi = CalendarDate.digits(b, 14, 2), let s = CalendarDate.digits(b, 17, 2),
                let date = CalendarDate(year: y, month: mo, day: d), h < 24, mi < 60, s < 60
            else { return nil }
            var micros: Int64 = 0
            if b.count > 20 {
                // ".f{1,9}" between the seconds and the "Z".
                guard b[19] == UInt8(ascii: "."), b.count >= 22, let fraction = CalendarDate.digits(b, 20, b.count - 21)
                else { return nil }
                let digits = b.count - 21
                var scaled = fraction
                if digits > 6 {
                    for _ in 0..<(digits - 6) { scaled /= 10 }
                } else {
                    for _ in 0..<(6 - digits) { scaled *= 10 }
                }
                micros = Int64(scaled)
            }
            let seconds = Int64(date.dayNumber) * 86_400 + Int64(h * 3600 + mi * 60 + s)
            return seconds * 1_000_000 + micros
        }()
        guard let value = parsed else { return nil }
        self.microseconds = value
    }

    /// The calendar day (UTC) this instant falls on.
    public var date: CalendarDate {
        CalendarDate(dayNumber: Int(microseconds.floorDiv(86_400_000_000)))
    }

    /// Always six fractional digits, so recorded timestamps compare correctly as strings too.
    public var description: String {
        text(fraction: true)
    }

    /// To the whole second, with no fraction (`YYYY-MM-DDTHH:MM:SSZ`): how clients most
    /// often send `occurredAt`. Any fraction of a second is dropped.
    public var wholeSecondsDescription: String {
        text(fraction: false)
    }

    private func text(fraction: Bool) -> String {
        let day = date
        let micros = microseconds - Int64(day.dayNumber) * 86_400_000_000
        let seconds = Int(micros / 1_000_000)
        let (y, m, d) = day.components
        // Written into the string's own storage (every recorded event's `recordedAt`, every
        // trail entry, the demo's every line), for the years four digits hold.
        guard (0...9999).contains(y) else {
            let time = day.description + "T" + CalendarDate.pad(seconds / 3600, 2) + ":" + CalendarDate.pad(seconds / 60 % 60, 2)
                + ":" + CalendarDate.pad(seconds % 60, 2)
            return fraction ? time + "." + CalendarDate.pad(Int(micros % 1_000_000), 6) + "Z" : time + "Z"
        }
        let count = fraction ? 27 : 20
        return String(unsafeUninitializedCapacity: count) { text in
            CalendarDate.write(y: y, m: m, d: d, into: text)
            text[10] = UInt8(ascii: "T")
            CalendarDate.writeDigits(seconds / 3600, 2, into: text, at: 11)
            text[13] = UInt8(ascii: ":")
            CalendarDate.writeDigits(seconds / 60 % 60, 2, into: text, at: 14)
            text[16] = UInt8(ascii: ":")
            CalendarDate.writeDigits(seconds % 60, 2, into: text, at: 17)
            if fraction {
                text[19] = UInt8(ascii: ".")
                CalendarDate.writeDigits(Int(micros % 1_000_000), 6, into: text, at: 20)
            }
            text[count - 1] = UInt8(ascii: "Z")
            return count
        }
    }

    /// Earlier instants first.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microseconds < rhs.microseconds
    }
}

extension Int64 {
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
