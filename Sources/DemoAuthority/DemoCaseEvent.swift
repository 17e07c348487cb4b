/// A need recorded by a completed CAF: its number in the case (`need-N`) and its template.
struct DemoNeed {
    let number: Int
    let template: Int
}

/// One case event, kept compact (directory indices, day numbers, static phrases) until it
/// is emitted: a cohort of thousands of concurrently open cases is held in memory, and
/// rendering JSON late keeps that cheap.
///
/// Business dates (`…On`) are not stored: they are always the day of `time`, so they cannot
/// disagree with `occurredAt`.
enum DemoCaseChange {
    case opened(dateOfBirth: Int?, gender: StaticString, ethnicity: StaticString, openedBy: Int32)
    case consentRecorded(DemoConsentScope, givenBy: DemoGivenBy)
    case consentWithdrawn(DemoConsentScope, givenBy: DemoGivenBy)
    case cafStarted(caf: Int, assessor: Int32)
    case cafCompleted(caf: Int, needs: [DemoNeed], strengths: [Int], multiAgency: Bool)
    case memberJoined(Int32)
    case memberLeft(Int32, reason: String)
    case meetingHeld(
        meeting: Int,
        kind: DemoMeetingKind,
        chair: Int32,
        attendees: [Int32],
        familyPresent: Bool,
        nextReviewDue: Int?
    )
    case leadAppointed(Int32, meeting: Int?, criteria: UInt8, agreedWithFamily: Bool)
    case leadHandedOver(from: Int32, to: Int32, reason: DemoHandoverReason, meeting: Int?)
    case leadCoverArranged(cover: Int32, fromDate: Int, untilDate: Int, reason: String)
    case leadStoodDown(Int32, reason: String)
    case actionAgreed(action: Int, description: String, owner: DemoOwner, need: Int?, dueOn: Int, meeting: Int?)
    case actionProgress(action: Int, note: String)
    case actionDueDateRevised(action: Int, dueOn: Int, reason: String)
    case actionReassigned(action: Int, owner: DemoOwner, reason: String)
    case actionCompleted(action: Int, note: String?)
    case actionCancelled(action: Int, reason: String)
    case actionEscalated(action: Int, to: DemoEscalationTarget, reason: String)
    case statusStarted(DemoStatus)
    case statusEnded(DemoStatus)
    case disputeRaised(dispute: Int, about: DemoDisputeAbout, raisedBy: Int32, action: Int?, summary: String)
    case disputeResolved(dispute: Int, resolvedBy: Int32, resolution: String)
    case closed(DemoCloseReason)
    case reopened(reason: String)
}

struct DemoCaseEvent {
    /// occurredAt, seconds since the epoch.
    let time: Int
    /// Who recorded it (directory index); always a practitioner in post at `time`.
    let actor: Int32
    /// The meeting this event was agreed at (0: none); rendered as a correlation ID.
    let meeting: Int
    let change: DemoCaseChange
}

/// LP appointment criteria (DOMAIN.md), as bits of `leadAppointed.criteria`.
enum DemoCriteria {
    static let all: [StaticString] = [
        "wishes-of-child-or-family", "trusted-relationship", "predominant-needs", "primary-responsibility",
        "statutory-responsibility", "skills-and-capacity", "ongoing-relationship",
    ]
    static let statutoryResponsibility: UInt8 = 1 << 4
}
