import Ledger
import LedgerTestSupport
import Testing

@testable import Projections

/// The projections apply an action's changes by the same `ActionRule` the append rules refuse
/// by: a change reaches an open action, and none reaches an action never agreed or closed.
@Suite struct ActionRuleProjectionTests {
    static let day = CalendarDate(dayNumber: 20_000)

    static func record(withActionClosedBy closing: DomainEvent?) -> CaseRecord {
        var record = CaseRecord(
            opened: DomainEvent.CaseOpened(
                caseId: "c1", childId: "ch1", dateOfBirth: nil, gender: "female", ethnicity: "WBRI", openedOn: day,
                openedBy: "p-ann"))
        let directory = Directory()
        record.evolve(
            .actionAgreed(
                actionId: "act-1", description: "visit", owner: .practitioner("p-ann"), needId: nil, agreedOn: day,
                dueOn: day, meetingId: nil),
            seq: 2, directory: directory)
        if let closing { record.evolve(closing, seq: 3, directory: directory) }
        return record
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5])
    func aChangeReachesOnlyAnOpenAction(change index: Int) throws {
        let change = ActionChanges.all[index]
        let closings: [DomainEvent] = [
            .actionCompleted(actionId: "act-1", completedOn: Self.day, note: nil),
            .actionCancelled(actionId: "act-1", cancelledOn: Self.day, reason: "no longer needed"),
        ]
        // Open: the change applies.
        var open = Self.record(withActionClosedBy: nil)
        let before = open.actions[0]
        open.evolve(change, seq: 9, directory: Directory())
        #expect(open.actions[0] != before, "\(change.type) must change an open action")
        #expect(open.actions[0].state == ActionRule.status(after: change))

        // Closed: nothing about the action changes (the involvement of a named owner aside).
        for closing in closings {
            var closed = Self.record(withActionClosedBy: closing)
            let action = closed.actions[0]
            closed.evolve(change, seq: 9, directory: Directory())
            #expect(closed.actions[0] == action, "\(change.type) after \(closing.type)")
            #expect(!ActionRule.fits(action.state))
        }

        // Never agreed: no action appears.
        var none = CaseRecord(
            opened: DomainEvent.CaseOpened(
                caseId: "c2", childId: "ch2", dateOfBirth: nil, gender: "male", ethnicity: "WBRI", openedOn: Self.day,
                openedBy: "p-ann"))
        none.evolve(change, seq: 2, directory: Directory())
        #expect(none.actions.isEmpty)
    }
}
