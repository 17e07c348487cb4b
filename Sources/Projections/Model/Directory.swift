import Ledger

/// A local authority: the top of every accountability chain.
public struct AuthorityRecord: Sendable, Equatable {
    /// The authority's ID.
    public var authorityId: AuthorityID
    /// Its name.
    public var name: String
    /// Its Director of Children's Services: where every chain ends.
    public var director: String
}

/// An agency (a school, a health trust, a YOT…) within an authority.
public struct AgencyRecord: Sendable, Equatable {
    /// The agency's ID.
    public var agencyId: AgencyID
    /// Its name.
    public var name: String
    /// The authority it belongs to.
    public var authorityId: AuthorityID
    /// Its sector: statutory, voluntary or private.
    public var sector: String
    /// Its service (health, education, police…).
    public var service: String
}

/// A practitioner, their home agency and line manager.
public struct PractitionerRecord: Sendable, Equatable {
    /// The practitioner's ID.
    public var practitionerId: PractitionerID
    /// Their name, as views show it.
    public var name: String
    /// Their current agency.
    public var agencyId: AgencyID
    /// Their role (social worker, teacher…).
    public var role: String
    /// Their line manager, the next link of an escalation; nil if none.
    public var lineManagerId: PractitionerID?
    /// When they left; nil while in post.
    public var leftOn: CalendarDate?

    /// Whether they have left: their work needs someone else.
    public var hasLeft: Bool { leftOn != nil }
}

/// The reference data the accountability chain is built from.
public struct Directory: Sendable, Equatable {
    /// Local authorities by ID.
    public var authorities: [AuthorityID: AuthorityRecord] = [:] { didSet { memo = ChainMemo() } }
    /// Agencies by ID.
    public var agencies: [AgencyID: AgencyRecord] = [:] { didSet { memo = ChainMemo() } }
    /// Practitioners by ID (those who have left included).
    public var practitioners: [PractitionerID: PractitionerRecord] = [:] { didSet { memo = ChainMemo() } }
    /// Chains walked in this version of the directory; replaced by every change above.
    private var memo = ChainMemo()

    /// An empty directory: the state before any directory event.
    public init() {}

    /// Compares the records; the memo of walked chains is a cache and is ignored.
    public static func == (a: Directory, b: Directory) -> Bool {
        a.authorities == b.authorities && a.agencies == b.agencies && a.practitioners == b.practitioners
    }

    /// The accountability chain of practitioner `id`, walked once per version of the directory.
    public func chain(of id: PractitionerID) -> AccountabilityChain {
        memo.chain(of: id) { AccountabilityChain(practitioner: id, directory: self) }
    }

    /// `chain(of: id).linksJSON` as compact JSON bytes, written once per version of the directory.
    public func chainLinksJSON(of id: PractitionerID) -> [UInt8] {
        memo.linksJSON(of: id) { CompactJSON.bytes(chain(of: id).linksJSON) }
    }

    /// Applies a directory event; returns false for events that are not about the directory.
    @discardableResult
    public mutating func evolve(_ event: DomainEvent) -> Bool {
        switch event {
        case .localAuthorityRegistered(let authorityId, let name, let director):
            authorities[authorityId] = AuthorityRecord(authorityId: authorityId, name: name, director: director)
        case .agencyRegistered(let agencyId, let name, let authorityId, let sector, let service):
            agencies[agencyId] = AgencyRecord(
                agencyId: agencyId, name: name, authorityId: authorityId, sector: sector.rawValue,
                service: service.rawValue)
        case .practitionerRegistered(let id, let name, let agencyId, let role, let lineManagerId):
            practitioners[id] = PractitionerRecord(
                practitionerId: id, name: name, agencyId: agencyId, role: role.rawValue, lineManagerId: lineManagerId)
        case .practitionerLineManagerChanged(let id, let lineManagerId):
            practitioners[id]?.lineManagerId = lineManagerId
        case .practitionerMovedAgency(let id, let agencyId, let lineManagerId):
            practitioners[id]?.agencyId = agencyId
            practitioners[id]?.lineManagerId = lineManagerId
        case .practitionerLeft(let id, let leftOn):
            practitioners[id]?.leftOn = leftOn
        default:
            return false
        }
        return true
    }

    /// The practitioner's name, or nil for an unknown ID.
    public func name(of practitionerId: PractitionerID) -> String? {
        practitioners[practitionerId]?.name
    }
}
