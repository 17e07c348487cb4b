import Ledger

/// Which cases (and which practitioners' rows) a reader may see (issue #15: reads scoped to
/// involvement). A view answered within a scope lists nothing outside it, and a case outside
/// it answers exactly as a case that does not exist: its existence is not revealed.
///
/// Scopes are judged on the evaluation's own state: a case's `involved` practitioners as its
/// events left them, and their agencies in the directory as it stood (the current directory
/// for today's views, the replayed one for a past date).
public enum CaseScope: Sendable, Hashable, CustomStringConvertible {
    /// No filter: auditors, and the CLI run by the operator.
    case everything
    /// A practitioner sees the cases they are or were involved in (opened, assessed, TAC member,
    /// lead professional or cover, owner of an action): `CaseRecord.involved` contains them.
    case practitioner(PractitionerID)
    /// A manager bound to an agency sees the cases involving any practitioner whose agency
    /// (in the directory) is this one, and caseload rows of that agency's practitioners only.
    case agency(AgencyID)
    /// A manager or auditor bound to a local authority sees the cases involving any
    /// practitioner of an agency of that authority.
    case authority(AuthorityID)

    /// As errors name it: "agency nm-yot", "everything".
    public var description: String {
        switch self {
        case .everything: "everything"
        case .practitioner(let id): "practitioner \(id)"
        case .agency(let id): "agency \(id)"
        case .authority(let id): "authority \(id)"
        }
    }

    /// Whether a row about practitioner `id` (a caseload line, an accountability question)
    /// is inside the scope, as `directory` places them.
    public func includes(practitioner id: PractitionerID, in directory: Directory) -> Bool {
        switch self {
        case .everything:
            return true
        case .practitioner(let own):
            return id == own
        case .agency(let agencyId):
            return directory.practitioners[id]?.agencyId == agencyId
        case .authority(let authorityId):
            guard let agencyId = directory.practitioners[id]?.agencyId else { return false }
            return directory.agencies[agencyId]?.authorityId == authorityId
        }
    }

    /// Whether a view filtered to agency `id` stays within the scope: the scope's own agency,
    /// an agency of its authority, or a practitioner's own agency.
    public func includes(agency id: AgencyID, in directory: Directory) -> Bool {
        switch self {
        case .everything: true
        case .agency(let own): own == id
        case .authority(let authority): directory.agencies[id]?.authorityId == authority
        case .practitioner(let own): directory.practitioners[own]?.agencyId == id
        }
    }

    /// The practitioners whose involvement makes a case visible; nil for `.everything`.
    ///
    /// For an agency or authority, the directory's practitioners it places there: a case is
    /// visible when it involved one of them.
    public func members(in directory: Directory) -> Set<PractitionerID>? {
        switch self {
        case .everything:
            return nil
        case .practitioner(let id):
            return [id]
        case .agency, .authority:
            var members: Set<PractitionerID> = []
            for (id, _) in directory.practitioners where includes(practitioner: id, in: directory) { members.insert(id) }
            return members
        }
    }
}
