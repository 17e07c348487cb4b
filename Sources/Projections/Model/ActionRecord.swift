import Ledger

/// Who owns an action: a practitioner, or a member of the family.
public enum ActionOwner: Sendable, Hashable {
    case practitioner(String)
    /// parent, carer, child or young-person.
    case family(String)

    public var practitionerId: String? {
        if case .practitioner(let id) = self { return id }
        return nil
    }
}

/// An escalation of an action that is not being delivered.
public struct Escalation: Sendable, Equatable {
    public var on: CalendarDate
    /// line-manager, multi-agency-panel or integrated-services-manager.
    public var to: String
    public var reason: String
}

/// One action of a case's delivery plan, as it stands.
public struct ActionRecord: Sendable, Equatable {
    public enum State: UInt8, Sendable {
        case open, completed, cancelled

        public var name: String {
            switch self {
            case .open: "open"
            case .completed: "completed"
            case .cancelled: "cancelled"
            }
        }
    }

    public var actionId: String
    public var description: String
    public var owner: ActionOwner
    public var needId: String?
    public var agreedOn: CalendarDate
    /// The due date now in force.
    public var dueOn: CalendarDate
    /// The due date first agreed; differs from `dueOn` after a revision.
    public var originalDueOn: CalendarDate
    public var dueDateRevisions: Int
    public var meetingId: String?
    public var state: State
    /// When it was completed or cancelled.
    public var closedOn: CalendarDate?
    /// The completion note or the cancellation reason.
    public var closingNote: String?
    public var escalations: [Escalation]
    public var progressNotes: Int
    public var lastProgressOn: CalendarDate?

    public var isOpen: Bool { state == .open }
    public var isEscalated: Bool { !escalations.isEmpty }

    /// Overdue on `date`: open and due before it.
    public func isOverdue(on date: CalendarDate) -> Bool {
        isOpen && dueOn < date
    }
}
