import Ledger

extension CaseRecord {
    /// Applies one of the case's events (state + event → state).
    ///
    /// Total by design: the ledger refused every event that breaks a rule, but a past-date
    /// replay skips events that happened later, so an event may meet a state without the thing
    /// it refers to. Such an event changes nothing rather than inventing what is not there,
    /// except `involved`: the practitioners an event names are involved whether or not the
    /// state it refers to is there.
    public mutating func evolve(_ event: DomainEvent, seq: UInt64, directory: Directory) {
        lastSeq = seq
        eventCount += 1
        switch event {
        case .caseOpened, .localAuthorityRegistered, .agencyRegistered, .practitionerRegistered,
            .practitionerLineManagerChanged, .practitionerMovedAgency, .practitionerLeft:
            break
        case .consentRecorded(let scope, let givenBy, let givenOn):
            consents.append(ConsentRecord(scope: scope.rawValue, givenBy: givenBy.rawValue, givenOn: givenOn))
        case .consentWithdrawn(let scope, let givenBy, let withdrawnOn):
            if let i = consents.lastIndex(where: { $0.scope == scope.rawValue && $0.givenBy == givenBy.rawValue && $0.isInForce }) {
                consents[i].withdrawnOn = withdrawnOn
            }
        case .cafStarted(let cafId, let assessor, let startedOn):
            involve(assessor)
            cafs.append(
                CAFRecord(
                    cafId: cafId, assessor: assessor, assessorAgencyId: directory.practitioners[assessor]?.agencyId,
                    startedOn: startedOn, consentInForce: hasAssessmentConsent, completedOn: nil, needs: [],
                    strengths: [], multiAgency: nil))
        case .cafCompleted(let cafId, let completedOn, let needs, let strengths, let multiAgency):
            if let i = cafs.lastIndex(where: { $0.cafId == cafId }) {
                cafs[i].completedOn = completedOn
                cafs[i].needs = needs
                cafs[i].strengths = strengths
                cafs[i].multiAgency = multiAgency
            }
        case .tacMemberJoined(let practitionerId, let joinedOn):
            involve(practitionerId)
            members.append(TACMembership(practitionerId: practitionerId, joinedOn: joinedOn))
        case .tacMemberLeft(let practitionerId, let leftOn, let reason):
            if let i = members.lastIndex(where: { $0.practitionerId == practitionerId && $0.leftOn == nil }) {
                members[i].leftOn = leftOn
                members[i].leftReason = reason
            }
        case .tacMeetingHeld(let meeting):
            meetings.append(meeting)
        case .leadProfessionalAppointed(let practitionerId, let appointedOn, _, _, _):
            involve(practitionerId)
            guard fitsWhoLeads(event) else { break }
            leadPeriods.append(LeadProfessionalPeriod(practitionerId: practitionerId, from: appointedOn, startedBy: "appointed"))
        case .leadProfessionalHandedOver(_, let to, let handedOverOn, let reason, _):
            involve(to)
            guard fitsWhoLeads(event) else { break }
            endLeadPeriod(on: handedOverOn, by: "handed-over", reason: reason.rawValue)
            leadPeriods.append(LeadProfessionalPeriod(practitionerId: to, from: handedOverOn, startedBy: "handed-over"))
        case .leadProfessionalCoverArranged(let cover):
            involve(cover.practitionerId)
            covers.append(cover)
        case .leadProfessionalStoodDown(_, let stoodDownOn, let reason):
            guard fitsWhoLeads(event) else { break }
            endLeadPeriod(on: stoodDownOn, by: "stood-down", reason: reason)
        case .actionAgreed(let actionId, let description, let owner, let needId, let agreedOn, let dueOn, let meetingId):
            involve(owner)
            actions.append(
                ActionRecord(
                    actionId: actionId, description: description, owner: owner, needId: needId, agreedOn: agreedOn,
                    dueOn: dueOn, originalDueOn: dueOn, dueDateRevisions: 0, meetingId: meetingId, state: .open,
                    closedOn: nil, closingNote: nil, escalations: [], progressNotes: 0, lastProgressOn: nil))
        case .actionProgressRecorded, .actionDueDateRevised, .actionReassigned, .actionCompleted, .actionCancelled,
            .actionEscalated:
            // A new owner is involved; the previous one stays so ("are or were").
            if case .actionReassigned(_, let owner, _) = event { involve(owner) }
            // Only an open action takes a change (`ActionRule`, as the append rules refuse by).
            guard let id = ActionRule.changedAction(by: event), let i = changeableActionIndex(id) else { break }
            actions[i].apply(event)
        case .statutoryStatusStarted(let status, let startedOn):
            statuses.append(StatutoryPeriod(status: status.rawValue, startedOn: startedOn))
        case .statutoryStatusEnded(let status, let endedOn):
            if let i = statuses.lastIndex(where: { $0.status == status.rawValue && $0.isActive }) {
                statuses[i].endedOn = endedOn
            }
        case .disputeRaised(let disputeId, let about, let raisedBy, let raisedOn, let actionId, let summary):
            disputes.append(
                DisputeRecord(
                    disputeId: disputeId, about: about.rawValue, raisedBy: raisedBy, raisedOn: raisedOn, actionId: actionId,
                    summary: summary))
        case .disputeResolved(let disputeId, let resolvedOn, let resolvedBy, let resolution):
            if let i = disputes.lastIndex(where: { $0.disputeId == disputeId && $0.isOpen }) {
                disputes[i].resolvedOn = resolvedOn
                disputes[i].resolvedBy = resolvedBy
                disputes[i].resolution = resolution
            }
        case .caseClosed(let closedOn, let reason):
            guard CaseClosureRule.fits(event, isClosed: !isOpen) else { break }
            closures.append(ClosureRecord(closedOn: closedOn, reason: reason.rawValue))
        case .caseReopened(let reopenedOn, let reason):
            guard CaseClosureRule.fits(event, isClosed: !isOpen) else { break }
            closures[closures.count - 1].reopenedOn = reopenedOn
            closures[closures.count - 1].reopenReason = reason
        }
    }

    /// Whether a lead-professional event fits who leads the case now: the write side's rule
    /// (`LeadTransition`), which a past date's replay may meet broken (it skips later events).
    private func fitsWhoLeads(_ event: DomainEvent) -> Bool {
        if case .success? = LeadTransition.of(event, current: leadProfessional) { return true }
        return false
    }

    private mutating func endLeadPeriod(on date: CalendarDate, by how: String, reason: String) {
        precondition(leadProfessional != nil, "only a current lead period ends")
        leadPeriods[leadPeriods.count - 1].until = date
        leadPeriods[leadPeriods.count - 1].endedBy = how
        leadPeriods[leadPeriods.count - 1].endReason = reason
    }
}
