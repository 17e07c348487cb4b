import Foundation
import LedgerTestSupport
import Synchronization
import Testing

@testable import Ledger

/// The access trail: its chain and verification, its indexes, and group commit.
@Suite struct AccessTrailTests {
    /// A clock the test moves: one microsecond further on every reading.
    final class TestClock: Sendable {
        let now = Mutex<Int64>(1_767_225_600_000_000)  // 2026-01-01T00:00:00Z
        func read() -> Timestamp { Timestamp(microseconds: now.withLock { $0 += 1; return $0 }) }
    }

    /// For tests that need only a clock that moves.
    static let shared = TestClock()

    static func disclosure(_ cases: [String], principal: String = "token:clerk", route: String = "GET /cases/{caseId}") -> Disclosure {
        Disclosure(tokenId: "tok-0000000a", principal: principal, route: route, path: "/cases/x", cases: cases)
    }

    @Test func entriesChainFromZeroAndVerify() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let clock = TestClock()
        let trail = try AccessTrail(ledgerPath: dir.path, clock: { clock.read() })
        let results = try trail.record([Self.disclosure(["c2", "c1", "c2"]), Self.disclosure([])])
        #expect(try results.map { try $0.get() } == [[1], [2]])
        _ = try trail.record([Self.disclosure(["c3"], principal: "token:other")])
        let all = try trail.entries(.init())
        #expect(all.map(\.seq) == [1, 2, 3])
        #expect(all[0].cases == ["c1", "c2"], "sorted, once each")
        #expect(all[0].prevHash == AccessEntry.zeroHash)
        #expect(all[1].prevHash == all[0].hash && all[2].prevHash == all[1].hash)
        #expect(try all.allSatisfy { try Hex.encode($0.computedHash()) == $0.hash })
        #expect(all[0].at <= all[1].at && all[1].at <= all[2].at)
        let report = try trail.verify()
        #expect(report.entries == 3 && report.headHash == all[2].hash)
        #expect(AccessTrail.exists(inLedgerAt: dir.path))
    }

    /// An entry altered in place fails its own hash; one altered with its hash recomputed
    /// breaks the next entry's link. Either way the seq is named.
    @Test func tamperedEntriesAreFoundAndNamed() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path, clock: { Self.shared.read() })
        for id in ["c1", "c2", "c3"] { _ = try trail.record([Self.disclosure([id])]) }
        var second = try trail.entry(2)
        second.path = "/cases/someone-else"
        try trail.environment.write { txn in try txn.put(trail.entries, Keys.seq(2), second.canonicalBytes) }
        let altered = #expect(throws: VerificationFailure.self) { try trail.verify() }
        #expect(altered?.seq == 2 && altered?.reason.contains("does not match its content") == true, "\(String(describing: altered))")
        second.hash = Hex.encode(try second.computedHash())
        try trail.environment.write { txn in try txn.put(trail.entries, Keys.seq(2), second.canonicalBytes) }
        let relinked = #expect(throws: VerificationFailure.self, "a re-hashed entry must break the next link") { try trail.verify() }
        #expect(relinked?.seq == 3 && relinked?.reason.contains("prevHash") == true, "\(String(describing: relinked))")
    }

    @Test func anEntryRemovedOrIndexDroppedIsFound() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path, clock: { Self.shared.read() })
        for id in ["c1", "c2", "c3"] { _ = try trail.record([Self.disclosure([id])]) }
        _ = try trail.environment.write { txn in try txn.delete(trail.cases, AccessTrail.indexKey("c2", 2)) }
        #expect(#expect(throws: VerificationFailure.self) { try trail.verify() }?.seq == 2)
        try trail.environment.write { txn in try txn.put(trail.cases, AccessTrail.indexKey("c2", 2), []) }
        #expect(throws: Never.self) { try trail.verify() }
        _ = try trail.environment.write { txn in try txn.delete(trail.entries, Keys.seq(2)) }
        #expect(#expect(throws: VerificationFailure.self) { try trail.verify() }?.seq == 2)
    }

    @Test func queriesUseTheIndexesAndPage() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let clock = TestClock()
        let trail = try AccessTrail(ledgerPath: dir.path, clock: { clock.read() })
        for n in 1...40 {
            let cases = n % 4 == 0 ? ["c1", "c\(n)"] : ["c\(n)"]
            _ = try trail.record([Self.disclosure(cases, principal: n % 2 == 0 ? "token:even" : "token:odd")])
        }
        #expect(try trail.entries(.init(caseId: "c1")).map(\.seq) == [1, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40])
        #expect(try trail.entries(.init(caseId: "c1", after: 12, limit: 3)).map(\.seq) == [16, 20, 24])
        #expect(try trail.entries(.init(caseId: "c1", principal: "token:odd")).map(\.seq) == [1])
        #expect(try trail.entries(.init(caseId: "c12")).map(\.seq) == [12], "c12 is not c1's prefix in the index")
        #expect(try trail.entries(.init(caseId: "nobody")).isEmpty)
        #expect(try trail.entries(.init(principal: "token:even", limit: 2)).map(\.seq) == [2, 4])
        #expect(try trail.entries(.init(principal: "token:eve")).isEmpty)
        let all = try trail.entries(.init())
        let since = all[9].at
        let until = all[14].at
        #expect(try trail.entries(.init(since: since, until: until)).map(\.seq) == Array(10...15))
        #expect(try trail.entries(.init(caseId: "c1", since: since, until: until)).map(\.seq) == [12])
        #expect(try trail.entries(.init(since: Timestamp(microseconds: .max))).isEmpty)
    }

    /// The recorder's commits leave the indexes behind; queries read the unindexed entries
    /// directly, verification accepts them, and a later batch (or reopening) indexes them.
    @Test func entriesRecordedBeforeTheirIndexesAreStillFound() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var trail: AccessTrail? = try AccessTrail(ledgerPath: dir.path, clock: { Self.shared.read() })
        _ = try trail?.record([Self.disclosure(["c1"]), Self.disclosure(["c2"], principal: "token:b")])
        let (_, added) = try #require(trail).record([Self.disclosure(["c1", "c3"]), Self.disclosure(["c1"], principal: "token:b")], indexing: false)
        #expect(added.map(\.seq) == [3, 4])
        let first = try #require(trail)
        #expect(try first.entries(.init(caseId: "c1")).map(\.seq) == [1, 3, 4])
        #expect(try first.entries(.init(caseId: "c1", limit: 2)).map(\.seq) == [1, 3])
        #expect(try first.entries(.init(principal: "token:b")).map(\.seq) == [2, 4])
        #expect(try first.entries(.init(caseId: "c1", principal: "token:b")).map(\.seq) == [4])
        #expect(try first.verify().entries == 4)
        try first.index(Array(added.prefix(1)))
        #expect(try first.entries(.init(caseId: "c1")).map(\.seq) == [1, 3, 4])
        #expect(try first.verify().entries == 4)
        // Reopened (after a crash before the batch): the indexes are brought up to date.
        trail = nil
        let reopened = try AccessTrail(ledgerPath: dir.path, clock: { Self.shared.read() })
        #expect(try reopened.environment.read { try reopened.indexed($0) } == 4)
        #expect(try reopened.entries(.init(caseId: "c3")).map(\.seq) == [3])
        #expect(try reopened.verify().entries == 4)
    }

    /// The recorder's direct encoder writes exactly the canonical form of the entry's JSON.
    @Test func directEncodingIsTheCanonicalForm() throws {
        let entries = [
            AccessEntry(
                seq: 7, at: Timestamp(microseconds: 1), tokenId: "tok-1", principal: "token:Zoë \"q\"\n", route: "GET /x",
                path: "/x?a=\u{1}", cases: ["a", "b"], part: 2, parts: 3, prevHash: AccessEntry.zeroHash, hash: "ff"),
            AccessEntry(
                seq: 1, at: Timestamp(microseconds: 0), tokenId: "t", principal: "p", route: "r", path: "", cases: [], part: 1, parts: 1,
                prevHash: AccessEntry.zeroHash, hash: ""),
        ]
        for entry in entries {
            #expect(entry.canonical(includingHash: true) == CanonicalJSON.bytes(entry.json()))
            #expect(entry.canonical(includingHash: false) == CanonicalJSON.bytes(entry.json(includingHash: false)))
        }
    }

    /// A disclosure of more cases than one entry holds is split, every part committed together.
    @Test func largeDisclosuresSplitIntoParts() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path, clock: { Self.shared.read() })
        let cases = (0..<2_500).map { "case.\($0)" }
        let seqs = try trail.record([Self.disclosure(cases, route: "GET /views/unled")])[0].get()
        #expect(seqs == [1, 2, 3])
        let entries = try trail.entries(.init())
        #expect(entries.map(\.parts) == [3, 3, 3] && entries.map(\.part) == [1, 2, 3])
        #expect(entries.flatMap(\.cases).count == 2_500 && Set(entries.flatMap(\.cases)) == Set(cases))
        #expect(entries.allSatisfy { $0.cases.count <= AccessEntry.maximumCases && $0.at == entries[0].at })
        #expect(try trail.entries(.init(caseId: "case.2499")).map(\.seq) == [entries.first { $0.cases.contains("case.2499") }!.seq])
        #expect(try trail.verify().entries == 3)
    }

    @Test func unrecordableDisclosuresAreRefusedAlone() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path, clock: { Self.shared.read() })
        let results = try trail.record([
            Self.disclosure(["c1"], principal: String(repeating: "p", count: AccessEntry.maximumPrincipalBytes + 1)),
            Self.disclosure(["not a case"]),
            Self.disclosure(["c1"], principal: "a\u{0}b"),
            Self.disclosure(["c1"]),
        ])
        #expect(results.prefix(3).allSatisfy { if case .failure = $0 { true } else { false } })
        #expect(try results[3].get() == [1])
        var long = Self.disclosure(["c1"])
        long.path = "/views/overdue?" + String(repeating: "é", count: 5_000)
        _ = try trail.record([long])
        let stored = try trail.entry(2)
        #expect(stored.path.utf8.count <= AccessEntry.maximumPathBytes && stored.path.hasSuffix("…"))
        #expect(try trail.verify().entries == 2)
    }

    /// Concurrent requests share commits: every one gets its own entries, and fewer commits than requests.
    @Test func concurrentRecordsShareCommits() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path)
        let commits = Mutex<[Int]>([])
        let recorder = try AccessRecorder(trail: trail) { commit in commits.withLock { $0.append(commit.disclosures) } }
        let seqs = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for n in 0..<200 { group.addTask { try await recorder.record(Self.disclosure(["c\(n % 7)"])) } }
            return try await group.reduce(into: [UInt64]()) { $0 += $1 }
        }
        recorder.shutdown()
        #expect(seqs.sorted() == Array(1...200))
        let sizes = commits.withLock { $0 }
        #expect(sizes.reduce(0, +) == 200)
        #expect(sizes.count < 200 && sizes.contains { $0 > 1 }, "commits: \(sizes)")
        #expect(try trail.entries(.init(caseId: "c3")).count == (0..<200).filter { $0 % 7 == 3 }.count)
        #expect(try trail.verify().entries == 200)
        await #expect(throws: AccessRecorder.Stopped.self) { try await recorder.record(Self.disclosure(["c1"])) }
    }

    /// The stream of a stored event is its top-level member, whatever `data` holds.
    @Test func storedEventStreamIsTheTopLevelMember() throws {
        let stored = #"{"actor":"a","data":{"note":"\",\"stream\":\"case-fake","stream":"case-inner"},"eventId":"e","stream":"case-real","type":"CaseOpened","version":0}"#
        let id = try Array(stored.utf8).withUnsafeBytes { try RecordedEvent.caseId(ofStored: $0) }
        #expect(id == "real")
        let tail = try Array(stored.utf8).withUnsafeBytes { try RecordedEvent.envelopeTail(ofStored: $0) }
        #expect(tail.stream == "case-real" && tail.type == "CaseOpened")
        // Real recorded events: the tail reads what a full decode reads.
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"), try t.fixture.caseOpened("c2"))
        try t.ledger.scan { _, bytes in
            let full = try RecordedEvent(decoding: bytes)
            let read = try RecordedEvent.envelopeTail(ofStored: bytes)
            #expect(read.stream == full.stream && read.type == full.type)
            return true
        }
        let agency = #"{"data":{},"stream":"agency-sc","type":"AgencyRegistered","version":0}"#
        #expect(try Array(agency.utf8).withUnsafeBytes { try RecordedEvent.caseId(ofStored: $0) } == nil)
        var bundle: [UInt8] = []
        for text in [stored, agency, stored] {
            bundle += [UInt8(text.utf8.count >> 8), UInt8(text.utf8.count & 0xFF)] + Array(text.utf8)
        }
        #expect(try EntryBundle.caseIds(bundle) == ["real", "real"])
        #expect(throws: LedgerError.self) { try EntryBundle.caseIds(Array(bundle.dropLast())) }
    }

    /// An entry's cases: sorted by their bytes, each once, whatever order and repeats the
    /// disclosure came with.
    @Test func casesAreSortedByTheirBytesAndKeptOnce() {
        var random = SeededRandom(seed: 0xCA5E5)
        let pool = ["c1", "c10", "c2", "C1", "a", "a.b", "a-b", "z9", "EH-2024-000123", "EH-2024-000012"]
        for _ in 0..<500 {
            let ids = (0..<random.below(40)).map { _ in pool[random.below(pool.count)] }
            let reference = Set(ids).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let sorted = AccessEntry.sortedUnique(ids)
            #expect(sorted == reference)
            #expect(AccessEntry.isSortedAndUnique(sorted))
            if sorted.count > 1 { #expect(!AccessEntry.isSortedAndUnique(sorted.reversed())) }
        }
        #expect(!AccessEntry.isSortedAndUnique(["c1", "c1"]))
    }
}
