import Foundation

/// A minimal append-only JSON writer over a reusable byte buffer.
///
/// `JSONSerialization` and `JSONEncoder` are far too slow for a million lines and do not
/// promise a key order; the workload must be byte-identical run to run, so keys are written
/// in a fixed order by hand. Every free-text value goes through `string(_:)`, which escapes
/// exactly what RFC 8259 requires.
struct DemoJSONWriter {
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

    /// A quoted, escaped JSON string. Non-ASCII text is passed through as UTF-8.
    mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let c = utf8[i]
                guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                escape(c)
                start = i + 1
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(0x22)
    }

    private mutating func escape(_ c: UInt8) {
        bytes.append(0x5C)
        switch c {
        case 0x22: bytes.append(0x22)
        case 0x5C: bytes.append(0x5C)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(Self.hex[Int(c >> 4)])
            bytes.append(Self.hex[Int(c & 0xF)])
        }
    }

    mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            int(-value)
            return
        }
        if value >= 10 { int(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Zero-padded decimal of exactly `width` digits (or more if the value needs them).
    mutating func padded(_ value: Int, width: Int) {
        var digits = 1
        var v = value
        while v >= 10 {
            v /= 10
            digits += 1
        }
        if digits < width {
            for _ in 0..<(width - digits) { bytes.append(UInt8(ascii: "0")) }
        }
        int(value)
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// `"YYYY-MM-DD"`.
    mutating func date(_ dayNumber: Int) {
        bytes.append(0x22)
        dateBody(dayNumber)
        bytes.append(0x22)
    }

    /// `"YYYY-MM-DD"` or `null`.
    mutating func date(_ dayNumber: Int?) {
        if let d = dayNumber { date(d) } else { raw("null") }
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` for an instant in seconds since the epoch.
    mutating func timestamp(_ instant: Int) {
        let day = DemoCalendar.dayOf(instant)
        let seconds = instant - day * DemoCalendar.secondsPerDay
        bytes.append(0x22)
        dateBody(day)
        bytes.append(UInt8(ascii: "T"))
        two(seconds / 3600)
        bytes.append(UInt8(ascii: ":"))
        two(seconds / 60 % 60)
        bytes.append(UInt8(ascii: ":"))
        two(seconds % 60)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(0x22)
    }

    /// A quoted lowercase RFC 4122 version-4-shaped UUID built from 128 hashed bits.
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

    private mutating func dateBody(_ dayNumber: Int) {
        let c = DemoCalendar.civil(dayNumber)
        padded(c.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        two(c.month)
        bytes.append(UInt8(ascii: "-"))
        two(c.day)
    }

    private mutating func two(_ value: Int) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }
}
