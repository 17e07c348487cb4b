import Ledger

/// A local authority: the top of every accountability chain.
public struct AuthorityRecord: Sendable, Equatable {
    public var authorityId: String
    public var name: String
    public var director: String
}

/// An agency (a school, a health trust, a YOT…) within an authority.
public struct AgencyRecord: Sendable, Equatable {
    public var agencyId: String
    public var name: String
    public var authorityId: String
    public var sector: String
    public var service: String
}

/// A practitioner, their home agency and line manager.
public struct PractitionerRecord: Sendable, Equatable {
    public var practitionerId: String
    public var name: String
    public var agencyId: String
    public var role: String
    public var lineManagerId: String?
    public var leftOn: CalendarDate?

    public var hasLeft: Bool { leftOn != nil }
}

/// The reference data the accountability chain is built from.
public struct Directory: Sendable, Equatable {
    public var authorities: [String: AuthorityRecord] = [:] { didSet { memo = ChainMemo() } }
    public var agencies: [String: AgencyRecord] = [:] { didSet { memo = ChainMemo() } }
    public var practitioners: [String: PractitionerRecord] = [:] { didSet { memo = ChainMemo() } }
    /// Chains walked in this version of the directory; replaced by every change above.
    private var memo = ChainMemo()

    public init() {}

    public static func == (a: Directory, b: Directory) -> Bool {
        a.authorities == b.authorities && a.agencies == b.agencies && a.practitioners == b.practitioners
    }

    /// The accountability chain of practitioner `id`, walked once per version of the directory.
    public func chain(of id: String) -> AccountabilityChain {
        memo.chain(of: id) { AccountabilityChain(practitioner: id, directory: self) }
    }

    /// `chain(of: id).linksJSON` as compact JSON bytes, written once per version of the directory.
    public func chainLinksJSON(of id: String) -> [UInt8] {
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
                agencyId: agencyId, name: name, authorityId: authorityId, sector: sector, service: service)
        case .practitionerRegistered(let id, let name, let agencyId, let role, let lineManagerId):
            practitioners[id] = PractitionerRecord(
                practitionerId: id, name: name, agencyId: agencyId, role: role, lineManagerId: lineManagerId)
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

    public func name(of practitionerId: String) -> String? {
        practitioners[practitionerId]?.name
    }
}
