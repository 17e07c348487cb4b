import Foundation
import LedgerTestSupport
import Testing

@testable import Ledger

/// The group committer's bound: a full queue refuses at once (`Overloaded`), nothing
/// queued, and drains to take appends again.
///
/// The writer is held by another thread holding the environment's LMDB write transaction:
/// the committer's writer takes its first group and blocks on the same lock, so what comes
/// after stays queued for as long as the test likes.
@Suite struct GroupCommitterTests {
    /// Waits (up to 120 s) until `condition` holds. Generous: the whole suite runs in
    /// parallel on two cores, and the tasks this waits for need a turn on Swift's cooperative
    /// pool, which other tests' blocking work (subprocesses) can hold for tens of seconds.
    static func until(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(120)
        while !condition() {
            guard Date() < deadline else { throw WaitTimedOut(what: what) }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    struct WaitTimedOut: Error { let what: String }

    @Test func aFullQueueRefusesAtOnceThenDrains() async throws {
        let t = try TestLedger()
        let committer = GroupCommitter(ledger: t.ledger, maximumPending: 2)
        let requests = try (0..<5).map { try t.fixture.caseOpened("q\($0)") }
        let hold = try WriterHold(t.ledger.environment)

        // The writer takes the first batch and blocks on the held lock.
        let first = Task { try await committer.append([requests[0]]) }
        try await Self.until("the writer takes the first batch") { committer.load.committingBatches == 1 }
        // Two more fill the queue behind it.
        let queued = [requests[1], requests[2]].map { request in Task { try await committer.append([request]) } }
        try await Self.until("two batches queued") { committer.load.pendingBatches == 2 }

        // The next is refused at once, and nothing of it is queued.
        do {
            _ = try await committer.append([requests[3]])
            Issue.record("an append to a full queue was taken")
        } catch let overloaded as GroupCommitter.Overloaded {
            #expect(overloaded.pendingBatches == 2 && overloaded.maximumPending == 2 && overloaded.batchEvents == 1)
            #expect(overloaded.description.contains("nothing of this batch"))
        }
        #expect(committer.load == GroupCommitter.Load(pendingBatches: 2, pendingEvents: 2, committingBatches: 1))

        // Released, the queue drains: every taken append is durable, the refused one is not.
        hold.release()
        var seqs = [try await first.value[0].seq]
        for task in queued { seqs.append(try await task.value[0].seq) }
        #expect(seqs.sorted() == [8, 9, 10])
        try await Self.until("the queue drains") {
            committer.load == GroupCommitter.Load(pendingBatches: 0, pendingEvents: 0, committingBatches: 0)
        }
        #expect(try t.ledger.lastSeq() == 10, "the refused append left a trace")

        // And appends are taken again: the refused one, retried as it was, included.
        #expect(try await committer.append([requests[3]])[0].seq == 11)
        #expect(try await committer.append([requests[4]])[0].seq == 12)
        committer.shutdown()
        #expect(try t.ledger.verify().events == 12)
    }

    @Test func theEventBoundRefusesABatchThatWouldPassItButTakesALoneOne() async throws {
        let t = try TestLedger()
        let committer = GroupCommitter(ledger: t.ledger, maximumPending: 100, maximumPendingEvents: 3)
        let requests = try (0..<10).map { try t.fixture.caseOpened("e\($0)") }
        let hold = try WriterHold(t.ledger.environment)

        let first = Task { try await committer.append([requests[0]]) }
        try await Self.until("the writer takes the first batch") { committer.load.committingBatches == 1 }
        let two = Task { try await committer.append([requests[1], requests[2]]) }
        try await Self.until("a batch of two queued") { committer.load.pendingEvents == 2 }

        // 2 + 2 > 3: refused; 2 + 1 = 3: taken.
        await #expect(throws: GroupCommitter.Overloaded.self) { try await committer.append([requests[3], requests[4]]) }
        let one = Task { try await committer.append([requests[5]]) }
        try await Self.until("a batch of one queued") { committer.load.pendingEvents == 3 }

        hold.release()
        #expect(try await first.value.count == 1)
        #expect(try await two.value.count == 2)
        #expect(try await one.value.count == 1)
        // A batch over the event bound is taken when it would be alone in the queue.
        try await Self.until("the queue drains") { committer.load.pendingBatches == 0 && committer.load.committingBatches == 0 }
        #expect(try await committer.append(Array(requests[6...9])).count == 4)
        committer.shutdown()
        #expect(try t.ledger.verify().events == 7 + 8)
    }
}
