import Foundation
import Ledger

/// Reads the ledger's stored events without building a JSON tree.
///
/// Replay decodes every event of the log, so this is its hot path. Stored events are the
/// ledger's own canonical JSON (RFC 8785: no whitespace, members sorted), written only after
/// the strict parser accepted them; this reader finds member boundaries in one pass and
/// decodes just the values asked for. It still checks every bound, so a damaged record is
/// reported as corruption, never misread.
struct StoredJSON {
    let bytes: UnsafeRawBufferPointer

    struct Failure: Error {
        var message: String
    }

    /// One object's members as byte ranges into `bytes`.
    ///
    /// Replay reads the top level and `data` of every event; `object(at:into:)` refills an
    /// `Object` it is given, so a decoding thread reuses two of them for the whole log rather
    /// than allocating two arrays per event.
    struct Object {
        /// Offsets as `Int32`, half the size of two `Range<Int>`: stored events are far
        /// smaller than 2 GiB, and `object(at:)` refuses any buffer that is not.
        struct Member {
            var keyStart: Int32
            var keyEnd: Int32
            var valueStart: Int32
            var valueEnd: Int32

            var key: Range<Int> { Int(keyStart)..<Int(keyEnd) }
            var value: Range<Int> { Int(valueStart)..<Int(valueEnd) }
        }

        var members: [Member] = []
    }

    /// The objects replay reads for every event, kept by each decoding thread so their storage
    /// is reused.
    struct Scratch {
        var top = Object()
        var data = Object()
    }

    func fail(_ message: String, at offset: Int) -> Failure {
        Failure(message: "\(message) at byte \(offset)")
    }

    /// The members of the object that starts at `start`, and the index after it.
    func object(at start: Int) throws(Failure) -> (Object, Int) {
        var object = Object()
        var unused = Object()
        let (end, _) = try read(objectAt: start, into: &object, expanding: nil, into: &unused)
        return (object, end)
    }

    /// Reads the object that starts at `start` into `object`, and its member `nested`, if that
    /// is an object, into `inner`; returns the index after it and whether `nested` was read.
    ///
    /// Reading the nested object as it is met saves walking its bytes twice, once to skip it
    /// and again to read it: an event's `data` is most of its bytes.
    func object(
        at start: Int, into object: inout Object, expanding nested: StaticString, into inner: inout Object
    ) throws(Failure) -> (end: Int, expanded: Bool) {
        try read(objectAt: start, into: &object, expanding: nested, into: &inner)
    }

