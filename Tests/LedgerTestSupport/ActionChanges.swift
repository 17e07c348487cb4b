import Ledger

/// Every kind of change to an agreed action, each naming `act-1`, in a fixed order (the four
/// that leave it open, then completion, then cancellation): the write side's and the read
/// side's tests of `ActionRule` run the same list.
public enum ActionChanges {
    /// The day every change is dated.
    public static let day = CalendarDate(dayNumber: 20_000)

    /// Progress, a new due date, a new owner, an escalation, completion, cancellation.
    public static let all: [DomainEvent] = [
        .actionProgressRecorded(actionId: "act-1", note: "called", recordedOn: day),
        .actionDueDateRevised(actionId: "act-1", dueOn: CalendarDate(dayNumber: 20_030), reason: "waiting list"),
        .actionReassigned(actionId: "act-1", owner: .practitioner("p-bob"), reason: "cover"),
        .actionEscalated(actionId: "act-1", escalation: .init(on: day, to: "line-manager", reason: "not delivered")),
        .actionCompleted(actionId: "act-1", completedOn: day, note: nil),
        .actionCancelled(actionId: "act-1", cancelledOn: day, reason: "no longer needed"),
    ]
}
