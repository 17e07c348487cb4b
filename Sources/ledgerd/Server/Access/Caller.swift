import Ledger
import Projections

/// Who made a request, once `AccessMiddleware` has authenticated its token: what routes
/// check (authorship, scope) and what the access trail records.
struct Caller: Sendable, Equatable {
    /// The token's id (`tok-…`), never the token.
    var tokenId: String
    var role: Role
    var principal: Principal
    /// For integrations: the stream prefixes and event types it may read (empty: all).
    var streams: [String] = []
    var types: [String] = []

    /// The cases (and practitioners' rows) this caller may read: a practitioner's own cases, an
    /// agency's or an authority's. Systems read no case views (their roles carry no such
    /// permission); on the event routes their limits are `EventScope`'s.
    var caseScope: CaseScope {
        switch principal {
        case .practitioner(let id): .practitioner(PractitionerID(rawValue: id))
        case .agency(let id): .agency(AgencyID(rawValue: id))
        case .authority(let id): .authority(AuthorityID(rawValue: id))
        case .system: .everything
        }
    }
}
