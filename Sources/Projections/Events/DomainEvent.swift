import Ledger

/// A recorded event's data, typed: what the projections evolve on.
///
/// Enumerations stay as their contract spellings (`String`): the projections compare a few of
/// them and show the rest, and a new contract value must not break the replay of old events.
/// Free text that no projection keeps (a progress note, the reason for a new due date or a
/// reassignment) is not decoded: a replay would allocate it for every such event only to
/// free it again.
public enum DomainEvent: Sendable, Equatable {
    // Directory.
    /// `LocalAuthorityRegistered`: adds the authority to the directory.
    case localAuthorityRegistered(authorityId: String, name: String, director: String)
    /// `AgencyRegistered`: adds the agency to the directory, under its authority.
    case agencyRegistered(agencyId: String, name: String, authorityId: String, sector: String, service: String)
    /// `PractitionerRegistered`: adds the practitioner, with their agency and line manager.
    case practitionerRegistered(practitionerId: String, name: String, agencyId: String, role: String, lineManagerId: String?)
    /// `PractitionerLineManagerChanged`: a new line manager (or none) heads their escalation chain.
    case practitionerLineManagerChanged(practitionerId: String, lineManagerId: String?)
    /// `PractitionerMovedAgency`: a new agency, and the line manager there.
    case practitionerMovedAgency(practitionerId: String, agencyId: String, lineManagerId: String?)
    /// `PractitionerLeft`: the directory records when the practitioner left.
    case practitionerLeft(practitionerId: String, leftOn: CalendarDate)

    // Case.
    /// `CaseOpened`: a new case record.
    case caseOpened(CaseOpened)
    /// `ConsentRecorded`: consent given, for assessment or information sharing.
    case consentRecorded(scope: String, givenBy: String, givenOn: CalendarDate)
    /// `ConsentWithdrawn`: the matching consent is no longer in force.
    case consentWithdrawn(scope: String, givenBy: String, withdrawnOn: CalendarDate)
    /// `CAFStarted`: an assessment begins (the assessor becomes involved).
    case cafStarted(cafId: String, assessor: String, startedOn: CalendarDate)
    /// `CAFCompleted`: the assessment's needs and strengths, and whether it was multi-agency.
    case cafCompleted(cafId: String, completedOn: CalendarDate, needs: [Need], strengths: [String], multiAgency: Bool)
    /// `TACMemberJoined`: the practitioner joins the team (and is involved).
    case tacMemberJoined(practitionerId: String, joinedOn: CalendarDate)
    /// `TACMemberLeft`: the practitioner's membership ends.
    case tacMemberLeft(practitionerId: String, leftOn: CalendarDate, reason: String)
    /// `TACMeetingHeld`: a meeting, with its next review date if one was set.
    case tacMeetingHeld(MeetingRecord)
    /// `LeadProfessionalAppointed`: a lead period starts, if the case has no lead professional.
    case leadProfessionalAppointed(practitionerId: String, appointedOn: CalendarDate, meetingId: String?)
    /// `LeadProfessionalHandedOver`: the current lead period ends and `to`'s begins, if `from` leads.
    case leadProfessionalHandedOver(from: String, to: String, handedOverOn: CalendarDate, reason: String, meetingId: String?)
    /// `LeadProfessionalCoverArranged`: cover for the lead professional over a date range.
    case leadProfessionalCoverArranged(CoverRecord)
    /// `LeadProfessionalStoodDown`: the lead period ends, leaving the case unled.
    case leadProfessionalStoodDown(practitionerId: String, stoodDownOn: CalendarDate, reason: String)
    /// `ActionAgreed`: a new open action with its owner and due date.
    case actionAgreed(actionId: String, description: String, owner: ActionOwner, needId: String?, agreedOn: CalendarDate, dueOn: CalendarDate, meetingId: String?)
    /// `ActionProgressRecorded`: progress noted on `recordedOn` (the note itself is not kept).
    case actionProgressRecorded(actionId: String, recordedOn: CalendarDate)
    /// `ActionDueDateRevised`: the new due date (the reason is not kept).
    case actionDueDateRevised(actionId: String, dueOn: CalendarDate)
    /// `ActionReassigned`: the new owner (the reason is not kept).
    case actionReassigned(actionId: String, owner: ActionOwner)
    /// `ActionCompleted`: the action is done, with its optional note.
    case actionCompleted(actionId: String, completedOn: CalendarDate, note: String?)
    /// `ActionCancelled`: the action is dropped, with the reason.
    case actionCancelled(actionId: String, cancelledOn: CalendarDate, reason: String)
    /// `ActionEscalated`: the escalation is added to the action.
    case actionEscalated(actionId: String, escalation: Escalation)
    /// `StatutoryStatusStarted`: a statutory period begins.
    case statutoryStatusStarted(status: String, startedOn: CalendarDate)
    /// `StatutoryStatusEnded`: the statutory period ends.
    case statutoryStatusEnded(status: String, endedOn: CalendarDate)
    /// `DisputeRaised`: a new open dispute.
    case disputeRaised(DisputeRecord)
    /// `DisputeResolved`: the open dispute is settled.
    case disputeResolved(disputeId: String, resolvedOn: CalendarDate, resolvedBy: String, resolution: String)
    /// `CaseClosed`: the case closes with its reason.
    case caseClosed(closedOn: CalendarDate, reason: String)
    /// `CaseReopened`: the latest closure is reopened.
    case caseReopened(reopenedOn: CalendarDate, reason: String)

    /// `CaseOpened`'s data.
    public struct CaseOpened: Sendable, Equatable {
        /// The case's ID (its stream is `case-` + this).
        public var caseId: String
        /// The child's ID, shared by the child's cases.
        public var childId: String
        /// The child's date of birth, when known.
        public var dateOfBirth: CalendarDate?
        /// The child's gender, as the contract spells it.
        public var gender: String
        /// The child's ethnicity code (Annex A's codes).
        public var ethnicity: String
        /// The day the case was opened.
        public var openedOn: CalendarDate
        /// The practitioner who opened it.
        public var openedBy: String
    }

    /// One need identified by a completed CAF.
    public struct Need: Sendable, Equatable {
        /// The need's ID, which actions may address.
        public var needId: String
        /// The CAF domain the need is in.
        public var domain: String
        /// The Every Child Matters outcome it bears on.
        public var outcome: String
        /// The need in the assessor's words.
        public var summary: String
    }
}
