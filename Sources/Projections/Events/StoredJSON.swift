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
    struct Object {
        var members: [(key: Range<Int>, value: Range<Int>)] = []
    }

    func fail(_ message: String, at offset: Int) -> Failure {
        Failure(message: "\(message) at byte \(offset)")
    }

    /// The members of the object that starts at `start`, and the index after it.
    func object(at start: Int) throws(Failure) -> (Object, Int) {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { throw fail("expected an object", at: start) }
        var object = Object()
        object.members.reserveCapacity(12)
        var i = start + 1
        guard i < bytes.count else { throw fail("unterminated object", at: i) }
        if bytes[i] == UInt8(ascii: "}") { return (object, i + 1) }
        while true {
            let keyStart = i
            let (keyEnd, _) = try skipString(at: i)
            guard keyEnd < bytes.count, bytes[keyEnd] == UInt8(ascii: ":") else { throw fail("expected ':'", at: keyEnd) }
            let valueStart = keyEnd + 1
            let valueEnd = try skipValue(at: valueStart, depth: 1)
            object.members.append((keyStart + 1..<keyEnd - 1, valueStart..<valueEnd))
            guard valueEnd < bytes.count else { throw fail("unterminated object", at: valueEnd) }
            switch bytes[valueEnd] {
            case UInt8(ascii: ","): i = valueEnd + 1
            case UInt8(ascii: "}"): return (object, valueEnd + 1)
            default: throw fail("expected ',' or '}'", at: valueEnd)
            }
        }
    }

    /// The index after the string that starts at `start`, and whether it holds escapes.
    func skipString(at start: Int) throws(Failure) -> (Int, Bool) {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { throw fail("expected a string", at: start) }
        var i = start + 1
        var escaped = false
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""): return (i + 1, escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                i += 2
            default: i += 1
            }
        }
        throw fail("unterminated string", at: start)
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

    /// The value range of member `key`, or nil.
    func member(_ object: Object, _ key: StaticString) -> Range<Int>? {
        let count = key.utf8CodeUnitCount
        let base = key.utf8Start
        outer: for member in object.members where member.key.count == count {
            var j = 0
            for i in member.key {
                guard bytes[i] == base[j] else { continue outer }
                j += 1
            }
            return member.value
        }
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
