import Foundation
import Testing

@testable import Ledger

/// The access trail's journal: what it holds is part of the trail before LMDB has it, moves
/// into LMDB when the recorder opens, survives rotation, and a damaged journal is reported.
@Suite struct AccessJournalTests {
    /// Chains `count` one-case disclosures after `head` and writes them to `journal` only
    /// (as if the daemon died before its store thread moved them into LMDB).
    static func journal(_ count: Int, after head: inout AccessTrail.Head, into journal: AccessJournal) throws -> [AccessEntry] {
        var written: [AccessEntry] = []
        for n in 0..<count {
            let at = max(AccessTrailTests.shared.read(), head.at)
            let encoded = AccessTrail.encodedEntries(
                for: AccessTrailTests.disclosure(["c\(n % 5)"]), after: &head, at: at, atText: at.description)
            try journal.append(encoded.map(\.bytes), lastSeq: head.seq)
            written += encoded.map(\.entry)
        }
        return written
    }

    static func segments(_ trail: AccessTrail) throws -> [String] {
        let directory = AccessJournal.path(inTrailAt: trail.environment.path)
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("segment-") }.sorted()
    }

    @Test func journaledEntriesAreReadUntilTheRecorderMovesThemIntoLMDB() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path, clock: { AccessTrailTests.shared.read() })
        _ = try trail.record([AccessTrailTests.disclosure(["c9"])])
        var head = try trail.head()
        var written: [AccessEntry] = []
        do {
            let journal = try AccessJournal(trailPath: trail.environment.path, segmentBytes: 4096)
            try journal.start(after: head.seq)
            written = try Self.journal(40, after: &head, into: journal)
            #expect(try Self.segments(trail).count > 1, "40 entries fill more than one 4 KiB segment")
        }
        // Only the journal holds entries 2–41: queries and verification read them there.
        #expect(try trail.count() == 1)
        #expect(try trail.entries(.init()).map(\.seq) == Array(1...41))
        #expect(try trail.entries(.init(caseId: "c3")) == written.filter { $0.cases == ["c3"] })
        #expect(try trail.entries(.init(after: 30, limit: 5)).map(\.seq) == Array(31...35))
        #expect(try trail.verify() == .init(entries: 41, headHash: written[39].hash))
        // What LMDB already holds is skipped by its record header, not decoded.
        #expect(try AccessJournal.entries(inTrailAt: trail.environment.path, after: 30) == Array(written.dropFirst(29)))
        // A recorder opening the trail moves them into LMDB and starts a clean journal.
        let recorder = try AccessRecorder(trail: trail, segmentBytes: 4096)
        #expect(try trail.count() == 41)
        #expect(try Self.segments(trail).count == 1, "only the fresh segment")
        #expect(try await recorder.record(AccessTrailTests.disclosure(["c1"])) == [42])
        recorder.shutdown()
        #expect(try trail.verify().entries == 42)
        #expect(try Self.segments(trail).isEmpty, "a clean shutdown leaves nothing in the journal")
    }

    /// Many groups across many small segments: nothing lost, every stored segment released.
    @Test func rotationKeepsEveryEntry() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path)
        let recorder = try AccessRecorder(trail: trail, segmentBytes: 4096)
        let seqs = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for n in 0..<300 { group.addTask { try await recorder.record(AccessTrailTests.disclosure(["c\(n % 11)"])) } }
            return try await group.reduce(into: [UInt64]()) { $0 += $1 }
        }
        #expect(seqs.sorted() == Array(1...300))
        #expect(try trail.entries(.init()).count == 300, "journal and LMDB together, while running")
        recorder.shutdown()
        #expect(try trail.count() == 300 && trail.verify().entries == 300)
        #expect(try trail.entries(.init(caseId: "c4")).count == (0..<300).filter { $0 % 11 == 4 }.count)
        #expect(try Self.segments(trail).isEmpty)
    }

    /// A group written but never flushed can only be the newest segment's last: it is not
    /// part of the trail. Damage anywhere else is reported, never skipped.
    @Test func aTornLastRecordIsDroppedAndOtherDamageReported() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path, clock: { AccessTrailTests.shared.read() })
        var head = try trail.head()
        let journal = try AccessJournal(trailPath: trail.environment.path, segmentBytes: 4096)
        try journal.start(after: 0)
        let written = try Self.journal(30, after: &head, into: journal)
        let names = try Self.segments(trail)
        #expect(names.count >= 2)
        let directory = AccessJournal.path(inTrailAt: trail.environment.path)
        let newest = try #require(FileHandle(forUpdatingAtPath: directory + "/" + names[names.count - 1]))
        // Cut the newest segment's last record short, as a crash mid-write would.
        let bytes = try #require(try newest.readToEnd())
        let end = try #require(bytes.lastIndex { $0 != 0 })
        try newest.seek(toOffset: UInt64(end - 10))
        newest.write(Data(repeating: 0, count: 11))
        try newest.close()
        #expect(try trail.entries(.init()) == Array(written.dropLast()))
        // Damage in an older segment is corruption.
        let oldest = try #require(FileHandle(forUpdatingAtPath: directory + "/" + names[0]))
        try oldest.seek(toOffset: 40)
        oldest.write(Data("XXXX".utf8))
        try oldest.close()
        #expect(throws: LedgerError.self) { try trail.entries(.init()) }
        #expect(throws: VerificationFailure.self) { try trail.verify() }
    }

    /// One writer: a second process (or recorder) on the same trail would fork its chain.
    @Test func aSecondWriterIsRefused() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let trail = try AccessTrail(ledgerPath: dir.path)
        let first = try AccessRecorder(trail: trail)
        let refused = #expect(throws: LedgerError.self) { try AccessRecorder(trail: trail) }
        #expect("\(String(describing: refused))".contains("another ledgerd process"))
        first.shutdown()
    }
}
