extension AppendRules {
    /// The rules of an existing case stream (DOMAIN.md rules 4 and 5), on the typed event.
    static func decideCase(
        _ request: AppendRequest, state c: CaseState, directory: some DirectoryLookup
    ) throws(LedgerError) {
        guard CaseClosureRule.fits(request.event, isClosed: c.isClosed) else {
            throw refuse(
                "type", c.isClosed ? "\(request.stream) is closed; only CaseReopened is accepted" : "\(request.stream) is not closed")
        }
        // A closed case's reopening, which fits: nothing more to check.
        if c.isClosed { return }
        let rules = CaseRules(request: request, state: c, directory: directory)
        // Every change to an agreed action needs it open (`ActionRule`); the cases below check the rest.
        if let id = ActionRule.changedAction(by: request.event) { try rules.openAction(id) }
        switch request.event {
        case .caseOpened:
            throw refuse("type", "\(request.stream) is already open")
        case .caseReopened, .consentRecorded, .consentWithdrawn, .caseClosed:
            // (An open case's reopening does not fit, and was refused above.)
            return
        case .cafStarted(let id, let assessor, _):
            guard c.cafs[id] == nil else { throw refuse("data.cafId", "CAF \"\(id)\" already exists in \(request.stream)") }
            try rules.practitioner(assessor, "assessor")
        case .cafCompleted(let id, _, _, _, _):
            switch c.cafs[id] {
            case nil: throw refuse("data.cafId", "CAF \"\(id)\" was not started in \(request.stream)")
            case true?: throw refuse("data.cafId", "CAF \"\(id)\" is already completed")
            case false?: break
            }
        case .tacMemberJoined(let id, _):
            try rules.practitioner(id, "practitionerId")
            guard !c.members.contains(id) else {
                throw refuse("data.practitionerId", "\"\(id)\" is already a TAC member of \(request.stream)")
            }
        case .tacMemberLeft(let id, _, _):
            guard c.members.contains(id) else {
                throw refuse("data.practitionerId", "\"\(id)\" is not a TAC member of \(request.stream)")
            }
        case .tacMeetingHeld(let meeting):
            guard !c.meetings.contains(meeting.meetingId) else {
                throw refuse("data.meetingId", "meeting \"\(meeting.meetingId)\" already exists in \(request.stream)")
            }
            try rules.practitioner(meeting.chair, "chair")
            for (i, attendee) in meeting.attendees.enumerated() {
                try requirePractitioner(attendee, field: "data.attendees.\(i)", directory: directory)
            }
        case .leadProfessionalAppointed(let id, _, let meetingId, _, _):
            try rules.leadTransition(namedAt: "data.practitionerId")
            try rules.practitioner(id, "practitionerId")
            try rules.heldMeeting(meetingId)
        case .leadProfessionalHandedOver(_, let to, _, _, let meetingId):
            try rules.leadTransition(namedAt: "data.from")
            try rules.practitioner(to, "to")
            try rules.heldMeeting(meetingId)
        case .leadProfessionalCoverArranged(let cover):
            guard c.leadProfessional != nil else {
                throw refuse("type", "\(request.stream) has no lead professional to cover")
            }
            try rules.practitioner(cover.practitionerId, "coverPractitionerId")
            guard cover.untilDate >= cover.fromDate else {
                throw refuse("data.untilDate", "must be on or after fromDate")
            }
        case .leadProfessionalStoodDown:
            try rules.leadTransition(namedAt: "data.practitionerId")
        case .actionAgreed(let id, _, let owner, let need, _, _, let meetingId):
            guard c.actions[id] == nil else {
                throw refuse("data.actionId", "action \"\(id)\" already exists in \(request.stream)")
            }
            try rules.owner(owner)
            if let need, !c.needs.contains(need) {
                throw refuse("data.needId", "need \"\(need)\" is not in a completed CAF of \(request.stream)")
            }
            try rules.heldMeeting(meetingId)
        case .actionReassigned(_, let owner, _):
            try rules.owner(owner)
        case .actionProgressRecorded, .actionDueDateRevised, .actionCompleted, .actionCancelled, .actionEscalated:
            // Checked above: the action is open.
            return
        case .statutoryStatusStarted(let status, _):
            guard !c.activeStatuses.contains(status.rawValue) else {
                throw refuse("data.status", "\(status) is already active in \(request.stream)")
            }
        case .statutoryStatusEnded(let status, _):
            guard c.activeStatuses.contains(status.rawValue) else {
                throw refuse("data.status", "\(status) is not active in \(request.stream)")
            }
        case .disputeRaised(let id, _, let raisedBy, _, let action, _):
            guard c.disputes[id] == nil else {
                throw refuse("data.disputeId", "dispute \"\(id)\" already exists in \(request.stream)")
            }
            try rules.practitioner(raisedBy, "raisedBy")
            if let action, c.actions[action] == nil {
                throw refuse("data.actionId", "action \"\(action)\" is not agreed in \(request.stream)")
            }
        case .disputeResolved(let id, _, let resolvedBy, _):
            guard c.disputes[id] == true else {
                throw refuse(
                    "data.disputeId",
                    c.disputes[id] == nil ? "dispute \"\(id)\" was not raised in \(request.stream)" : "dispute \"\(id)\" is already resolved")
            }
            try rules.practitioner(resolvedBy, "resolvedBy")
        case .localAuthorityRegistered, .agencyRegistered, .practitionerRegistered, .practitionerLineManagerChanged,
            .practitionerMovedAgency, .practitionerLeft:
            // The contract keeps directory types off case streams; answered, should that change.
            throw refuse("type", "\(request.type.rawValue) does not belong on \(request.stream)")
        }
    }
}

