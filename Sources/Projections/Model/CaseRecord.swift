import Ledger

/// Everything the views need to know about one case, as its events left it.
///
/// Date-dependent judgements (overdue, flags, cover in force) are not stored: they are made
/// when a view is asked for, on the evaluation date it is asked for.
public struct CaseRecord: Sendable, Equatable {
    public var caseId: String
    public var childId: String
    public var dateOfBirth: CalendarDate?
    public var gender: String
    public var ethnicity: String
    public var openedOn: CalendarDate
    public var openedBy: String
    public var closures: [ClosureRecord] = []
    public var consents: [ConsentRecord] = []
    public var cafs: [CAFRecord] = []
    public var members: [TACMembership] = []
    public var meetings: [MeetingRecord] = []
    public var leadPeriods: [LeadProfessionalPeriod] = []
    public var covers: [CoverRecord] = []
    public var actions: [ActionRecord] = []
    public var statuses: [StatutoryPeriod] = []
    public var disputes: [DisputeRecord] = []
    /// Every practitioner ever involved in the case, in byte order of their IDs, each once:
    /// who opened it, each CAF assessor, each TAC member who joined, each lead professional
    /// (appointed or handed over to), each cover, each practitioner owning an action (when
    /// agreed and when reassigned to them). It only grows: a practitioner who *was* involved
    /// stays so, which is what scoped reads (`CaseScope`) are judged on. Named by an event
    /// of the case is enough, so a past date's replay involves whoever that date's events name.
    public var involved: [String]
    /// The seq of the last event applied, and how many events the case has.
    public var lastSeq: UInt64 = 0
    public var eventCount: Int = 0

    public init(opened: DomainEvent.CaseOpened) {
        caseId = opened.caseId
        childId = opened.childId
        dateOfBirth = opened.dateOfBirth
        gender = opened.gender
        ethnicity = opened.ethnicity
        openedOn = opened.openedOn
        openedBy = opened.openedBy
        involved = [opened.openedBy]
    }

    public var isOpen: Bool { closures.last.map { $0.reopenedOn != nil } ?? true }

    /// The current closure, if the case is closed.
    public var closure: ClosureRecord? { isOpen ? nil : closures.last }

    /// The lead professional in place, if any.
    public var leadProfessional: String? {
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

    public var initialMeeting: MeetingRecord? { meetings.first { $0.kind == "initial" } }

    public var hasAssessmentConsent: Bool {
        consents.contains { $0.scope == "assessment" && $0.isInForce }
    }

    public func hasActiveStatus(_ status: String) -> Bool {
        statuses.contains { $0.status == status && $0.isActive }
    }

    public var activeStatuses: [String] {
        statuses.filter(\.isActive).map(\.status)
    }

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
    func actionIndex(_ actionId: String) -> Int? {
        actions.withUnsafeBufferPointer { actions in
            var i = actions.count
            while i > 0 {
                i -= 1
                if actions[i].actionId == actionId { return i }
            }
            return nil
        }
    }

    /// `actionIndex(actionId)`, if that action is open.
    func openActionIndex(_ actionId: String) -> Int? {
        guard let i = actionIndex(actionId) else { return nil }
        // In place too: `actions[i].isOpen` would copy the whole action to read one byte.
        let state = actions.withUnsafeBufferPointer { $0[i].state }
        return state == .open ? i : nil
    }
}
