extension DomainEvent {
    /// `CaseOpened`'s data.
    public struct CaseOpened: Sendable, Equatable {
        /// The case's ID (its stream is `case-` + this).
        public var caseId: CaseID
        /// The child's ID, shared by the child's cases.
        public var childId: ChildID
        /// The child's date of birth, when known (null: unborn or unknown).
        public var dateOfBirth: CalendarDate?
        /// The child's gender.
        public var gender: Gender
        /// The child's ethnicity code (Annex A's codes).
        public var ethnicity: Ethnicity
        /// The day the case was opened.
        public var openedOn: CalendarDate
        /// The practitioner who opened it.
        public var openedBy: PractitionerID

        /// The data of a `CaseOpened`, field by field.
        public init(
            caseId: CaseID, childId: ChildID, dateOfBirth: CalendarDate?, gender: Gender, ethnicity: Ethnicity,
            openedOn: CalendarDate, openedBy: PractitionerID
        ) {
            self.caseId = caseId
            self.childId = childId
            self.dateOfBirth = dateOfBirth
            self.gender = gender
            self.ethnicity = ethnicity
            self.openedOn = openedOn
            self.openedBy = openedBy
        }
    }

    /// One need identified by a completed CAF (an element of `CAFCompleted.needs`).
    public struct Need: Sendable, Equatable {
        /// The need's ID, which actions may address.
        public var needId: NeedID
        /// The CAF domain the need is in.
        public var domain: NeedDomain
        /// The Every Child Matters outcome it bears on.
        public var outcome: Outcome
        /// The need in the assessor's words.
        public var summary: String

        /// A need, field by field.
        public init(needId: NeedID, domain: NeedDomain, outcome: Outcome, summary: String) {
            self.needId = needId
            self.domain = domain
            self.outcome = outcome
            self.summary = summary
        }
    }

    /// `TACMeetingHeld`'s data: a Team Around the Child meeting.
    public struct Meeting: Sendable, Equatable {
        /// The meeting's ID within its case.
        public var meetingId: MeetingID
        /// initial, review, handover or closure.
        public var kind: MeetingKind
        /// When it was held.
        public var heldOn: CalendarDate
        /// The practitioner who chaired it.
        public var chair: PractitionerID
        /// The practitioners who attended, as recorded.
        public var attendees: [PractitionerID]
        /// Whether the family attended.
        public var familyPresent: Bool
        /// When the next review is due, if one was set.
        public var nextReviewDue: CalendarDate?

        /// A meeting, field by field.
        public init(
            meetingId: MeetingID, kind: MeetingKind, heldOn: CalendarDate, chair: PractitionerID,
            attendees: [PractitionerID], familyPresent: Bool, nextReviewDue: CalendarDate?
        ) {
            self.meetingId = meetingId
            self.kind = kind
            self.heldOn = heldOn
            self.chair = chair
            self.attendees = attendees
            self.familyPresent = familyPresent
            self.nextReviewDue = nextReviewDue
        }
    }

    /// `LeadProfessionalCoverArranged`'s data: cover for the lead professional over a date
    /// range (e.g. a school-based lead professional in the holidays).
    public struct Cover: Sendable, Equatable {
        /// The practitioner covering (`coverPractitionerId`).
        public var practitionerId: PractitionerID
        /// The first day of cover.
        public var fromDate: CalendarDate
        /// The last day of cover (inclusive).
        public var untilDate: CalendarDate
        /// Why cover was needed, in the arranger's words.
        public var reason: String

        /// Cover, field by field.
        public init(practitionerId: PractitionerID, fromDate: CalendarDate, untilDate: CalendarDate, reason: String) {
            self.practitionerId = practitionerId
            self.fromDate = fromDate
            self.untilDate = untilDate
            self.reason = reason
        }
    }

    /// `ActionEscalated`'s data less its `actionId`: an escalation of an action that is not
    /// being delivered.
    public struct Escalation: Sendable, Equatable {
        /// When it was escalated (`escalatedOn`).
        public var on: CalendarDate
        /// Where it was escalated (`escalatedTo`).
        public var to: EscalationTarget
        /// Why, in the escalator's words.
        public var reason: String

        /// An escalation, field by field.
        public init(on: CalendarDate, to: EscalationTarget, reason: String) {
            self.on = on
            self.to = to
            self.reason = reason
        }
    }
}
