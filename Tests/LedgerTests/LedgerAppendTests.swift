import Foundation
import LedgerTestSupport
import Testing

@testable import Ledger

@Suite struct LedgerAppendTests {
    @Test func assignsGaplessSeqsPerStreamVersionsAndChainsFromZero() throws {
        let t = try TestLedger(seedDirectory: false)
        let outcomes = try t.ledger.append(try t.fixture.directory())
        #expect(outcomes.map(\.seq) == Array(1...7))
        #expect(outcomes.map(\.version) == [0, 0, 0, 0, 0, 0, 0])
        try t.append(try t.fixture.caseOpened("c1"))
        let second = try t.append(try t.fixture.request(.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05"), "case-c1"))
        #expect(second[0].seq == 9 && second[0].version == 1)
        let first = try RecordedEvent(decoding: try #require(try t.ledger.event(seq: 1)))
        #expect(first.prevHash == String(repeating: "0", count: 64))
        #expect(try t.ledger.verify().events == 9)
    }

    @Test func lastSeqIsTheHeadsSeqWithoutDecodingIt() throws {
        let t = try TestLedger(seedDirectory: false)
        #expect(try t.ledger.lastSeq() == 0 && t.ledger.head().seq == 0)
        try t.ledger.append(try t.fixture.directory())
        #expect(try t.ledger.lastSeq() == 7)
        try t.append(try t.fixture.caseOpened("c1"))
        #expect(try t.ledger.lastSeq() == 8 && t.ledger.head().seq == 8)
    }

    @Test func identicalRetryReturnsTheOriginalPositionsEvenAfterARestart() throws {
        let t = try TestLedger()
        let id = t.fixture.nextEventId()
        let request = try t.fixture.caseOpened("c1")
        let text = t.fixture.json(Fixture.opened("c1"), "case-c1", actor: "t1", eventId: id, metadata: [("source", "test")])
        _ = request
        let original = try t.append(try Fixture.parse(text))[0]
        try t.reopen()
        let head = try t.ledger.head()
        // Same content with members reordered and expectedVersion added is still the same event.
        let reordered = #"{"expectedVersion":-1,"metadata":{"source":"test"},"data":{"openedBy":"t1","caseId":"c1","childId":"child-c1","dateOfBirth":"2015-06-01","gender":"female","ethnicity":"WBRI","openedOn":"2025-03-04"},"actor":"t1","occurredAt":"2025-03-04T10:15:00Z","type":"CaseOpened","stream":"case-c1","eventId":"\#(id.uppercased())"}"#
        let retry = try t.append(try Fixture.parse(reordered))[0]
        #expect(retry.duplicate && retry.seq == original.seq && retry.version == original.version)
        #expect(try t.ledger.head() == head)

        let changed = t.fixture.json(
            Fixture.opened("c1", gender: "male"), "case-c1", actor: "t1", eventId: id, metadata: [("source", "test")])
        let failure = t.failure(try Fixture.parse(changed))
        guard case .refused(let refusal)? = failure?.error else { Issue.record("expected refusal"); return }
        #expect(refusal.field == "eventId" && refusal.reason.contains("different content"))
        #expect(try t.ledger.head() == head)
    }

    @Test func duplicateWithinOneBatchIsASuccessNotASecondEvent() throws {
        let t = try TestLedger()
        let id = t.fixture.nextEventId()
        let a = try t.fixture.request(.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05"), "case-c1", eventId: id)
        let results = try t.ledger.append(batches: [[try t.fixture.caseOpened("c1"), a, a], [a]])
        let first = try results[0].get()
        #expect(first[2].duplicate && first[2].seq == first[1].seq)
        #expect(try results[1].get()[0].duplicate)
        #expect(try t.ledger.head().seq == 9)
    }

    @Test func expectedVersionAbsentMinusOneAndN() throws {
        let t = try TestLedger()
        let open = try t.fixture.request(
            .caseOpened(
                .init(
                    caseId: "c1", childId: "x", dateOfBirth: nil, gender: "neither", ethnicity: "NOBT", openedOn: "2025-03-04",
                    openedBy: "t1")),
            "case-c1", expectedVersion: -1)
        try t.append(open)
        let join = DomainEvent.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05")
        let stale = t.failure(try t.fixture.request(join, "case-c1", expectedVersion: -1))
        #expect(stale?.error == .conflict(stream: "case-c1", expected: -1, actual: 0))
        let wrong = t.failure(try t.fixture.request(join, "case-c1", expectedVersion: 3))
        #expect(wrong?.error == .conflict(stream: "case-c1", expected: 3, actual: 0))
        try t.append(try t.fixture.request(join, "case-c1", expectedVersion: 0))
        #expect(try t.ledger.version(of: StreamName(kind: .case, id: "c1")) == 1)
    }

    @Test func aRefusedBatchLeavesNothingBehind() throws {
        let t = try TestLedger()
        let before = try t.ledger.head()
        let failure = t.failure(
            try t.fixture.caseOpened("c1"),
            try t.fixture.request(.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05"), "case-c1"),
            try t.fixture.request(.tacMemberLeft(practitionerId: "sw1", leftOn: "2025-03-05", reason: "x"), "case-c1"))
        #expect(failure?.index == 2)
        #expect(try t.ledger.head() == before)
        #expect(try t.ledger.version(of: StreamName(kind: .case, id: "c1")) == -1)
        // The same events without the bad one go through, from the same positions.
        let outcomes = try t.append(try t.fixture.caseOpened("c1"))
        #expect(outcomes[0].seq == before.seq + 1)
    }

    @Test func groupCommitKeepsEachBatchAllOrNothing() throws {
        let t = try TestLedger()
        let good1 = [try t.fixture.caseOpened("c1")]
        let bad = [try t.fixture.caseOpened("c2"), try t.fixture.caseOpened("c2")]
        let good2 = [try t.fixture.caseOpened("c3")]
        let results = try t.ledger.append(batches: [good1, bad, good2])
        #expect(try results[0].get()[0].seq == 8)
        #expect(throws: AppendFailure.self) { try results[1].get() }
        #expect(try results[2].get()[0].seq == 9)
        #expect(try t.ledger.version(of: StreamName(kind: .case, id: "c2")) == -1)
        #expect(try t.ledger.verify().events == 9)
    }

    @Test func recordedAtNeverDecreasesEvenIfTheClockGoesBack() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var fixture = Fixture()
        let late = Timestamp(parsing: "2030-01-01T00:00:00Z")!
        try Ledger(path: directory.path, clock: { late }).append(try fixture.directory())
        let early = Timestamp(parsing: "2020-01-01T00:00:00Z")!
        let ledger = try Ledger(path: directory.path, clock: { early })
        let outcome = try ledger.append([try fixture.caseOpened("c1")])[0]
        let event = try RecordedEvent(decoding: try #require(try ledger.event(seq: outcome.seq)))
        #expect(event.recordedAt == "2030-01-01T00:00:00.000000Z")
    }

    @Test func theMapGrowsByItself() throws {
        // 256 KiB holds a few hundred events; the load needs many times that.
        let t = try TestLedger(mapSize: 256 << 10)
        let startSize = t.ledger.environment.mapSize
        var requests: [AppendRequest] = []
        for i in 0..<3000 { requests.append(try t.fixture.caseOpened("c\(i)")) }
        try t.ledger.append(requests)
        for i in 0..<200 { try t.append(try t.fixture.caseOpened("d\(i)")) }
        #expect(t.ledger.environment.mapSize > startSize)
        #expect(try t.ledger.verify().events == 7 + 3200)
    }

    @Test func concurrentAppendersShareCommitsAndStayGapless() async throws {
        let t = try TestLedger()
        let committer = GroupCommitter(ledger: t.ledger)
        let appenders = 64
        let perAppender = 20
        var batches: [[AppendRequest]] = []
        for a in 0..<appenders {
            batches.append(try (0..<perAppender).map { i in try t.fixture.caseOpened("a\(a)-\(i)") })
        }
        let seqs = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for batch in batches {
                group.addTask {
                    var seqs: [UInt64] = []
                    for request in batch { seqs.append(try await committer.append([request])[0].seq) }
                    return seqs
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        committer.shutdown()
        #expect(seqs.sorted() == Array(8...UInt64(7 + appenders * perAppender)))
        #expect(try t.ledger.verify().events == UInt64(7 + appenders * perAppender))
    }

    @Test func appendsAfterShutdownAreRefused() async throws {
        let t = try TestLedger()
        let committer = GroupCommitter(ledger: t.ledger)
        committer.shutdown()
        let request = try t.fixture.caseOpened("c1")
        await #expect(throws: CancellationError.self) { try await committer.append([request]) }
    }
}