    private func read(
        objectAt start: Int, into object: inout Object, expanding nested: StaticString?, into inner: inout Object
    ) throws(Failure) -> (end: Int, expanded: Bool) {
        guard bytes.count < Int(Int32.max) else { throw fail("stored event too large", at: 0) }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { throw fail("expected an object", at: start) }
        object.members.removeAll(keepingCapacity: true)
        var expanded = false
        var i = start + 1
        guard i < bytes.count else { throw fail("unterminated object", at: i) }
        if bytes[i] == UInt8(ascii: "}") { return (i + 1, false) }
        while true {
            let keyStart = i
            let (keyEnd, _) = try skipString(at: i)
            guard keyEnd < bytes.count, bytes[keyEnd] == UInt8(ascii: ":") else { throw fail("expected ':'", at: keyEnd) }
            let key = keyStart + 1..<keyEnd - 1
            let valueStart = keyEnd + 1
            let valueEnd: Int
            if let nested, !expanded, valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: "{"), equals(key, nested) {
                var unused = Object()
                valueEnd = try read(objectAt: valueStart, into: &inner, expanding: nil, into: &unused).end
                expanded = true
            } else {
                valueEnd = try skipValue(at: valueStart, depth: 1)
            }
            object.members.append(
                Object.Member(
                    keyStart: Int32(truncatingIfNeeded: key.lowerBound), keyEnd: Int32(truncatingIfNeeded: key.upperBound),
                    valueStart: Int32(truncatingIfNeeded: valueStart), valueEnd: Int32(truncatingIfNeeded: valueEnd)))
            guard valueEnd < bytes.count else { throw fail("unterminated object", at: valueEnd) }
            switch bytes[valueEnd] {
            case UInt8(ascii: ","): i = valueEnd + 1
            case UInt8(ascii: "}"): return (valueEnd + 1, expanded)
            default: throw fail("expected ',' or '}'", at: valueEnd)
            }
        }
    }

    /// The index after the string that starts at `start`, and whether it holds escapes.
    func skipString(at start: Int) throws(Failure) -> (Int, Bool) {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { throw fail("expected a string", at: start) }
        var i = start + 1
        var escaped = false
        while let special = quoteOrBackslash(from: i) {
            if bytes[special] == UInt8(ascii: "\"") { return (special + 1, escaped) }
            // A backslash escapes the next byte, which may be a quote.
            escaped = true
            i = special + 2
        }
        throw fail("unterminated string", at: start)
    }

    /// The index of the first quote or backslash at or after `start`, if any.
    ///
    /// Eight bytes at a time, in a register: most strings here are IDs, dates and keys of a
    /// dozen bytes, for which this beats calling `memchr` for each of the two bytes.
    private func quoteOrBackslash(from start: Int) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = start
        while i + 8 <= count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let hits = Self.zeroBytes(word ^ 0x2222_2222_2222_2222) | Self.zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
            // The lowest flagged byte is exact (only bytes above a true zero can be misflagged).
            if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return i }
            i += 1
        }
        return nil
    }

    /// The high bit of each byte of `word` that is zero (and perhaps of bytes above one).
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// Whether the bytes in `range` spell `key`.
    func equals(_ range: Range<Int>, _ key: StaticString) -> Bool {
        guard range.count == key.utf8CodeUnitCount else { return false }
        // Keys are a dozen bytes: a loop here is quicker than a call to memcmp.
        let name = key.utf8Start
        var j = 0
        for i in range {
            guard bytes[i] == name[j] else { return false }
            j += 1
        }
        return true
    }

    /// The index after the value that starts at `start`.
    func skipValue(at start: Int, depth: Int) throws(Failure) -> Int {
        guard depth <= JSONParser.maximumDepth else { throw fail("nested too deeply", at: start) }
        guard start < bytes.count else { throw fail("missing value", at: start) }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try skipString(at: start).0
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[start] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            var i = start + 1
            guard i < bytes.count else { throw fail("unterminated container", at: start) }
            if bytes[i] == close { return i + 1 }
            while true {
                if close == UInt8(ascii: "}") {
                    i = try skipString(at: i).0
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'", at: i) }
                    i += 1
                }
                i = try skipValue(at: i, depth: depth + 1)
                guard i < bytes.count else { throw fail("unterminated container", at: start) }
                if bytes[i] == close { return i + 1 }
                guard bytes[i] == UInt8(ascii: ",") else { throw fail("expected ','", at: i) }
                i += 1
            }
        default:
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): return i
                default: i += 1
                }
            }
            return i
        }
    }

    /// The value range of member `key` of the object that starts at `start`, or nil: one walk
    /// of the object, storing nothing, for objects read once.
    func member(_ key: StaticString, ofObjectAt start: Int) throws(Failure) -> Range<Int>? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { throw fail("expected an object", at: start) }
        var i = start + 1
        guard i < bytes.count else { throw fail("unterminated object", at: i) }
        if bytes[i] == UInt8(ascii: "}") { return nil }
        while true {
            let (keyEnd, _) = try skipString(at: i)
            guard keyEnd < bytes.count, bytes[keyEnd] == UInt8(ascii: ":") else { throw fail("expected ':'", at: keyEnd) }
            let valueEnd = try skipValue(at: keyEnd + 1, depth: 1)
            if equals(i + 1..<keyEnd - 1, key) { return keyEnd + 1..<valueEnd }
            guard valueEnd < bytes.count else { throw fail("unterminated object", at: valueEnd) }
            switch bytes[valueEnd] {
            case UInt8(ascii: ","): i = valueEnd + 1
            case UInt8(ascii: "}"): return nil
            default: throw fail("expected ',' or '}'", at: valueEnd)
            }
        }
    }

    /// The value range of member `key`, or nil.
    func member(_ object: Object, _ key: StaticString) -> Range<Int>? {
        for member in object.members where equals(member.key, key) { return member.value }
        return nil
    }

    func isNull(_ range: Range<Int>) -> Bool {
        range.count == 4 && bytes[range.lowerBound] == UInt8(ascii: "n")
    }

    func string(_ range: Range<Int>) throws(Failure) -> String {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") else {
            throw fail("expected a string", at: range.lowerBound)
        }
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        guard inner.contains(UInt8(ascii: "\\")) else { return String(decoding: inner, as: UTF8.self) }
        // Escapes are rare; the strict parser decodes them exactly as they were accepted.
        guard case .string(let s)? = try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[range])) else {
            throw fail("malformed string", at: range.lowerBound)
        }
        return s
    }

    /// A stream name's kind and ID, split without building the whole name.
    func stream(_ range: Range<Int>) throws(Failure) -> (StreamKind, String) {
        guard range.count > 3, bytes[range.lowerBound] == UInt8(ascii: "\"") else {
            throw fail("malformed stream name", at: range.lowerBound)
        }
        let name = range.lowerBound + 1..<range.upperBound - 1
        for (kind, prefix) in Self.streamPrefixes where prefix.count < name.count {
            let matches = prefix.withUnsafeBytes { memcmp(bytes.baseAddress! + name.lowerBound, $0.baseAddress!, prefix.count) == 0 }
            if matches {
                let id = UnsafeRawBufferPointer(rebasing: bytes[(name.lowerBound + prefix.count)..<name.upperBound])
                return (kind, String(decoding: id, as: UTF8.self))
            }
        }
        throw fail("unknown stream kind", at: range.lowerBound)
    }

    /// Each stream kind with its prefix (`case-`, …) as bytes, cases first (most events are
    /// theirs): `StreamKind.prefix` builds a new string on every call.
    private static let streamPrefixes: [(StreamKind, [UInt8])] =
        (StreamKind.allCases.filter { $0 == .case } + StreamKind.allCases.filter { $0 != .case })
        .map { ($0, Array($0.prefix.utf8)) }

    /// A timestamp string, parsed from its bytes.
    func timestamp(_ range: Range<Int>) throws(Failure) -> Timestamp {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") else { throw fail("expected a timestamp", at: range.lowerBound) }
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        guard let t = Timestamp(utf8: inner.assumingMemoryBound(to: UInt8.self)) else {
            throw fail("malformed timestamp", at: range.lowerBound)
        }
        return t
    }

    /// The event type named by a string, matched on its bytes.
    func eventType(_ range: Range<Int>) throws(Failure) -> EventType {
        guard range.count >= 2 else { throw fail("expected an event type", at: range.lowerBound) }
        let inner = range.lowerBound + 1..<range.upperBound - 1
        for (type, name) in Self.typeNames where name.count == inner.count {
            let same = name.withUnsafeBytes { memcmp(bytes.baseAddress! + inner.lowerBound, $0.baseAddress!, inner.count) == 0 }
            if same { return type }
        }
        throw fail("unknown event type", at: range.lowerBound)
    }

    private static let typeNames: [(EventType, [UInt8])] = EventType.allCases.map { ($0, Array($0.rawValue.utf8)) }

    func integer(_ range: Range<Int>) throws(Failure) -> Int64 {
        guard !range.isEmpty, range.count <= 16 else { throw fail("expected an integer", at: range.lowerBound) }
        var value: Int64 = 0
        for i in range {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { throw fail("expected an integer", at: i) }
            value = value * 10 + Int64(digit)
        }
        return value
    }

    func bool(_ range: Range<Int>) throws(Failure) -> Bool {
        switch range.count {
        case 4 where bytes[range.lowerBound] == UInt8(ascii: "t"): return true
        case 5 where bytes[range.lowerBound] == UInt8(ascii: "f"): return false
        default: throw fail("expected a boolean", at: range.lowerBound)
        }
    }

    /// The element ranges of the array at `range`.
    func elements(_ range: Range<Int>) throws(Failure) -> [Range<Int>] {
        guard bytes[range.lowerBound] == UInt8(ascii: "[") else { throw fail("expected an array", at: range.lowerBound) }
        var result: [Range<Int>] = []
        var i = range.lowerBound + 1
        if bytes[i] == UInt8(ascii: "]") { return result }
        while true {
            let end = try skipValue(at: i, depth: 2)
            result.append(i..<end)
            guard end < range.upperBound else { throw fail("unterminated array", at: end) }
            if bytes[end] == UInt8(ascii: "]") { return result }
            i = end + 1
        }
    }
}
