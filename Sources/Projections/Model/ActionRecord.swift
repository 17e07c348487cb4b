import Ledger

/// An escalation of an action, as its `ActionEscalated` recorded it.
public typealias Escalation = DomainEvent.Escalation

/// One action of a case's delivery plan, as it stands.
public struct ActionRecord: Sendable, Equatable {
    /// Where the action is in its life: the write side's own status (`ActionStatus`), so
    /// both sides change it by the one `ActionRule`.
    public typealias State = ActionStatus

    /// The action's ID within its case.
    public var actionId: ActionID
    /// What is to be done.
    public var description: String
    /// Who is to do it.
    public var owner: ActionOwner
    /// The CAF need it addresses, if any.
    public var needId: NeedID?
    /// When it was agreed.
    public var agreedOn: CalendarDate
    /// The due date now in force.
    public var dueOn: CalendarDate
    /// The due date first agreed; differs from `dueOn` after a revision.
    public var originalDueOn: CalendarDate
    /// How many times the due date has been moved.
    public var dueDateRevisions: Int
    /// The TAC meeting that agreed it, if any.
    public var meetingId: MeetingID?
    /// Open, completed or cancelled.
    public var state: State
    /// When it was completed or cancelled.
    public var closedOn: CalendarDate?
    /// The completion note or the cancellation reason.
    public var closingNote: String?
    /// Escalations, oldest first.
    public var escalations: [Escalation]
    /// How many progress notes were recorded (their text is not kept).
    public var progressNotes: Int
    /// When progress was last recorded; nil if never.
    public var lastProgressOn: CalendarDate?

    /// Applies a change to the action (`ActionRule.changedAction(by:)` names it), which the
    /// caller has checked fits (`ActionRule.fits`); its state becomes `ActionRule.status(after:)`.
    mutating func apply(_ change: DomainEvent) {
        switch change {
        case .actionProgressRecorded(_, _, let recordedOn):
            progressNotes += 1
            lastProgressOn = recordedOn
        case .actionDueDateRevised(_, let newDueOn, _):
            dueOn = newDueOn
            dueDateRevisions += 1
        case .actionReassigned(_, let newOwner, _):
            owner = newOwner
        case .actionCompleted(_, let completedOn, let note):
            closedOn = completedOn
            closingNote = note
        case .actionCancelled(_, let cancelledOn, let reason):
            closedOn = cancelledOn
            closingNote = reason
        case .actionEscalated(_, let escalation):
            escalations.append(escalation)
        default:
            return
        }
        state = ActionRule.status(after: change) ?? state
    }

    /// Whether it is still to be done.
    public var isOpen: Bool { state == .open }
    /// Whether it has ever been escalated.
    public var isEscalated: Bool { !escalations.isEmpty }

    /// Overdue on `date`: open and due before it.
    public func isOverdue(on date: CalendarDate) -> Bool {
        isOpen && dueOn < date
    }
}