/// The checks several case rules share, over one request and the case's state.
private struct CaseRules<Lookup: DirectoryLookup> {
    let request: AppendRequest
    let state: CaseState
    let directory: Lookup

    /// The practitioner at `field` is registered.
    func practitioner(_ id: PractitionerID, _ field: String) throws(LedgerError) {
        try AppendRules.requirePractitioner(id, field: "data.\(field)", directory: directory)
    }

    /// The action takes the change (`ActionRule`: it is agreed in the case and neither
    /// completed nor cancelled); the refusal says which it is not.
    func openAction(_ id: ActionID) throws(LedgerError) {
        let status = state.actions[id]
        if ActionRule.fits(status) { return }
        guard let status else {
            throw AppendRules.refuse("data.actionId", "action \"\(id)\" is not agreed in \(request.stream)")
        }
        throw AppendRules.refuse("data.actionId", "action \"\(id)\" is already \(status.name)")
    }

    /// The meeting named, if any, was held in the case.
    func heldMeeting(_ id: MeetingID?) throws(LedgerError) {
        guard let id else { return }
        guard state.meetings.contains(id) else {
            throw AppendRules.refuse("data.meetingId", "meeting \"\(id)\" was not held in \(request.stream)")
        }
    }

    /// A practitioner who owns an action is registered.
    func owner(_ owner: ActionOwner) throws(LedgerError) {
        if let id = owner.practitionerId {
            try AppendRules.requirePractitioner(id, field: "data.owner.practitionerId", directory: directory)
        }
    }

    /// The request, a lead-professional event, fits who leads the case (`LeadTransition`);
    /// `field` is where it names the practitioner a handover or standing down must match.
    func leadTransition(namedAt field: String) throws(LedgerError) {
        guard case .failure(let mismatch)? = LeadTransition.of(request.event, current: state.leadProfessional) else { return }
        switch mismatch {
        case .alreadyLed(let current):
            throw AppendRules.refuse("type", "\(request.stream) already has a lead professional (\"\(current)\"); hand over instead")
        case .notTheLead(let named, let current):
            let lead = current.map { "\"\($0)\"" } ?? "none"
            throw AppendRules.refuse(field, "\"\(named)\" is not the current lead professional (\(lead))")
        }
    }
}
