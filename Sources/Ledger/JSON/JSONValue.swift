/// A parsed JSON document.
///
/// Objects keep their members in document order (duplicates are refused by the parser), so a
/// validator can report the first offending member and the canonical writer can sort them.
public enum JSONValue: Sendable, Equatable {
    /// JSON `null`.
    case null
    /// JSON `true` or `false`.
    case bool(Bool)
    /// Every number is held as a `Double`; the contract only admits integers that a double
    /// represents exactly (|n| ≤ 2^53), which is also what RFC 8785 can serialise losslessly.
    case number(Double)
    /// A JSON string, unescaped.
    case string(String)
    /// A JSON array, in order.
    case array([JSONValue])
    /// A JSON object, its members in document order.
    case object(JSONObject)

    /// The JSON type's name as JSON Schema spells it, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n == n.rounded(.towardZero) ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The string, or nil for any other type.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The object, or nil for any other type.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array, or nil for any other type.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The boolean, or nil for any other type.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The value as an exact integer, if it is a number with no fractional part within ±2^53.
    public var integerValue: Int64? {
        guard case .number(let n) = self, n == n.rounded(.towardZero), abs(n) <= 9_007_199_254_740_991 else {
            return nil
        }
        return Int64(n)
    }

    /// Whether this is JSON `null` (an explicit null, not an absent member).
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A JSON object: members in document order, keys unique.
public struct JSONObject: Sendable, Equatable {
    /// The members in document order; a parsed object's keys are unique.
    public var members: [(key: String, value: JSONValue)]

    /// An object of `members`, in that order; the caller keeps the keys unique.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of member `key`, or nil if there is none.
    public subscript(key: String) -> JSONValue? {
        for member in members where JSONObject.sameName(member.key, key) {
            return member.value
        }
        return nil
    }

    /// JSON compares member names code point by code point (RFC 8259 §8.3), not by Swift's
    /// canonical equivalence, under which "é" and "e\u{301}" would be one name. Comparing the
    /// UTF-8 bytes is both the right rule and the faster one.
    @inline(__always)
    public static func sameName(_ a: String, _ b: String) -> Bool {
        let y = b.utf8
        // Compared in place where both are stored as UTF-8 (native strings, including small
        // ones, and literals); the generic comparison walks the views a byte at a time.
        return y.withContiguousStorageIfAvailable { sameName(a, $0) } ?? (a.utf8.count == y.count && a.utf8.elementsEqual(y))
    }

    /// `sameName` against a name's UTF-8 bytes.
    @inline(__always)
    static func sameName(_ a: String, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let x = a.utf8
        guard x.count == b.count else { return false }
        return x.withContiguousStorageIfAvailable { $0.elementsEqual(b) } ?? x.elementsEqual(b)
    }

    /// The value of member `name`, or nil if there is none: the subscript for a name the code
    /// spells, compared in place with no `String` built for it.
    func value(named name: StaticString) -> JSONValue? {
        name.withUTF8Buffer { bytes in
            for member in members where JSONObject.sameName(member.key, bytes) {
                return member.value
            }
            return nil
        }
    }

    /// How many members the object has.
    public var count: Int { members.count }

    /// Order-insensitive equality: two objects with the same members are the same object.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }
}
