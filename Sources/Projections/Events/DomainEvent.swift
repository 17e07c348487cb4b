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
    case localAuthorityRegistered(authorityId: String, name: String, director: String)
    case agencyRegistered(agencyId: String, name: String, authorityId: String, sector: String, service: String)
    case practitionerRegistered(practitionerId: String, name: String, agencyId: String, role: String, lineManagerId: String?)
    case practitionerLineManagerChanged(practitionerId: String, lineManagerId: String?)
    case practitionerMovedAgency(practitionerId: String, agencyId: String, lineManagerId: String?)
    case practitionerLeft(practitionerId: String, leftOn: CalendarDate)

    // Case.
    case caseOpened(CaseOpened)
    case consentRecorded(scope: String, givenBy: String, givenOn: CalendarDate)
    case consentWithdrawn(scope: String, givenBy: String, withdrawnOn: CalendarDate)
    case cafStarted(cafId: String, assessor: String, startedOn: CalendarDate)
    case cafCompleted(cafId: String, completedOn: CalendarDate, needs: [Need], strengths: [String], multiAgency: Bool)
    case tacMemberJoined(practitionerId: String, joinedOn: CalendarDate)
    case tacMemberLeft(practitionerId: String, leftOn: CalendarDate, reason: String)
    case tacMeetingHeld(MeetingRecord)
    case leadProfessionalAppointed(practitionerId: String, appointedOn: CalendarDate, meetingId: String?)
    case leadProfessionalHandedOver(from: String, to: String, handedOverOn: CalendarDate, reason: String, meetingId: String?)
    case leadProfessionalCoverArranged(CoverRecord)
    case leadProfessionalStoodDown(practitionerId: String, stoodDownOn: CalendarDate, reason: String)
    case actionAgreed(actionId: String, description: String, owner: ActionOwner, needId: String?, agreedOn: CalendarDate, dueOn: CalendarDate, meetingId: String?)
    case actionProgressRecorded(actionId: String, recordedOn: CalendarDate)
    case actionDueDateRevised(actionId: String, dueOn: CalendarDate)
    case actionReassigned(actionId: String, owner: ActionOwner)
    case actionCompleted(actionId: String, completedOn: CalendarDate, note: String?)
    case actionCancelled(actionId: String, cancelledOn: CalendarDate, reason: String)
    case actionEscalated(actionId: String, escalation: Escalation)
    case statutoryStatusStarted(status: String, startedOn: CalendarDate)
    case statutoryStatusEnded(status: String, endedOn: CalendarDate)
    case disputeRaised(DisputeRecord)
    case disputeResolved(disputeId: String, resolvedOn: CalendarDate, resolvedBy: String, resolution: String)
    case caseClosed(closedOn: CalendarDate, reason: String)
    case caseReopened(reopenedOn: CalendarDate, reason: String)

    /// `CaseOpened`'s data.
    public struct CaseOpened: Sendable, Equatable {
        public var caseId: String
        public var childId: String
        public var dateOfBirth: CalendarDate?
        public var gender: String
        public var ethnicity: String
        public var openedOn: CalendarDate
        public var openedBy: String
    }

    /// One need identified by a completed CAF.
    public struct Need: Sendable, Equatable {
        public var needId: String
        public var domain: String
        public var outcome: String
        public var summary: String
    }
}
