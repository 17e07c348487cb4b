import Ledger

/// Whom a token speaks for (issue #15): a practitioner, an agency's or an authority's
/// management, or a system. Every token is bound to one when it is made; what the token may
/// read is scoped by it, and what it appends is recorded as its (`recordedBy`).
enum Principal: Sendable, Hashable, CustomStringConvertible {
    case practitioner(String)
    case agency(String)
    case authority(String)
    case system(String)

    enum Kind: String, Sendable, CaseIterable {
        case practitioner, agency, authority, system
    }

    var kind: Kind {
        switch self {
        case .practitioner: .practitioner
        case .agency: .agency
        case .authority: .authority
        case .system: .system
        }
    }

    /// The practitioner ID, agency ID, authority ID or system name.
    var id: String {
        switch self {
        case .practitioner(let id), .agency(let id), .authority(let id), .system(let id): id
        }
    }

    /// nil unless `id` is an ID of the contract's form (`[A-Za-z0-9._-]{1,64}`).
    init?(_ kind: Kind, _ id: String) {
        guard IdentifierRule.isValid(id) else { return nil }
        switch kind {
        case .practitioner: self = .practitioner(id)
        case .agency: self = .agency(id)
        case .authority: self = .authority(id)
        case .system: self = .system(id)
        }
    }

    /// Reads `kind:id`, as `description` writes it.
    init?(parsing text: some StringProtocol) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        self.init(kind, String(text[text.index(after: colon)...]))
    }

    var description: String { "\(kind.rawValue):\(id)" }

    /// The directory stream that registers this principal (`practitioner-ID`, `agency-ID`,
    /// `authority-ID`); nil for a system, which the directory does not hold.
    var directoryStream: StreamName? {
        switch self {
        case .practitioner(let id): StreamName(kind: .practitioner, id: id)
        case .agency(let id): StreamName(kind: .agency, id: id)
        case .authority(let id): StreamName(kind: .authority, id: id)
        case .system: nil
        }
    }

    /// "; did you mean …" among the registered IDs of this principal's kind: for one the
    /// directory does not hold.
    func suggestion(in ledger: Ledger, _ txn: LMDBTransaction) throws -> String {
        guard let kind = directoryStream?.kind else { return "" }
        return Suggestions.phrase(Suggestions.closest(to: id, among: try ledger.streamIds(of: kind, in: txn)))
    }

    /// What the ledger records as the author of what this principal appends; nil for the
    /// principals that may not append (management is bound to an agency or authority).
    var recordedBy: RecordedBy? {
        switch self {
        case .practitioner(let id): RecordedBy(.practitioner, id)
        case .system(let name): RecordedBy(.system, name)
        case .agency, .authority: nil
        }
    }
}
