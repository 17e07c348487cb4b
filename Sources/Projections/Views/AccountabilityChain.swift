import Ledger

/// One step of an accountability line: a practitioner, their agency, or the authority.
public struct AccountabilityLink: Sendable, Hashable {
    /// What a link stands for, which decides where its JSON and table row look it up.
    public enum Kind: String, Sendable, Hashable {
        /// A practitioner, an agency, or the local authority at the top.
        case practitioner, agency, authority
    }

    /// Practitioner, agency or authority.
    public var kind: Kind
    /// The practitioner's, agency's or authority's ID: one of three kinds, as `kind` says, so
    /// kept as spelt.
    public var id: String
    /// Its name as the directory holds it.
    public var name: String
    /// A practitioner's role; for the authority, "director-of-childrens-services".
    public var role: String?
    /// The authority's Director of Children's Services, by name.
    public var director: String?
}

/// The line from a practitioner through their line managers to their agency and its local
/// authority's DCS (guide §4.9).
///
/// A line that cannot be completed (a cycle of line managers, a practitioner, agency or
/// authority the directory lacks) keeps the links found so far and says why in `problem`:
/// an error shown, never a hang.
public struct AccountabilityChain: Sendable, Hashable {
    /// The links, from the person accountable up to the Director of Children's Services.
    public var links: [AccountabilityLink]
    /// Why the chain stops short (a missing record, a line-manager loop, too deep); nil when whole.
    public var problem: String?

    /// Longest line walked: far beyond any real hierarchy, and a second guard beside the cycle check.
    public static let maximumDepth = 64

    /// A chain of `links`, with the reason it stops short if it does.
    public init(links: [AccountabilityLink], problem: String? = nil) {
        self.links = links
        self.problem = problem
    }

    /// The chain of practitioner `id` in `directory`.
    public init(practitioner id: PractitionerID, directory: Directory) {
        links = []
        guard let start = directory.practitioners[id] else {
            problem = "practitioner \(id) is not in the directory"
            return
        }
        var seen: [PractitionerID] = []
        var next: PractitionerID? = id
        while let current = next {
            if seen.contains(current) {
                problem = "line managers form a cycle: " + (seen.drop { $0 != current } + [current]).map(\.rawValue).joined(separator: " → ")
                return
            }
            guard seen.count < Self.maximumDepth else {
                problem = "line management is deeper than \(Self.maximumDepth)"
                return
            }
            guard let p = directory.practitioners[current] else {
                problem = "line manager \(current) is not in the directory"
                return
            }
            seen.append(current)
            links.append(AccountabilityLink(kind: .practitioner, id: p.practitionerId.rawValue, name: p.name, role: p.role))
            next = p.lineManagerId
        }
        guard let agency = directory.agencies[start.agencyId] else {
            problem = "agency \(start.agencyId) is not in the directory"
            return
        }
        links.append(AccountabilityLink(kind: .agency, id: agency.agencyId.rawValue, name: agency.name))
        guard let authority = directory.authorities[agency.authorityId] else {
            problem = "local authority \(agency.authorityId) is not in the directory"
            return
        }
        links.append(
            AccountabilityLink(
                kind: .authority, id: authority.authorityId.rawValue, name: authority.name,
                role: "director-of-childrens-services", director: authority.director))
    }

    /// A case's chain is its lead professional's.
    public static func ofCase(_ caseId: CaseID, leadProfessional: PractitionerID?, directory: Directory) -> AccountabilityChain {
        guard let lead = leadProfessional else {
            return AccountabilityChain(links: [], problem: "case \(caseId) has no lead professional")
        }
        return directory.chain(of: lead)
    }

    /// An action's chain is its owner's; a family-owned action's is the case's lead professional's.
    public static func ofAction(
        owner: ActionOwner, caseId: CaseID, leadProfessional: PractitionerID?, directory: Directory
    ) -> AccountabilityChain {
        switch owner {
        case .practitioner(let id): directory.chain(of: id)
        case .family: ofCase(caseId, leadProfessional: leadProfessional, directory: directory)
        }
    }
}
