import Foundation

/// A one-pass check that stored bytes are exactly `CanonicalJSON`'s form of what they parse
/// to, without building the value or encoding it again: what `verify` asks of every event,
/// at a fraction of a parse and an encode.
///
/// It answers only "certainly canonical": anything it does not decide cheaply (numbers
/// other than short integers, names with escapes or outside ASCII, out-of-order names) returns
/// nil and the caller takes the full path, which also names what is wrong. So it may be
/// stricter than the full check, never looser; `CanonicalScanTests` holds the two together.
struct CanonicalScan {
    /// The recorded event's envelope fields that verification cross-checks with the indexes.
    struct Envelope: Equatable {
        var seq: UInt64
        var version: Int64
        var stream: String
        var eventId: String
        var recordedAt: String
    }

    private let bytes: UnsafeRawBufferPointer
    private var i = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The envelope of a recorded event whose bytes are certainly canonical and certainly what
    /// `RecordedEvent(decoding:)` accepts; nil when that takes the full check to decide.
    static func envelope(_ bytes: UnsafeRawBufferPointer) -> Envelope? {
        var scan = CanonicalScan(bytes)
        var members: [Member] = []
        members.reserveCapacity(12)
        guard scan.peek == UInt8(ascii: "{"), scan.object(depth: 1, top: &members, record: true), scan.i == bytes.count else { return nil }
        return scan.envelope(members)
    }

    /// A top-level member: where its name and value are, and what kind of value.
    private struct Member {
        var key: Range<Int>
        var value: Range<Int>
        var kind: Kind
    }

    private enum Kind { case plainString, escapedString, integer, object, other }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func value(depth: Int) -> Kind? {
        guard let first = peek else { return nil }
        switch first {
        case UInt8(ascii: "{"):
            var unused: [Member] = []
            return object(depth: depth + 1, top: &unused, record: false) ? .object : nil
        case UInt8(ascii: "["): return array(depth: depth + 1) ? .other : nil
        case UInt8(ascii: "\""): return string().map { $0.escaped ? .escapedString : .plainString }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer() ? .integer : nil
        case UInt8(ascii: "t"): return literal("true") ? .other : nil
        case UInt8(ascii: "f"): return literal("false") ? .other : nil
        case UInt8(ascii: "n"): return literal("null") ? .other : nil
        default: return nil
        }
    }

