/// An event's `data`, typed: one case per event type of the contract, carrying its fields.
///
/// The one model of what each type holds. It is decoded in one place
/// (`DomainEvent(type:reading:)`), from an append request's validated data and from stored
/// events alike; the rules decide on it and the projections evolve on it; a test holds its
/// fields against `EventCatalogue`. Enumerations are `ContractEnumeration`s, which carry
/// unlisted values so that a new contract value never breaks the replay of old events.
///
/// Identifiers are `Identifier`s, one type per kind of ID, so one kind cannot be passed for
/// another. Cases are not `indirect`: an append request holds its event inline, with no
/// allocation of its own.
public enum DomainEvent: Sendable, Equatable {
    // Directory.
    /// `LocalAuthorityRegistered`: adds the authority to the directory.
    case localAuthorityRegistered(authorityId: AuthorityID, name: String, director: String)
    /// `AgencyRegistered`: adds the agency to the directory, under its authority.
    case agencyRegistered(agencyId: AgencyID, name: String, authorityId: AuthorityID, sector: Sector, service: AgencyService)
    /// `PractitionerRegistered`: adds the practitioner, with their agency and line manager.
    case practitionerRegistered(
        practitionerId: PractitionerID, name: String, agencyId: AgencyID, role: PractitionerRole,
        lineManagerId: PractitionerID?)
    /// `PractitionerLineManagerChanged`: a new line manager (or none) heads their escalation chain.
    case practitionerLineManagerChanged(practitionerId: PractitionerID, lineManagerId: PractitionerID?)
    /// `PractitionerMovedAgency`: a new agency, and the line manager there.
    case practitionerMovedAgency(practitionerId: PractitionerID, agencyId: AgencyID, lineManagerId: PractitionerID?)
    /// `PractitionerLeft`: the directory records when the practitioner left.
    case practitionerLeft(practitionerId: PractitionerID, leftOn: CalendarDate)

    // Case.
    /// `CaseOpened`: a new case record.
    case caseOpened(CaseOpened)
    /// `ConsentRecorded`: consent given, for assessment or information sharing.
    case consentRecorded(scope: ConsentScope, givenBy: ConsentGiver, givenOn: CalendarDate)
    /// `ConsentWithdrawn`: the matching consent is no longer in force.
    case consentWithdrawn(scope: ConsentScope, givenBy: ConsentGiver, withdrawnOn: CalendarDate)
    /// `CAFStarted`: an assessment begins (the assessor becomes involved).
    case cafStarted(cafId: CAFID, assessor: PractitionerID, startedOn: CalendarDate)
    /// `CAFCompleted`: the assessment's needs and strengths, and whether it was multi-agency.
    case cafCompleted(cafId: CAFID, completedOn: CalendarDate, needs: [Need], strengths: [String], multiAgency: Bool)
    /// `TACMemberJoined`: the practitioner joins the team (and is involved).
    case tacMemberJoined(practitionerId: PractitionerID, joinedOn: CalendarDate)
    /// `TACMemberLeft`: the practitioner's membership ends.
    case tacMemberLeft(practitionerId: PractitionerID, leftOn: CalendarDate, reason: String)
    /// `TACMeetingHeld`: a meeting, with its next review date if one was set.
    case tacMeetingHeld(Meeting)
    /// `LeadProfessionalAppointed`: a lead period starts, if the case has no lead professional.
    case leadProfessionalAppointed(
        practitionerId: PractitionerID, appointedOn: CalendarDate, meetingId: MeetingID?,
        criteria: [LeadProfessionalCriterion], agreedWithFamily: Bool)
    /// `LeadProfessionalHandedOver`: the current lead period ends and `to`'s begins, if `from` leads.
    case leadProfessionalHandedOver(
        from: PractitionerID, to: PractitionerID, handedOverOn: CalendarDate, reason: HandoverReason,
        meetingId: MeetingID?)
    /// `LeadProfessionalCoverArranged`: cover for the lead professional over a date range.
    case leadProfessionalCoverArranged(Cover)
    /// `LeadProfessionalStoodDown`: the lead period ends, leaving the case unled.
    case leadProfessionalStoodDown(practitionerId: PractitionerID, stoodDownOn: CalendarDate, reason: String)
    /// `ActionAgreed`: a new open action with its owner and due date.
    case actionAgreed(
        actionId: ActionID, description: String, owner: ActionOwner, needId: NeedID?, agreedOn: CalendarDate,
        dueOn: CalendarDate, meetingId: MeetingID?)
    /// `ActionProgressRecorded`: progress noted on `recordedOn`. The `note` is empty when
    /// decoded for replay, which keeps no note (`EventDataReader.unkeptText`).
    case actionProgressRecorded(actionId: ActionID, note: String, recordedOn: CalendarDate)
    /// `ActionDueDateRevised`: the new due date. The `reason` is empty when decoded for replay.
    case actionDueDateRevised(actionId: ActionID, dueOn: CalendarDate, reason: String)
    /// `ActionReassigned`: the new owner. The `reason` is empty when decoded for replay.
    case actionReassigned(actionId: ActionID, owner: ActionOwner, reason: String)
    /// `ActionCompleted`: the action is done, with its optional note.
    case actionCompleted(actionId: ActionID, completedOn: CalendarDate, note: String?)
    /// `ActionCancelled`: the action is dropped, with the reason.
    case actionCancelled(actionId: ActionID, cancelledOn: CalendarDate, reason: String)
    /// `ActionEscalated`: the escalation is added to the action.
    case actionEscalated(actionId: ActionID, escalation: Escalation)
    /// `StatutoryStatusStarted`: a statutory period begins.
    case statutoryStatusStarted(status: StatutoryStatus, startedOn: CalendarDate)
    /// `StatutoryStatusEnded`: the statutory period ends.
    case statutoryStatusEnded(status: StatutoryStatus, endedOn: CalendarDate)
    /// `DisputeRaised`: a new open dispute.
    case disputeRaised(
        disputeId: DisputeID, about: DisputeSubject, raisedBy: PractitionerID, raisedOn: CalendarDate,
        actionId: ActionID?, summary: String)
    /// `DisputeResolved`: the open dispute is settled.
    case disputeResolved(disputeId: DisputeID, resolvedOn: CalendarDate, resolvedBy: PractitionerID, resolution: String)
    /// `CaseClosed`: the case closes with its reason.
    case caseClosed(closedOn: CalendarDate, reason: ClosureReason)
    /// `CaseReopened`: the latest closure is reopened.
    case caseReopened(reopenedOn: CalendarDate, reason: String)
}
