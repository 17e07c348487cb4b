/// Where an agreed action is in its life. Both sides keep it: the write side's `CaseState`
/// and the projections' `ActionRecord`. Stored as its raw value, so the values are fixed.
public enum ActionStatus: UInt8, Sendable {
    /// Agreed and not yet done or dropped: it may be progressed, revised, reassigned, escalated.
    case open = 0
    /// Done: no further change.
    case completed = 1
    /// Dropped: no further change.
    case cancelled = 2

    /// The status as views spell it.
    public var name: String {
        switch self {
        case .open: "open"
        case .completed: "completed"
        case .cancelled: "cancelled"
        }
    }
}

/// What an event does to an agreed action: the one statement of the rule that the write
/// side refuses by (`AppendRules`) and the read side applies by (`CaseRecord.evolve` in
/// Projections). An action is agreed once; after that, progress, a new due date, a new
/// owner, an escalation, completion or cancellation each change it only while it is open
/// (DOMAIN.md, refusal 5), and completion or cancellation closes it for good.
public enum ActionRule {
    /// The agreed action `event` changes, nil if it is not such a change (an agreement
    /// makes an action, it does not change one).
    public static func changedAction(by event: DomainEvent) -> ActionID? {
        switch event {
        case .actionProgressRecorded(let id, _, _), .actionDueDateRevised(let id, _, _), .actionReassigned(let id, _, _),
            .actionCompleted(let id, _, _), .actionCancelled(let id, _, _), .actionEscalated(let id, _):
            id
        default: nil
        }
    }

    /// Whether a change fits an action whose status is `status` (nil: never agreed).
    public static func fits(_ status: ActionStatus?) -> Bool {
        status == .open
    }

    /// The action's status after `event` (an agreement or a change that fits), nil for an
    /// event that is no action's.
    public static func status(after event: DomainEvent) -> ActionStatus? {
        switch event {
        case .actionAgreed, .actionProgressRecorded, .actionDueDateRevised, .actionReassigned, .actionEscalated: .open
        case .actionCompleted: .completed
        case .actionCancelled: .cancelled
        default: nil
        }
    }
}