    /// `{…}` with names in strictly increasing byte order (ASCII names: RFC 8785's UTF-16
    /// order, and no duplicates); appends the members to `top` when `record` is set.
    private mutating func object(depth: Int, top: inout [Member], record: Bool) -> Bool {
        guard depth <= JSONParser.maximumDepth else { return false }
        i += 1
        if peek == UInt8(ascii: "}") {
            i += 1
            return true
        }
        var previous: Range<Int>?
        while true {
            let keyStart = i + 1
            // Names in ASCII without escapes: byte order is then RFC 8785's UTF-16 order.
            guard peek == UInt8(ascii: "\""), let shape = string(), !shape.escaped, shape.ascii else { return false }
            let key = keyStart..<(i - 1)
            if let previous, !precedes(previous, key) { return false }
            previous = key
            guard peek == UInt8(ascii: ":") else { return false }
            i += 1
            let valueStart = i
            guard let kind = value(depth: depth) else { return false }
            if record { top.append(Member(key: key, value: valueStart..<i, kind: kind)) }
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"):
                i += 1
                return true
            default: return false
            }
        }
    }

    private mutating func array(depth: Int) -> Bool {
        guard depth <= JSONParser.maximumDepth else { return false }
        i += 1
        if peek == UInt8(ascii: "]") {
            i += 1
            return true
        }
        while true {
            guard value(depth: depth) != nil else { return false }
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"):
                i += 1
                return true
            default: return false
            }
        }
    }

    /// What a string held that its readers care about.
    private struct StringShape {
        var escaped = false
        var ascii = true
    }

    /// A string in exactly the escapes `CanonicalJSON.writeString` writes, its other bytes
    /// valid UTF-8 (which parsing and writing again keep byte for byte), or nil.
    private mutating func string() -> StringShape? {
        i += 1
        var shape = StringShape()
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return shape
            }
            guard c >= 0x20 else { return nil }
            if c >= 0x80 {
                guard let length = Self.utf8Sequence(bytes, at: i) else { return nil }
                shape.ascii = false
                i += length
                continue
            }
            guard c == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { return nil }
            shape.escaped = true
            switch bytes[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
                UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                // Only control characters without a short escape are written as \u00xx.
                guard i + 5 < bytes.count, bytes[i + 2] == UInt8(ascii: "0"), bytes[i + 3] == UInt8(ascii: "0"),
                    let high = Self.hex(bytes[i + 4]), high <= 1, let low = Self.hex(bytes[i + 5])
                else { return nil }
                let scalar = high << 4 | low
                guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(scalar) else { return nil }
                i += 6
            default: return nil
            }
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no
    /// surrogates, nothing past U+10FFFF) starting at `at`, or nil.
    private static func utf8Sequence(_ bytes: UnsafeRawBufferPointer, at: Int) -> Int? {
        let lead = bytes[at]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return nil
        }
        guard at + length <= bytes.count, second.contains(bytes[at + 1]) else { return nil }
        for k in 2..<length where !(0x80...0xBF).contains(bytes[at + k]) { return nil }
        return length
    }

    /// An integer as `CanonicalJSON.writeNumber` writes it, of at most 15 digits (exact in a
    /// double, so parsing and writing it again gives the same digits).
    private mutating func integer() -> Bool {
        let negative = peek == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { i += 1 }
        let digits = i - start
        guard digits >= 1, digits <= 15 else { return false }
        // "0" alone (never "-0" or a leading zero), and no fraction or exponent.
        if bytes[start] == UInt8(ascii: "0"), digits > 1 || negative { return false }
        if let c = peek, c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { return false }
        return true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
        i += count
        return true
    }

    private func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let n = min(a.count, b.count)
        for k in 0..<n where bytes[a.lowerBound + k] != bytes[b.lowerBound + k] {
            return bytes[a.lowerBound + k] < bytes[b.lowerBound + k]
        }
        return a.count < b.count
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// The envelope, if the members are exactly what `RecordedEvent(decoding:)` accepts: its
    /// fields, each of its kind, `metadata` and `recordedBy` optional. Names are strictly
    /// increasing, so the members are the sorted fields themselves (less absent optional
    /// ones), compared byte for byte (no string is made).
    private func envelope(_ members: [Member]) -> Envelope? {
        guard members.count <= Self.fields.count, members.count >= Self.fields.count - Self.optionalCount else { return nil }
        var seq: UInt64?, version: Int64?, stream: String?, eventId: String?, recordedAt: String?
        var next = 0
        for member in members {
            func matches(_ name: [UInt8]) -> Bool {
                name.withUnsafeBytes { name in
                    guard name.count == member.key.count, let a = name.baseAddress, let b = bytes.baseAddress else { return false }
                    return memcmp(a, b + member.key.lowerBound, name.count) == 0
                }
            }
            // An optional field the event lacks is passed over; a required one is not.
            while next < Self.fields.count, Self.fields[next].field.isOptional, !matches(Self.fields[next].name) { next += 1 }
            guard next < Self.fields.count, matches(Self.fields[next].name) else { return nil }
            let (name, field) = Self.fields[next]
            next += 1
            switch (field, member.kind) {
            case (.string, .plainString), (.string, .escapedString), (.object, .object), (.optionalObject, .object),
                (.optionalString, .plainString), (.optionalString, .escapedString):
                break
            case (.integer, .integer): guard bytes[member.value.lowerBound] != UInt8(ascii: "-") else { return nil }
            default: return nil
            }
            // The fields read here never hold escapes in a ledger's events; one that does takes the full path.
            let inner = UnsafeRawBufferPointer(rebasing: bytes[(member.value.lowerBound + 1)..<max(member.value.upperBound - 1, member.value.lowerBound + 1)])
            let text = member.kind == .plainString ? String(decoding: inner, as: UTF8.self) : nil
            switch name.count {
            case 3 where name == Self.seqName: seq = Self.decimal(bytes[member.value])
            case 7 where name == Self.versionName: version = Self.decimal(bytes[member.value]).map { Int64($0) }
            case 6 where name == Self.streamName: stream = text
            case 7 where name == Self.eventIdName: eventId = text
            case 10 where name == Self.recordedAtName: recordedAt = text
            default: break
            }
        }
        // Every field left over must be optional.
        guard Self.fields[next...].allSatisfy(\.field.isOptional) else { return nil }
        guard let seq, let version, let stream, let eventId, let recordedAt else { return nil }
        return Envelope(seq: seq, version: version, stream: stream, eventId: eventId, recordedAt: recordedAt)
    }

    /// A non-negative integer of at most 15 digits (as `integer()` accepted it).
    private static func decimal(_ digits: Slice<UnsafeRawBufferPointer>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 15 else { return nil }
        var value: UInt64 = 0
        for c in digits {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + UInt64(c - UInt8(ascii: "0"))
        }
        return value
    }

    enum Field {
        case string, integer, object, optionalObject, optionalString

        var isOptional: Bool { self == .optionalObject || self == .optionalString }
    }

    private static let optionalCount = fields.filter(\.field.isOptional).count

    /// `RecordedEvent`'s fields (its `fields` is the same set: `CanonicalScanTests` holds them
    /// together), in RFC 8785 order, with their kinds.
    static let fields: [(name: [UInt8], field: Field)] = ([
        ("actor", .string), ("data", .object), ("eventId", .string), ("hash", .string), ("metadata", .optionalObject),
        ("occurredAt", .string), ("prevHash", .string), ("recordedAt", .string), ("recordedBy", .optionalString),
        ("seq", .integer), ("stream", .string),
        ("type", .string), ("version", .integer),
    ] as [(String, Field)]).map { (Array($0.0.utf8), $0.1) }
    private static let seqName = Array("seq".utf8), versionName = Array("version".utf8), streamName = Array("stream".utf8)
    private static let eventIdName = Array("eventId".utf8), recordedAtName = Array("recordedAt".utf8)
}
