/// What the rules may ask about other streams: the directory, as of this transaction.
public protocol DirectoryLookup {
    /// The practitioner's state (agency, whether they have left), or nil if not registered.
    /// Throws only if storage fails.
    func practitioner(_ id: String) throws(LedgerError) -> PractitionerState?
    /// Whether an agency with this ID is registered.
    func agencyExists(_ id: String) throws(LedgerError) -> Bool
    /// Whether a local authority with this ID is registered.
    func authorityExists(_ id: String) throws(LedgerError) -> Bool
}

/// The ledger's stateful rules as two plain functions (decide, evolve) over a stream's state.
///
/// `decide` refuses what DOMAIN.md refuses (rules 4 and 5) and nothing else: policy problems
/// such as a YOT officer leading a statutory case are recorded and flagged by projections.
public enum AppendRules {
    /// Refuses the request if the stream's current state (nil: the stream does not exist)
    /// or the directory forbids it.
    public static func decide(
        _ request: AppendRequest, state: StreamState?, directory: some DirectoryLookup
    ) throws(LedgerError) {
        if !request.actor.hasPrefix("system:") {
            try requirePractitioner(request.actor, field: "actor", directory: directory)
        }
        switch request.type.streamKind {
        case .authority, .agency, .practitioner:
            try decideDirectory(request, state: state, directory: directory)
        case .case:
            guard case .case(let caseState)? = state else {
                guard request.type == .caseOpened else {
                    throw refuse("type", "\(request.stream) does not exist; a case stream must begin with CaseOpened")
                }
                try requirePractitioner(request.string("openedBy"), field: "data.openedBy", directory: directory)
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

    /// The stream's state after `request`, which `decide` has accepted.
    public static func evolve(_ state: consuming StreamState?, _ request: AppendRequest) -> StreamState {
        switch request.type {
        case .localAuthorityRegistered:
            return .authority
        case .agencyRegistered:
            return .agency(AgencyState(authorityId: request.string("authorityId")))
        case .practitionerRegistered:
            return .practitioner(PractitionerState(agencyId: request.string("agencyId"), hasLeft: false))
        case .practitionerLineManagerChanged:
            return state!
        case .practitionerMovedAgency:
            guard case .practitioner(var p)? = state else { preconditionFailure("decided against a practitioner") }
            p.agencyId = request.string("agencyId")
            return .practitioner(p)
        case .practitionerLeft:
            guard case .practitioner(var p)? = state else { preconditionFailure("decided against a practitioner") }
            p.hasLeft = true
            return .practitioner(p)
        default:
            var c: CaseState
            if case .case(let existing)? = consume state { c = existing } else { c = CaseState() }
            evolveCase(&c, request)
            return .case(c)
        }
    }

    private static func refuse(_ field: String, _ reason: String) -> LedgerError {
        .refused(Refusal(field: field, reason: reason))
    }

    private static func requirePractitioner(
        _ id: String, field: @autoclosure () -> String, directory: some DirectoryLookup
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
        switch request.type {
        case .agencyRegistered:
            let authority = request.string("authorityId")
            guard try directory.authorityExists(authority) else {
                throw refuse("data.authorityId", "local authority \"\(authority)\" is not registered")
            }
        case .practitionerRegistered, .practitionerMovedAgency:
            let agency = request.string("agencyId")
            guard try directory.agencyExists(agency) else {
                throw refuse("data.agencyId", "agency \"\(agency)\" is not registered")
            }
            try decideLineManager(request, directory: directory)
        case .practitionerLineManagerChanged:
            try decideLineManager(request, directory: directory)
        default:
            break
        }
    }

    private static func decideLineManager(_ request: AppendRequest, directory: some DirectoryLookup) throws(LedgerError) {
        // A practitioner may name themself: the accountability view reports such cycles.
        guard let manager = request.optionalString("lineManagerId"), manager != request.stream.id else { return }
        try requirePractitioner(manager, field: "data.lineManagerId", directory: directory)
    }

    private static func decideCase(
        _ request: AppendRequest, state c: CaseState, directory: some DirectoryLookup
    ) throws(LedgerError) {
        if c.isClosed {
            guard request.type == .caseReopened else {
                throw refuse("type", "\(request.stream) is closed; only CaseReopened is accepted")
            }
            return
        }
        func practitioner(_ field: String) throws(LedgerError) -> String {
            let id = request.string(field)
            try requirePractitioner(id, field: "data.\(field)", directory: directory)
            return id
        }
        func openAction() throws(LedgerError) {
            let id = request.string("actionId")
            switch c.actions[id] {
            case nil: throw refuse("data.actionId", "action \"\(id)\" is not agreed in \(request.stream)")
            case .completed?: throw refuse("data.actionId", "action \"\(id)\" is already completed")
            case .cancelled?: throw refuse("data.actionId", "action \"\(id)\" is already cancelled")
            case .open?: return
            }
        }
        func heldMeeting() throws(LedgerError) {
            guard let id = request.optionalString("meetingId") else { return }
            guard c.meetings.contains(id) else {
                throw refuse("data.meetingId", "meeting \"\(id)\" was not held in \(request.stream)")
            }
        }
        func owner() throws(LedgerError) {
            if let id = request.data["owner"]?.objectValue?["practitionerId"]?.stringValue {
                try requirePractitioner(id, field: "data.owner.practitionerId", directory: directory)
            }
        }

        switch request.type {
        case .caseOpened:
            throw refuse("type", "\(request.stream) is already open")
        case .caseReopened:
            throw refuse("type", "\(request.stream) is not closed")
        case .consentRecorded, .consentWithdrawn, .caseClosed:
            return
        case .cafStarted:
            let id = request.string("cafId")
            guard c.cafs[id] == nil else { throw refuse("data.cafId", "CAF \"\(id)\" already exists in \(request.stream)") }
            _ = try practitioner("assessor")
        case .cafCompleted:
            let id = request.string("cafId")
            switch c.cafs[id] {
            case nil: throw refuse("data.cafId", "CAF \"\(id)\" was not started in \(request.stream)")
            case true?: throw refuse("data.cafId", "CAF \"\(id)\" is already completed")
            case false?: break
            }
        case .tacMemberJoined:
            let id = try practitioner("practitionerId")
            guard !c.members.contains(id) else {
                throw refuse("data.practitionerId", "\"\(id)\" is already a TAC member of \(request.stream)")
            }
        case .tacMemberLeft:
            let id = request.string("practitionerId")
            guard c.members.contains(id) else {
                throw refuse("data.practitionerId", "\"\(id)\" is not a TAC member of \(request.stream)")
            }
        case .tacMeetingHeld:
            let id = request.string("meetingId")
            guard !c.meetings.contains(id) else {
                throw refuse("data.meetingId", "meeting \"\(id)\" already exists in \(request.stream)")
            }
            _ = try practitioner("chair")
            for (i, attendee) in request.strings("attendees").enumerated() {
                try requirePractitioner(attendee, field: "data.attendees.\(i)", directory: directory)
            }
        case .leadProfessionalAppointed:
            if let current = c.leadProfessional {
                throw refuse("type", "\(request.stream) already has a lead professional (\"\(current)\"); hand over instead")
            }
            _ = try practitioner("practitionerId")
            try heldMeeting()
        case .leadProfessionalHandedOver:
            let from = request.string("from")
            guard c.leadProfessional == from else {
                throw refuse(
                    "data.from", "\"\(from)\" is not the current lead professional (\(c.leadProfessional.map { "\"\($0)\"" } ?? "none"))")
            }
            _ = try practitioner("to")
            try heldMeeting()
        case .leadProfessionalCoverArranged:
            guard c.leadProfessional != nil else {
                throw refuse("type", "\(request.stream) has no lead professional to cover")
            }
            _ = try practitioner("coverPractitionerId")
            guard request.date("untilDate") >= request.date("fromDate") else {
                throw refuse("data.untilDate", "must be on or after fromDate")
            }
        case .leadProfessionalStoodDown:
            let id = request.string("practitionerId")
            guard c.leadProfessional == id else {
                throw refuse(
                    "data.practitionerId", "\"\(id)\" is not the current lead professional (\(c.leadProfessional.map { "\"\($0)\"" } ?? "none"))")
            }
        case .actionAgreed:
            let id = request.string("actionId")
            guard c.actions[id] == nil else {
                throw refuse("data.actionId", "action \"\(id)\" already exists in \(request.stream)")
            }
            try owner()
            if let need = request.optionalString("needId"), !c.needs.contains(need) {
                throw refuse("data.needId", "need \"\(need)\" is not in a completed CAF of \(request.stream)")
            }
            try heldMeeting()
        case .actionReassigned:
            try openAction()
            try owner()
        case .actionProgressRecorded, .actionDueDateRevised, .actionCompleted, .actionCancelled, .actionEscalated:
            try openAction()
        case .statutoryStatusStarted:
            let status = request.string("status")
            guard !c.activeStatuses.contains(status) else {
                throw refuse("data.status", "\(status) is already active in \(request.stream)")
            }
        case .statutoryStatusEnded:
            let status = request.string("status")
            guard c.activeStatuses.contains(status) else {
                throw refuse("data.status", "\(status) is not active in \(request.stream)")
            }
        case .disputeRaised:
            let id = request.string("disputeId")
            guard c.disputes[id] == nil else {
                throw refuse("data.disputeId", "dispute \"\(id)\" already exists in \(request.stream)")
            }
            _ = try practitioner("raisedBy")
            if let action = request.optionalString("actionId"), c.actions[action] == nil {
                throw refuse("data.actionId", "action \"\(action)\" is not agreed in \(request.stream)")
            }
        case .disputeResolved:
            let id = request.string("disputeId")
            guard c.disputes[id] == true else {
                throw refuse(
                    "data.disputeId", c.disputes[id] == nil ? "dispute \"\(id)\" was not raised in \(request.stream)" : "dispute \"\(id)\" is already resolved")
            }
            _ = try practitioner("resolvedBy")
        case .localAuthorityRegistered, .agencyRegistered, .practitionerRegistered, .practitionerLineManagerChanged,
            .practitionerMovedAgency, .practitionerLeft:
            preconditionFailure("directory type on a case stream passed the contract")
        }
    }

    private static func evolveCase(_ c: inout CaseState, _ request: AppendRequest) {
        switch request.type {
        case .caseClosed: c.isClosed = true
        case .caseReopened: c.isClosed = false
        case .cafStarted: c.cafs[request.string("cafId")] = false
        case .cafCompleted:
            c.cafs[request.string("cafId")] = true
            for need in request.data["needs"]?.arrayValue ?? [] {
                if let id = need.objectValue?["needId"]?.stringValue { c.needs.insert(id) }
            }
        case .tacMemberJoined: c.members.insert(request.string("practitionerId"))
        case .tacMemberLeft: c.members.remove(request.string("practitionerId"))
        case .tacMeetingHeld: c.meetings.insert(request.string("meetingId"))
        case .leadProfessionalAppointed: c.leadProfessional = request.string("practitionerId")
        case .leadProfessionalHandedOver: c.leadProfessional = request.string("to")
        case .leadProfessionalStoodDown: c.leadProfessional = nil
        case .actionAgreed: c.actions[request.string("actionId")] = .open
        case .actionCompleted: c.actions[request.string("actionId")] = .completed
        case .actionCancelled: c.actions[request.string("actionId")] = .cancelled
        case .statutoryStatusStarted: c.activeStatuses.insert(request.string("status"))
        case .statutoryStatusEnded: c.activeStatuses.remove(request.string("status"))
        case .disputeRaised: c.disputes[request.string("disputeId")] = true
        case .disputeResolved: c.disputes[request.string("disputeId")] = false
        default: break
        }
    }
}
