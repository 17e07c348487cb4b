/// The kinds of stream the contract knows; the stream's name is `kind-ID`.
public enum StreamKind: String, Sendable, CaseIterable {
    /// A child's case: its assessments, team, meetings, actions and closure.
    case `case`
    /// A practitioner: registration, line manager, agency moves, leaving.
    case practitioner
    /// An agency: its registration.
    case agency
    /// A local authority: its registration.
    case authority

    /// `kind-`: what every stream name of this kind begins with.
    public var prefix: String { rawValue + "-" }
}

/// A validated stream name such as `case-4711`.
public struct StreamName: Sendable, Hashable, CustomStringConvertible {
    /// What kind of stream it is: which event types it may hold.
    public let kind: StreamKind
    /// The ID after the prefix, valid by the contract's ID rule.
    public let id: String
    /// `kind-ID`, kept whole: it is the key of every stream lookup.
    public let text: String

    /// The stream `kind-id`; `id` must already be valid (it traps otherwise: callers validate
    /// input with `init?(parsing:)` or `IdentifierRule.isValid`).
    public init(kind: StreamKind, id: String) {
        precondition(IdentifierRule.isValid(id), "stream ID must match [A-Za-z0-9._-]{1,64}")
        self.kind = kind
        self.id = id
        self.text = kind.prefix + id
    }

    /// Parses `kind-ID`; nil when the prefix is unknown or the ID breaks the ID rule.
    ///
    /// Byte by byte: a valid name is ASCII, where bytes and characters agree, and any other
    /// text fails the ID rule whichever way it is split.
    public init?(parsing text: String) {
        let utf8 = text.utf8
        for (kind, prefix) in Self.prefixes where utf8.starts(with: prefix.utf8) {
            let id = String(Substring(utf8.dropFirst(prefix.utf8.count)))
            guard IdentifierRule.isValid(id) else { return nil }
            self.kind = kind
            self.id = id
            self.text = text
            return
        }
        return nil
    }

    /// Each kind with its prefix, made once: every request's stream is parsed against them.
    private static let prefixes = StreamKind.allCases.map { ($0, $0.prefix) }

    /// The name as written, `kind-ID`.
    public var description: String { text }
}

/// The contract's identifier rule, shared by stream IDs and every ID field.
public enum IdentifierRule {
    /// The most characters an identifier may have.
    public static let maximumLength = 64
    /// The identifier rule as a regular expression, for schemas and error messages.
    public static let pattern = "[A-Za-z0-9._-]{1,64}"

    /// Whether `text` is a contract identifier: 1–64 of `[A-Za-z0-9._-]`.
    public static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maximumLength else { return false }
        if let valid = utf8.withContiguousStorageIfAvailable({ bytes in bytes.allSatisfy(isIdentifierByte) }) {
            return valid
        }
        return utf8.allSatisfy(isIdentifierByte)
    }

    /// Whether `byte` may appear in an identifier (ASCII letters, digits, `.`, `_`, `-`).
    @inline(__always)
    public static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
