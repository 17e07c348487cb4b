/// What the rules may ask about other streams: the directory, as of this transaction.
public protocol DirectoryLookup {
    /// The practitioner's state (agency, whether they have left), or nil if not registered.
    /// Throws only if storage fails.
    func practitioner(_ id: PractitionerID) throws(LedgerError) -> PractitionerState?
    /// Whether an agency with this ID is registered.
    func agencyExists(_ id: AgencyID) throws(LedgerError) -> Bool
    /// Whether a local authority with this ID is registered.
    func authorityExists(_ id: AuthorityID) throws(LedgerError) -> Bool
}

/// The ledger's stateful rules as two plain functions (decide, evolve) over a stream's state.
///
/// `decide` refuses what DOMAIN.md refuses (rules 4 and 5) and nothing else: policy problems
/// such as a YOT officer leading a statutory case are recorded and flagged by projections.
/// Both read the request's typed event (`AppendRequest.event`), decoded once with the request.
public enum AppendRules {
    /// Refuses the request if the stream's current state (nil: the stream does not exist)
    /// or the directory forbids it.
    public static func decide(
        _ request: AppendRequest, state: StreamState?, directory: some DirectoryLookup
    ) throws(LedgerError) {
        if !request.actor.hasPrefix("system:") {
            try requirePractitioner(PractitionerID(rawValue: request.actor), field: "actor", directory: directory)
        }
        switch request.type.streamKind {
        case .authority, .agency, .practitioner:
            try decideDirectory(request, state: state, directory: directory)
        case .case:
            guard case .case(let caseState)? = state else {
                guard case .caseOpened(let opened) = request.event else {
                    throw refuse("type", "\(request.stream) does not exist; a case stream must begin with CaseOpened")
                }
                try requirePractitioner(opened.openedBy, field: "data.openedBy", directory: directory)
                return
            }
            try decideCase(request, state: caseState, directory: directory)
        }
    }

    /// Evolves `state` in place; the stream's state after `request`, which `decide` has accepted.
    public static func evolve(_ state: inout StreamState?, _ request: AppendRequest) {
        // Take the value out first so the case state is uniquely referenced and its
        // collections mutate in place rather than being copied per event.
        let current = state
        state = nil
        state = evolve(current, request)
    }

    /// The stream's state after `request`, which `decide` has accepted. Total all the same (it
    /// never traps), but only an accepted event's result is meaningful: one `decide` would
    /// refuse may still change what it names (a completion of an unknown action records it).
    public static func evolve(_ state: consuming StreamState?, _ request: AppendRequest) -> StreamState? {
        switch request.event {
        case .localAuthorityRegistered:
            return .authority
        case .agencyRegistered(_, _, let authorityId, _, _):
            return .agency(AgencyState(authorityId: authorityId))
        case .practitionerRegistered(_, _, let agencyId, _, _):
            return .practitioner(PractitionerState(agencyId: agencyId, hasLeft: false))
        case .practitionerLineManagerChanged:
            return state
        case .practitionerMovedAgency(_, let agencyId, _):
            guard case .practitioner(var p)? = state else { return state }
            p.agencyId = agencyId
            return .practitioner(p)
        case .practitionerLeft:
            guard case .practitioner(var p)? = state else { return state }
            p.hasLeft = true
            return .practitioner(p)
        default:
            var c: CaseState
            if case .case(let existing)? = consume state { c = existing } else { c = CaseState() }
            c.evolve(request.event)
            return .case(c)
        }
    }

    static func refuse(_ field: String, _ reason: String) -> LedgerError {
        .refused(Refusal(field: field, reason: reason))
    }

    static func requirePractitioner(
        _ id: PractitionerID, field: @autoclosure () -> String, directory: some DirectoryLookup
    ) throws(LedgerError) {
        guard try directory.practitioner(id) != nil else {
            throw refuse(field(), "practitioner \"\(id)\" is not registered")
        }
    }

    private static func decideDirectory(
        _ request: AppendRequest, state: StreamState?, directory: some DirectoryLookup
    ) throws(LedgerError) {
        switch request.type {
        case .localAuthorityRegistered, .agencyRegistered, .practitionerRegistered:
            guard state == nil else { throw refuse("type", "\(request.stream) is already registered") }
        default:
            guard case .practitioner(let p)? = state else {
                throw refuse("stream", "practitioner \"\(request.stream.id)\" is not registered")
            }
            guard !p.hasLeft else {
                throw refuse("stream", "practitioner \"\(request.stream.id)\" has left; no further events are accepted")
            }
        }
        switch request.event {
        case .agencyRegistered(_, _, let authority, _, _):
            guard try directory.authorityExists(authority) else {
                throw refuse("data.authorityId", "local authority \"\(authority)\" is not registered")
            }
        case .practitionerRegistered(_, _, let agency, _, let manager), .practitionerMovedAgency(_, let agency, let manager):
            guard try directory.agencyExists(agency) else {
                throw refuse("data.agencyId", "agency \"\(agency)\" is not registered")
            }
            try decideLineManager(manager, request, directory: directory)
        case .practitionerLineManagerChanged(_, let manager):
            try decideLineManager(manager, request, directory: directory)
        default:
            break
        }
    }

    private static func decideLineManager(
        _ manager: PractitionerID?, _ request: AppendRequest, directory: some DirectoryLookup
    ) throws(LedgerError) {
        // A practitioner may name themself: the accountability view reports such cycles.
        guard let manager, manager.rawValue != request.stream.id else { return }
        try requirePractitioner(manager, field: "data.lineManagerId", directory: directory)
    }
}
