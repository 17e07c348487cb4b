import Ledger

/// Assembles one append request's JSON line in a reusable byte buffer.
///
/// `JSONSerialization` and `JSONEncoder` are far too slow for a million lines and do not
/// promise a key order; the workload must be byte-identical run to run, so members are
/// written in the renderer's fixed order (the request's documented order, not canonical
/// order: the ledger canonicalises what it records, not what it is sent). Nothing is
/// encoded here: free text goes through the ledger's `CanonicalJSON.writeString`, dates and
/// timestamps are spelt by `CalendarDate`, integers by the standard library. What is left
/// is literal structure and IDs the generator built from `[A-Za-z0-9._-]`.
struct DemoLineWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// The finished line (no trailing newline).
    func line() -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Literal JSON text written by the generator itself (keys, punctuation, enum values).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    /// Bytes already known to need no escaping (IDs matching `[A-Za-z0-9._-]`).
    mutating func raw(_ ascii: [UInt8]) {
        bytes.append(contentsOf: ascii)
    }

    /// A quoted ID known to need no escaping.
    mutating func quoted(_ ascii: [UInt8]) {
        bytes.append(0x22)
        bytes.append(contentsOf: ascii)
        bytes.append(0x22)
    }

    /// A quoted enumeration value.
    mutating func quoted(_ text: StaticString) {
        bytes.append(0x22)
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
    }

    /// A JSON string, escaped as the ledger escapes (non-ASCII text passes through as UTF-8).
    mutating func string(_ text: String) {
        CanonicalJSON.writeString(text, into: &bytes)
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// `"YYYY-MM-DD"`.
    mutating func date(_ dayNumber: Int) {
        CanonicalJSON.writeString(CalendarDate(dayNumber: dayNumber).description, into: &bytes)
    }

    /// `"YYYY-MM-DD"` or `null`.
    mutating func date(_ dayNumber: Int?) {
        if let d = dayNumber { date(d) } else { raw("null") }
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` for an instant in seconds since the epoch: whole seconds,
    /// as a client sends them (`Timestamp.description` always writes microseconds).
    mutating func timestamp(_ instant: Int) {
        let day = DemoTimeline.dayOf(instant)
        let seconds = instant - day * DemoTimeline.secondsPerDay
        bytes.append(0x22)
        bytes.append(contentsOf: CalendarDate(dayNumber: day).description.utf8)
        bytes.append(UInt8(ascii: "T"))
        bytes.append(contentsOf: CalendarDate.pad(seconds / 3600, 2).utf8)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: CalendarDate.pad(seconds / 60 % 60, 2).utf8)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: CalendarDate.pad(seconds % 60, 2).utf8)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(0x22)
    }

    /// A quoted lowercase RFC 4122 version-4-shaped UUID built from 128 hashed bits.
    ///
    /// An ID format, not JSON: written digit by digit into the line rather than through
    /// `EventID.description`, which builds a string per byte, since every line has one.
    mutating func uuid(_ high: UInt64, _ low: UInt64) {
        let hi = (high & ~(0xF << 12)) | (0x4 << 12)
        let lo = (low & ~(0xC << 60)) | (0x8 << 60)
        // 8-4-4-4-12 hex digits, written into a fixed-size scratch buffer.
        var text: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { out in
            var k = 0
            func put(_ word: UInt64, _ from: Int, _ to: Int) {
                for i in from..<to {
                    out[k] = Self.hexDigit(UInt8(truncatingIfNeeded: word >> (60 - 4 * UInt64(i))) & 0xF)
                    k += 1
                }
            }
            out[k] = 0x22
            k += 1
            put(hi, 0, 8)
            out[k] = 0x2D
            k += 1
            put(hi, 8, 12)
            out[k] = 0x2D
            k += 1
            put(hi, 12, 16)
            out[k] = 0x2D
            k += 1
            put(lo, 0, 4)
            out[k] = 0x2D
            k += 1
            put(lo, 4, 16)
            out[k] = 0x22
            bytes.append(contentsOf: out[0..<38])
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }
}
