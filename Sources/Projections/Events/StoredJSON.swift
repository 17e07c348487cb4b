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
        let base = bytes.baseAddress!
        var i = start + 1
        var escaped = false
        // memchr finds the closing quote at memory speed; a backslash before it means an
        // escape, which may hide a quote, so only then is the string walked byte by byte.
        while i < bytes.count {
            guard let quote = memchr(base + i, Int32(UInt8(ascii: "\"")), bytes.count - i) else { break }
            let q = base.distance(to: UnsafeRawPointer(quote))
            guard memchr(base + i, Int32(UInt8(ascii: "\\")), q - i) != nil else { return (q + 1, escaped) }
            escaped = true
            while i < q {
                i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
            }
            if i == q { return (q + 1, true) }
            // The quote at q was escaped: continue after it.
            i = q + 1
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

    /// A stream name's kind and ID, split without building the whole name.
    func stream(_ range: Range<Int>) throws(Failure) -> (StreamKind, String) {
        guard range.count > 3 else { throw fail("malformed stream name", at: range.lowerBound) }
        let first = bytes[range.lowerBound + 1]
        let kind: StreamKind
        switch first {
        case UInt8(ascii: "c"): kind = .case
        case UInt8(ascii: "p"): kind = .practitioner
        case UInt8(ascii: "a"): kind = bytes[range.lowerBound + 2] == UInt8(ascii: "g") ? .agency : .authority
        default: throw fail("unknown stream kind", at: range.lowerBound)
        }
        let prefix = kind.prefix.utf8
        let idStart = range.lowerBound + 1 + prefix.count
        guard idStart < range.upperBound - 1,
            prefix.elementsEqual(UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<idStart]))
        else { throw fail("malformed stream name", at: range.lowerBound) }
        return (kind, String(decoding: UnsafeRawBufferPointer(rebasing: bytes[idStart..<(range.upperBound - 1)]), as: UTF8.self))
    }

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
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        for (type, name) in Self.typeNames where name.count == inner.count && name.elementsEqual(inner) {
            return type
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
