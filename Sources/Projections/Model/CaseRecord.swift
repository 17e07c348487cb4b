import Ledger

/// Everything the views need to know about one case, as its events left it.
///
/// Date-dependent judgements (overdue, flags, cover in force) are not stored: they are made
/// when a view is asked for, on the evaluation date it is asked for.
public struct CaseRecord: Sendable, Equatable {
    /// The case's ID (without `case-`).
    public var caseId: CaseID
    /// The child's ID.
    public var childId: ChildID
    /// The child's date of birth, when known (ages in Annex A are counted from it).
    public var dateOfBirth: CalendarDate?
    /// The child's gender, as recorded at opening.
    public var gender: String
    /// The child's ethnicity code, as recorded at opening.
    public var ethnicity: String
    /// The day the case was opened.
    public var openedOn: CalendarDate
    /// The practitioner who opened it.
    public var openedBy: PractitionerID
    /// Every closure, oldest first; the last one without a reopening means the case is closed.
    public var closures: [ClosureRecord] = []
    /// Consents given, oldest first, with any withdrawal.
    public var consents: [ConsentRecord] = []
    /// CAF assessments, in the order started.
    public var cafs: [CAFRecord] = []
    /// Team Around the Child memberships, in the order joined (a rejoin is a new one).
    public var members: [TACMembership] = []
    /// TAC meetings, in stream order.
    public var meetings: [MeetingRecord] = []
    /// Lead professional periods, oldest first; the last, if open, is the current lead.
    public var leadPeriods: [LeadProfessionalPeriod] = []
    /// Cover arranged for the lead professional, in stream order.
    public var covers: [CoverRecord] = []
    /// Agreed actions, in the order agreed, as each now stands.
    public var actions: [ActionRecord] = []
    /// Statutory status periods, in the order started.
    public var statuses: [StatutoryPeriod] = []
    /// Disputes raised, in the order raised.
    public var disputes: [DisputeRecord] = []
    /// Every practitioner ever involved in the case, in byte order of their IDs, each once:
    /// who opened it, each CAF assessor, each TAC member who joined, each lead professional
    /// (appointed or handed over to), each cover, each practitioner owning an action (when
    /// agreed and when reassigned to them). It only grows: a practitioner who *was* involved
    /// stays so, which is what scoped reads (`CaseScope`) are judged on. Named by an event
    /// of the case is enough, so a past date's replay involves whoever that date's events name.
    public var involved: [PractitionerID]
    /// The seq of the last event applied, and how many events the case has.
    public var lastSeq: UInt64 = 0
    /// How many of the case's events have been applied (at least 1, its `CaseOpened`, once stored).
    public var eventCount: Int = 0

    /// A record of a case just opened: no other event applied yet (`evolve` counts this one too).
    public init(opened: DomainEvent.CaseOpened) {
        caseId = opened.caseId
        childId = opened.childId
        dateOfBirth = opened.dateOfBirth
        gender = opened.gender.rawValue
        ethnicity = opened.ethnicity.rawValue
        openedOn = opened.openedOn
        openedBy = opened.openedBy
        involved = [opened.openedBy]
    }

    /// Whether the case is open: never closed, or reopened after its last closure.
    public var isOpen: Bool { closures.last.map { $0.reopenedOn != nil } ?? true }

    /// The current closure, if the case is closed.
    public var closure: ClosureRecord? { isOpen ? nil : closures.last }

    /// The lead professional in place, if any.
    public var leadProfessional: PractitionerID? {
        guard let last = leadPeriods.last, last.until == nil else { return nil }
        return last.practitionerId
    }

    /// The cover arranged for the lead professional that is in force on `date`.
    public func cover(on date: CalendarDate) -> CoverRecord? {
        guard leadProfessional != nil, let since = leadPeriods.last?.from else { return nil }
        // Cover arranged for an earlier LP's period ends with that period.
        return covers.last { $0.covers(date) && $0.untilDate >= since }
    }

    /// The latest meeting in stream order.
    public var latestMeeting: MeetingRecord? { meetings.last }

    /// The case's initial TAC meeting, if it has been held.
    public var initialMeeting: MeetingRecord? { meetings.first { $0.kind == "initial" } }

    /// Whether consent to assessment has been given and not withdrawn.
    public var hasAssessmentConsent: Bool {
        consents.contains { $0.scope == "assessment" && $0.isInForce }
    }

    /// Whether the child is in statutory status `status` now (started, not ended).
    public func hasActiveStatus(_ status: String) -> Bool {
        statuses.contains { $0.status == status && $0.isActive }
    }

    /// The statutory statuses running now, in the order started.
    public var activeStatuses: [String] {
        statuses.filter(\.isActive).map(\.status)
    }

    /// The actions still open, in the order agreed.
    public var openActions: [ActionRecord] { actions.filter(\.isOpen) }

    /// The date from which the case has been without a lead professional, if it is.
    public var unledSince: CalendarDate? {
        guard leadProfessional == nil else { return nil }
        return leadPeriods.last?.until ?? openedOn
    }

    /// The index of the last action with `actionId`.
    ///
    /// Every action event of a replay searches its case's actions. Through the buffer, each
    /// action's ID is compared where it lies; `lastIndex(where:)` would copy every action it
    /// passes (a retain and release of each of its strings) to hand it to the predicate.
    func actionIndex(_ actionId: ActionID) -> Int? {
        actions.withUnsafeBufferPointer { actions in
            var i = actions.count
            while i > 0 {
                i -= 1
                if actions[i].actionId == actionId { return i }
            }
            return nil
        }
    }

    /// `actionIndex(actionId)`, if that action takes a change (`ActionRule`: it is open).
    func changeableActionIndex(_ actionId: ActionID) -> Int? {
        guard let i = actionIndex(actionId) else { return nil }
        // In place too: `actions[i].state` would copy the whole action to read one byte.
        let state = actions.withUnsafeBufferPointer { $0[i].state }
        return ActionRule.fits(state) ? i : nil
    }
}
