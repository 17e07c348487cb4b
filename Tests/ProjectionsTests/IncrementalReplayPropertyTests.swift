import Foundation
import Ledger
import Projections
import PropertyBased
import Testing

/// "Incremental projection == full replay": a demo ledger appended in random pieces, the
/// projection caught up after each in random chunk sizes, ends exactly where a replay from
/// seq 1 (and a rebuild) ends: every record, the directory, the checkpoint, and the index.
@Suite struct IncrementalReplayPropertyTests {
    @Test func incrementalEqualsReplay() async throws {
        await propertyCheck(
            count: 12, input: Gen.int(in: 1...4), Gen.int(in: 0..<1_000_000), Gen.int(in: 1...400).array(of: 1...6),
            Gen.int(in: 1...64)
        ) { cases, seed, cuts, chunk in
            do {
                let demo = try DemoLedger(cases: cases, seed: UInt64(seed))
                let projector = try Projector(ledger: demo.ledger)
                try demo.appendInPieces(cuts) { _ in try projector.catchUp(chunk: chunk) }
                try projector.catchUp(chunk: chunk)
                let (maintained, index) = try DemoLedger.stored(projector)
                let (replayed, replayedIndex) = try demo.replayed()
                #expect(maintained.checkpoint == UInt64(demo.requests.count))
                #expect(maintained == replayed, "incremental projection differs from a full replay")
                #expect(index == replayedIndex, "open-action index differs from the replayed state's open actions")
                try projector.catchUp(rebuild: true, chunk: 997)
                #expect(try DemoLedger.stored(projector).0 == replayed, "a rebuild differs from a replay")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// Two projectors on one ledger (two processes, each keeping its case records between
    /// catch-ups) take turns at random: each must notice the other's catch-ups and not apply
    /// events to records it remembers from before them.
    @Test func projectorsTakingTurnsEqualReplay() async throws {
        await propertyCheck(
            // Cuts small enough that the turns fall among the cases' events (after the directory's).
            count: 8, input: Gen.int(in: 1...3), Gen.int(in: 0..<1_000_000), Gen.int(in: 1...40).array(of: 8...24),
            Gen.int(in: 1...64)
        ) { cases, seed, cuts, chunk in
            do {
                let demo = try DemoLedger(cases: cases, seed: UInt64(seed))
                let projectors = [try Projector(ledger: demo.ledger), try Projector(ledger: demo.ledger)]
                // The cut's parity picks the projector, so both turn up in most orders.
                try demo.appendInPieces(cuts) { cut in try projectors[cut % 2].catchUp(chunk: chunk) }
                try projectors[0].catchUp(chunk: chunk)
                let (replayed, replayedIndex) = try demo.replayed()
                let (maintained, index) = try DemoLedger.stored(projectors[0])
                #expect(maintained == replayed, "projectors taking turns differ from a full replay")
                #expect(index == replayedIndex, "open-action index differs from the replayed state's open actions")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// A catch-up interrupted between chunks (a crash after a commit) resumes from its
    /// checkpoint in a new process: nothing applied twice, nothing skipped.
    @Test func interruptedCatchUpResumesFromCheckpoint() throws {
        struct Crash: Error {}
        let demo = try DemoLedger(cases: 3, seed: 42)
        try demo.append(0..<30)
        try Projector(ledger: demo.ledger).catchUp()  // built from scratch (in memory)
        try demo.append(30..<demo.requests.count)
        var chunks = 0
        #expect(throws: Crash.self) {
            try Projector(ledger: demo.ledger).catchUp(chunk: 13) { _ in
                chunks += 1
                if chunks == 5 { throw Crash() }
            }
        }
        let resumed = try Projector(ledger: demo.ledger)
        #expect(try resumed.checkpoint().seq == 30 + 5 * 13, "the crash came after the fifth chunk had committed")
        try resumed.catchUp()
        #expect(try DemoLedger.stored(resumed).0 == demo.replayed().0)
        // Every event applied once: each case counts exactly its stream's events.
        for (id, record) in try demo.replayed().0.cases {
            #expect(record.eventCount == Int(try demo.ledger.version(of: StreamName(kind: .case, id: id.rawValue)) + 1))
        }
    }

    /// Another process's appends are caught up by the next view.
    @Test func viewsSeeAppendsFromAnotherLedgerHandle() throws {
        let demo = try DemoLedger(cases: 2, seed: 7)
        try demo.append(0..<(demo.requests.count / 2))
        let query = ViewQuery(projector: try Projector(ledger: demo.ledger))
        let first = try query.answer(Evaluation(on: CalendarDate(parsing: "2099-01-01")!)) { source in
            var n = 0
            try source.forEachCase { _ in n += 1 }
            return n
        }
        let other = try Ledger(path: demo.path)
        try other.append(Array(demo.requests[(demo.requests.count / 2)...]))
        let second = try query.answer(Evaluation(on: CalendarDate(parsing: "2099-01-01")!)) { source in
            try source.forEachCase { _ in }
            return try Projector(ledger: demo.ledger).checkpoint().seq
        }
        #expect(first.path == .maintained && second.path == .maintained)
        #expect(second.result == UInt64(demo.requests.count))
    }
}
