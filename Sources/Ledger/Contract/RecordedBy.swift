#if canImport(Glibc)
    import Glibc
#endif

/// Who appended an event, as the ledger authenticated them: recorded as the event's
/// `recordedBy` (DOMAIN.md, "Authenticated authorship"), and so covered by its hash.
///
/// `actor` is what the request claims; `recordedBy` is what the ledger knows: a practitioner's
/// own token, a case system's writer token, or an operator running the CLI on the data
/// directory. Events recorded before the ledger did this simply lack it.
public struct RecordedBy: Sendable, Hashable, CustomStringConvertible {
    /// What authenticated the append, and so what `name` names.
    public enum Kind: String, Sendable, CaseIterable {
        /// A practitioner's own token.
        case practitioner
        /// A case system (a writer or integration token) bound to a system name.
        case system
        /// The CLI, run by an operator (a local account) on the data directory.
        case local
    }

    /// What authenticated the append.
    public let kind: Kind
    /// The practitioner ID, system name or account name: `[A-Za-z0-9._-]{1,64}`.
    public let name: String

    /// nil unless `name` is an ID of the contract's form (so the recorded text never needs
    /// escaping and always reads back as it was written).
    public init?(_ kind: Kind, _ name: String) {
        guard IdentifierRule.isValid(name) else { return nil }
        self.kind = kind
        self.name = name
    }

    /// Reads `kind:name`.
    public init?(parsing text: some StringProtocol) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        self.init(kind, String(text[text.index(after: colon)...]))
    }

    /// `kind:name`, as recorded in the event's `recordedBy`.
    public var description: String { "\(kind.rawValue):\(name)" }

    /// The JSON Schema pattern of the recorded text.
    public static var pattern: String {
        "^(" + Kind.allCases.map(\.rawValue).joined(separator: "|") + "):" + IdentifierRule.pattern + "$"
    }

    /// `localUser()`, once per process: what the CLI records, and the default of every
    /// append made through the library without an authenticated principal.
    public static let processUser = localUser()

    /// The operator running this process: `local:` and the effective user's account name, or
    /// `local:uid-N` when the account has no name of the contract's form.
    public static func localUser() -> RecordedBy {
        let uid = geteuid()
        if let entry = getpwuid(uid), let cName = entry.pointee.pw_name,
            let user = RecordedBy(.local, String(cString: cName))
        {
            return user
        }
        // "uid-" and at most 10 digits: always an ID.
        return RecordedBy(.local, "uid-\(uid)") ?? RecordedBy(unchecked: .local, "uid")
    }

    private init(unchecked kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }
}
