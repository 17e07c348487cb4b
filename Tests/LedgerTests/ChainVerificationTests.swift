import Foundation
import LedgerTestSupport
import Testing

@testable import Ledger

@Suite struct ChainVerificationTests {
    private func populated() throws -> TestLedger {
        let t = try TestLedger()
        for i in 0..<20 {
            try t.append(
                try t.fixture.caseOpened("c\(i)"),
                try t.fixture.request(
                    .tacMemberJoined(practitionerId: "sw1", joinedOn: "2025-03-05"), "case-c\(i)",
                    metadata: [("correlationId", "ü-\(i)"), ("source", #"naïve "quoted""#)]))
        }
        return t
    }

    private func export(_ ledger: Ledger) throws -> String {
        var lines: [String] = []
        try ledger.scan { _, bytes in
            lines.append(String(decoding: bytes, as: UTF8.self))
            return true
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aChangedByteIsNamedBySeq() throws {
        let t = try populated()
        let original = try #require(try t.ledger.event(seq: 12))
        var tampered = original
        let index = try #require(tampered.firstIndex(of: UInt8(ascii: "s")))
        tampered[index] = UInt8(ascii: "S")
        let events = t.ledger.store.events
        try t.ledger.environment.write { txn in try txn.put(events, Keys.seq(12), tampered) }
        #expect(throws: VerificationFailure.self) { try t.ledger.verify() }
        do {
            _ = try t.ledger.verify()
        } catch let failure as VerificationFailure {
            #expect(failure.seq == 12)
        }
    }

    @Test func segmentsCheckedInParallelAgreeWithOneWorker() throws {
        let t = try populated()
        let whole = try t.ledger.verify(workers: 1, segment: 1 << 20, progress: nil)
        var reached: [UInt64] = []
        for (workers, segment) in [(1, 1), (2, 3), (3, 7), (4, 40), (16, 2)] {
            reached = []
            #expect(try t.ledger.verify(workers: workers, segment: segment) { reached.append($0) } == whole)
            #expect(reached.last == whole.events && reached == reached.sorted(), "progress after each round only grows")
        }
    }

    @Test func theLowestBadSeqIsNamedWhicheverSegmentFindsIt() throws {
        let t = try populated()
        let events = t.ledger.store.events
        for seq: UInt64 in [30, 12] {
            var tampered = try #require(try t.ledger.event(seq: seq))
            let index = try #require(tampered.firstIndex(of: UInt8(ascii: "s")))
            tampered[index] = UInt8(ascii: "S")
            try t.ledger.environment.write { txn in try txn.put(events, Keys.seq(seq), tampered) }
        }
        for (workers, segment) in [(1, 1 << 20), (2, 5), (3, 4), (8, 1)] {
            #expect(throws: VerificationFailure(seq: 12, reason: "hash does not match the event's content")) {
                try t.ledger.verify(workers: workers, segment: segment, progress: nil)
            }
        }
    }

    @Test func aMissingStreamIndexEntryIsNamedInAnySegment() throws {
        let t = try populated()
        // Event 4 (case-c1's first) removed from the stream index: the index check names it
        // whichever segment holds it.
        let streams = t.ledger.store.streams
        let event = try RecordedEvent(decoding: try #require(try t.ledger.event(seq: 4)))
        try t.ledger.environment.write { txn in _ = try txn.delete(streams, Keys.streamVersion(event.stream, event.version)) }
        for (workers, segment) in [(1, 1 << 20), (2, 3), (3, 1)] {
            #expect(throws: VerificationFailure.self) { try t.ledger.verify(workers: workers, segment: segment, progress: nil) }
            do { _ = try t.ledger.verify(workers: workers, segment: segment, progress: nil) } catch let failure as VerificationFailure {
                #expect(failure.seq == 4, "\(failure)")
            }
        }
    }

    @Test func theMergeFindsWhatOnlyOrderShows() throws {
        typealias S = SegmentVerification
        func summary(_ first: UInt64, _ last: UInt64, _ at: String, _ streams: [String: S.StreamSpan]) -> S.Summary {
            S.Summary(first: first, last: last, firstRecordedAt: at, lastRecordedAt: at, streams: streams)
        }
        var state = S.MergedState()
        let a = summary(1, 5, "2026-01-01T00:00:00Z", ["case-x": .init(firstVersion: 0, firstSeq: 1, lastVersion: 2)])
        try S.merge([a], into: &state)
        #expect(state.seq == 5 && state.streamVersions["case-x"] == 2)
        // A stream that skips a version between segments, and one whose first event is not v0.
        var skipped = state
        let gap = summary(6, 9, "2026-01-02T00:00:00Z", ["case-x": .init(firstVersion: 4, firstSeq: 8, lastVersion: 4), "case-y": .init(firstVersion: 1, firstSeq: 7, lastVersion: 1)])
        #expect(throws: VerificationFailure(seq: 7, reason: "version 1 of case-y is out of order")) { try S.merge([gap], into: &skipped) }
        // recordedAt that goes back across a boundary; a worker's own finding comes first when lower.
        var back = state
        #expect(throws: VerificationFailure(seq: 6, reason: "recordedAt goes backwards")) {
            try S.merge([summary(6, 9, "2025-12-31T00:00:00Z", [:])], into: &back)
        }
        var failed = summary(6, 9, "2026-01-02T00:00:00Z", ["case-y": .init(firstVersion: 1, firstSeq: 9, lastVersion: 1)])
        failed.failure = VerificationFailure(seq: 8, reason: "hash does not match the event's content")
        var both = state
        #expect(throws: VerificationFailure(seq: 8, reason: "hash does not match the event's content")) { try S.merge([failed], into: &both) }
    }

    @Test func aDeletedIndexEntryIsFound() throws {
        let t = try populated()
        let ids = t.ledger.store.eventIds
        try t.ledger.environment.write { txn in
            try txn.withCursor(ids) { cursor in
                _ = try cursor.first()
                try cursor.deleteCurrent()
            }
        }
        #expect(throws: VerificationFailure.self) { try t.ledger.verify() }
    }

    @Test func theIndependentPythonVerifierAgrees() throws {
        let t = try populated()
        let file = t.directory.path + "/export.ndjson"
        try export(t.ledger).write(toFile: file, atomically: true, encoding: .utf8)
        let head = try t.ledger.head()
        let (status, output) = try runPython(["scripts/verify_chain.py", file, "--digest", "10:" + (try digest(t.ledger, 10))])
        #expect(status == 0, "\(output)")
        #expect(output.contains("head seq \(head.seq) hash \(head.hashHex)"))

        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[14] = lines[14].replacingOccurrences(of: "sw1", with: "sw2")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (badStatus, badOutput) = try runPython(["scripts/verify_chain.py", file])
        #expect(badStatus == 1)
        #expect(badOutput.contains("seq 15"))
    }

    @Test func digestsProveAPrefix() throws {
        let t = try populated()
        let hash = try digest(t.ledger, 10)
        #expect(try t.ledger.verify(digestSeq: 10, hash: hash).events == 47)
        #expect(throws: VerificationFailure.self) {
            try t.ledger.verify(digestSeq: 10, hash: String(repeating: "a", count: 64))
        }
        #expect(throws: VerificationFailure.self) { try t.ledger.verify(digestSeq: 48, hash: hash) }
    }

    private func digest(_ ledger: Ledger, _ seq: UInt64) throws -> String {
        try RecordedEvent(decoding: try #require(try ledger.event(seq: seq))).hash
    }

    private func runPython(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = ContractExamplesTests.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
