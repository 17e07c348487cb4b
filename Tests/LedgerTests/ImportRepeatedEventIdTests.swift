import Foundation
import LedgerTestSupport
import Testing

@testable import Ledger

/// `importRequests` first assumes no eventId repeats within its input and checks that when it
/// sorts the eventIds for the index; these hold it to the answers of a careful load.
@Suite struct ImportRepeatedEventIdTests {
    /// Imports `requests` (one transaction), returning every outcome or the failure.
    private func load(_ t: TestLedger, _ requests: [AppendRequest]) -> Result<[AppendOutcome], AppendFailure> {
        var outcomes: [AppendOutcome] = []
        do {
            try t.ledger.importRequests({
                outcomes = []  // a second attempt reports from the top
                var iterator = requests.makeIterator()
                return { iterator.next() }
            }) { outcomes.append($0) }
            return .success(outcomes)
        } catch {
            return .failure(error)
        }
    }

    @Test func anIdenticalRepeatIsOneEvent() throws {
        let t = try TestLedger()
        let joined = try t.fixture.request(.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05"), "case-c1")
        let other = try t.fixture.request(.tacMemberJoined(practitionerId: "sw1", joinedOn: "2025-03-05"), "case-c1")
        let outcomes = try load(t, [try t.fixture.caseOpened("c1"), joined, joined, other]).get()
        #expect(outcomes.map(\.seq) == [8, 9, 9, 10])
        #expect(outcomes.map(\.version) == [0, 1, 1, 2])
        #expect(outcomes.map(\.duplicate) == [false, false, true, false])
        #expect(try t.ledger.head().seq == 10)
        #expect(try t.ledger.verify().events == 10)
        // The index holds the repeated eventId once, at its first position.
        let retry = try t.append(joined)[0]
        #expect(retry.duplicate && retry.seq == 9)
    }

    /// Written optimistically, the repeat would be a second CaseOpened and refused: the load
    /// must not report that.
    @Test func aRepeatedFirstEventOfAStreamIsNotRefused() throws {
        let t = try TestLedger()
        let opened = try t.fixture.caseOpened("c2")
        let outcomes = try load(t, [opened, opened]).get()
        #expect(outcomes.map(\.seq) == [8, 8])
        #expect(outcomes.map(\.duplicate) == [false, true])
        #expect(try t.ledger.head().seq == 8)
    }

    @Test func aRepeatWithOtherContentIsRefusedAndNothingIsWritten() throws {
        let t = try TestLedger()
        let id = t.fixture.nextEventId()
        let a = try t.fixture.request(.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05"), "case-c1", eventId: id)
        let b = try t.fixture.request(.tacMemberJoined(practitionerId: "sw1", joinedOn: "2025-03-05"), "case-c1", eventId: id)
        let head = try t.ledger.head()
        guard case .failure(let failure) = load(t, [try t.fixture.caseOpened("c1"), a, b]) else {
            Issue.record("expected the load to be refused")
            return
        }
        #expect(failure.index == 2)
        guard case .refused(let refusal) = failure.error else { Issue.record("expected a refusal, got \(failure.error)"); return }
        #expect(refusal.field == "eventId" && refusal.reason.contains("different content"))
        #expect(try t.ledger.head() == head)
    }

    @Test func aRepeatOfACommittedEventIsADuplicate() throws {
        let t = try TestLedger()
        let opened = try t.fixture.caseOpened("c3")
        let first = try t.append(opened)[0]
        let joined = try t.fixture.request(.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05"), "case-c3")
        let outcomes = try load(t, [opened, joined, opened]).get()
        #expect(outcomes.map(\.duplicate) == [true, false, true])
        #expect(outcomes[0].seq == first.seq && outcomes[2].seq == first.seq)
        #expect(outcomes[1].seq == first.seq + 1)
    }
}
