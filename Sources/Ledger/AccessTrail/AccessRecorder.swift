import Foundation

/// Records the daemon's disclosures: a request enqueues its disclosure and suspends; the
/// journal thread (a `GroupWorker`) chains everything queued, writes it to the journal
/// (`AccessJournal`) with one flush, and resumes each request once its entries are durable there. While one group
/// flushes, the next gathers, so the trail costs a read a short wait, not a sync of its own.
///
/// The store thread then moves journaled entries into the trail's LMDB environment (with
/// their index keys) in batches, one durable commit each, off every request's path; the
/// journal drops a segment once LMDB holds all of it. Threads rather than tasks: an LMDB
/// write transaction belongs to one thread, and a flush must not block Swift's cooperative pool.
///
/// Bounded twice: past `maximumPending` waiting disclosures a request is refused at once
/// (`Overloaded`), and past `maximumUnstored` journaled entries the journal thread waits for
/// LMDB to catch up (so the journal cannot grow without limit when LMDB cannot write).
public final class AccessRecorder: Sendable {
    /// The journal thread's state between groups: the chain's head, and the entries of the
    /// group just journaled, for the store thread. Only that thread touches it.
    private final class JournalWriter: @unchecked Sendable {
        // @unchecked: used only on the journal thread (the `GroupWorker`'s), after being
        // handed to it once at start.
        let trail: AccessTrail
        let journal: AccessJournal
        var head: AccessTrail.Head
        var journaled: (entries: [AccessEntry], bytes: [[UInt8]]) = ([], [])

        init(trail: AccessTrail, journal: AccessJournal, head: AccessTrail.Head) {
            self.trail = trail
            self.journal = journal
            self.head = head
        }
    }

    /// Why the journal can take nothing more (a failed flush: what reached the disk is
    /// unknown); checked before a disclosure is queued.
    private final class Broken: @unchecked Sendable {
        // @unchecked: `error` is guarded by `lock`.
        private let lock = NSLock()
        private var error: (any Error)?
        var value: (any Error)? {
            get { lock.withLock { error } }
            set { lock.withLock { error = newValue } }
        }
    }

    /// Journaled entries, waiting for the store thread. Its own condition, so that the
    /// journal thread's every wake-up does not wake the store thread too, and back.
    private final class Unstored: @unchecked Sendable {
        // @unchecked: every field is guarded by `condition`.
        let condition = NSCondition()
        /// Durable in the journal, not yet in LMDB, and their stored bytes.
        var entries: [AccessEntry] = []
        var bytes: [[UInt8]] = []
        /// LMDB holds every entry through this seq, durably.
        var stored: UInt64 = 0
        var journalFinished = false
        var storeFinished = false
        var stopped = false

        func withLock<Value>(_ body: (Unstored) throws -> Value) rethrows -> Value {
            condition.lock()
            defer { condition.unlock() }
            return try body(self)
        }
    }

    /// The trail's queue is full: the response is not sent (HTTP 503, retry).
    public struct Overloaded: Error, Sendable, CustomStringConvertible {
        /// Says the trail is full, so the response was withheld.
        public var description: String { "the access trail has \(AccessRecorder.maximumPending) disclosures waiting to be recorded" }
    }

    /// The recorder was shut down: nothing more is recorded (nor disclosed).
    public struct Stopped: Error, Sendable, CustomStringConvertible {
        /// Says the daemon is stopping, so the response was withheld.
        public var description: String { "the access trail is closed: the daemon is stopping" }
    }

    /// The trail entries are recorded into (and read from, by queries and verification).
    public let trail: AccessTrail
    private let worker: GroupWorker<Disclosure, [UInt64]>
    private let broken = Broken()
    private let unstored = Unstored()
    private let journalWriter: JournalWriter
    /// Most disclosures waiting to be journaled; one more is `Overloaded`, so a stalled disk
    /// costs callers a retry, not the daemon its memory.
    public static let maximumPending = 8_192
    /// Most disclosures in one journal write; bounds one group's size and latency.
    public static let maximumGroup = 1_024
    /// Most entries journaled but not yet in LMDB before the journal waits for LMDB.
    public static let maximumUnstored = 65_536
    /// Most entries in one LMDB commit.
    public static let maximumStoreBatch = 16_384
    // No gather window: measured (200 µs / 32, 500 µs / 48), groups doubled and throughput
    // did not move; a read's cost is its suspension, not its share of a flush.
    /// How long, at most, entries wait in the journal alone, and how many make a batch early.
    static let storeInterval: Double = 0.1
    static let storeBatch = 4_096
    /// How long the store thread waits before retrying a failed commit (a full disk).
    static let storeRetryInterval: Double = 0.5

    /// One durable journal write, as `onCommit` observes it.
    public struct Commit: Sendable {
        /// Disclosures the write recorded.
        public var disclosures: Int
        /// Entries they took (a disclosure of many cases takes several; a refused one none).
        public var entries: Int
        /// From the first disclosure taken to the journal's flush.
        public var seconds: Double
    }

    /// Takes the trail's journal (refused if another process records this trail), moves
    /// into LMDB whatever a crash left in it, and starts the threads.
    public init(
        trail: AccessTrail, segmentBytes: Int = AccessJournal.segmentBytes, onCommit: (@Sendable (Commit) -> Void)? = nil
    ) throws {
        self.trail = trail
        let journal = try AccessJournal(trailPath: trail.environment.path, segmentBytes: segmentBytes)
        let head = try trail.store(try trail.journalEntries())
        try journal.start(after: head.seq)
        unstored.stored = head.seq
        let writer = JournalWriter(trail: trail, journal: journal, head: head)
        let store = Thread { [unstored] in Self.storeLoop(trail: trail, unstored: unstored) }
        store.name = "access-trail-store"
        store.start()
        worker = GroupWorker(
            name: "access-trail-journal",
            limits: .init(maximumGroup: Self.maximumGroup, maximumPending: Self.maximumPending),
            work: { [unstored, broken] group in Self.journal(group, writer, unstored, broken) },
            afterGroup: { [unstored] group, _, seconds in
                let entries = writer.journaled
                writer.journaled = ([], [])
                if !entries.entries.isEmpty {
                    let stored = unstored.withLock { unstored in
                        let wasEmpty = unstored.entries.isEmpty
                        unstored.entries += entries.entries
                        unstored.bytes += entries.bytes
                        // The store thread waits for a first entry, then for a batch or its interval.
                        if wasEmpty || unstored.entries.count >= AccessRecorder.storeBatch { unstored.condition.broadcast() }
                        return unstored.stored
                    }
                    try? writer.journal.release(durableThrough: stored)
                }
                onCommit?(Commit(disclosures: group.count, entries: entries.entries.count, seconds: seconds))
            })
        self.journalWriter = writer
    }

    /// Records `disclosure`; returns its entries' seqs once they are durable. Throws
    /// `AccessTrail.Refused`, `Overloaded`, `Stopped`, or the `LedgerError` storage gave
    /// (`noSpace` on a full disk): in every case the caller must not send what it disclosed.
    public func record(_ disclosure: Disclosure) async throws -> [UInt64] {
        if let broken = broken.value { throw broken }
        do {
            return try await worker.submit(disclosure)
        } catch is GroupWorker<Disclosure, [UInt64]>.Full {
            throw Overloaded()
        } catch is GroupWorker<Disclosure, [UInt64]>.Stopped {
            throw Stopped()
        }
    }

    /// Records what is queued, moves everything into LMDB, then stops both threads. Later
    /// disclosures are refused.
    public func shutdown() {
        worker.shutdown()
        // Everything queued is journaled; wait for LMDB to hold it, then tidy up (once: a
        // second caller waits for the first).
        let first = unstored.withLock { unstored in
            guard !unstored.journalFinished else {
                while !unstored.stopped { unstored.condition.wait() }
                return false
            }
            unstored.journalFinished = true
            unstored.condition.broadcast()
            return true
        }
        guard first else { return }
        let stored = unstored.withLock { unstored in
            while !unstored.storeFinished { unstored.condition.wait() }
            return unstored.stored
        }
        try? journalWriter.journal.finish(durableThrough: stored)
        unstored.withLock { unstored in
            unstored.stopped = true
            unstored.condition.broadcast()
        }
    }

    // MARK: The journal thread

    /// Chains a group's disclosures onto the trail and journals them with one flush; one
    /// result per disclosure (its entries' seqs, or why it was refused). Waits first while
    /// LMDB is `maximumUnstored` entries behind, so the journal cannot grow without limit.
    private static func journal(
        _ group: [Disclosure], _ writer: JournalWriter, _ unstored: Unstored, _ broken: Broken
    ) -> [Result<[UInt64], any Error>] {
        unstored.withLock { unstored in
            while unstored.entries.count >= maximumUnstored && !unstored.storeFinished { unstored.condition.wait() }
        }
        let before = writer.head
        // Never earlier than the entry before, so `--since` can binary-search by seq.
        let at = max(writer.trail.clock(), before.at)
        let atText = at.description
        var results: [Result<[(entry: AccessEntry, bytes: [UInt8])], AccessTrail.Refused>] = []
        results.reserveCapacity(group.count)
        for disclosure in group {
            results.append(
                AccessTrail.check(disclosure).map { AccessTrail.encodedEntries(for: $0, after: &writer.head, at: at, atText: atText) })
        }
        let encoded = results.flatMap { (try? $0.get()) ?? [] }
        let entries = encoded.map(\.entry)
        let bytes = encoded.map(\.bytes)
        assert(results.count == group.count, "one result per disclosure")
        assert(
            entries.isEmpty
                ? writer.head == before
                : entries[0].seq == before.seq + 1 && entries[entries.count - 1].seq == writer.head.seq
                    && UInt64(entries.count) == writer.head.seq - before.seq && writer.head.at >= before.at,
            "a group's entries take the next seqs, in order, never earlier than the entry before")
        do {
            if !entries.isEmpty { try writer.journal.append(bytes, lastSeq: writer.head.seq) }
        } catch {
            writer.head = before
            // A failed flush leaves unknown what reached the disk: take nothing more.
            if writer.journal.isBroken { broken.value = error }
            return Array(repeating: .failure(error), count: group.count)
        }
        writer.journaled = (entries, bytes)
        return results.map { result in result.map { $0.map(\.entry.seq) }.mapError { $0 as any Error } }
    }

    // MARK: The store thread

    private static func storeLoop(trail: AccessTrail, unstored: Unstored) {
        while true {
            let batch: (entries: [AccessEntry], bytes: [[UInt8]])? = unstored.withLock { unstored in
                while unstored.entries.isEmpty && !unstored.journalFinished { unstored.condition.wait() }
                // Batched: an LMDB commit's flushes compete with the journal's for the disk
                // and the cores, so they are few and large (the journal holds the entries
                // durably meanwhile, and queries read them there).
                let due = Date(timeIntervalSinceNow: storeInterval)
                while unstored.entries.count < storeBatch, !unstored.journalFinished, unstored.condition.wait(until: due) {}
                guard !unstored.entries.isEmpty else { return nil }
                return (Array(unstored.entries.prefix(maximumStoreBatch)), Array(unstored.bytes.prefix(maximumStoreBatch)))
            }
            guard let batch else { break }
            do {
                let head = try trail.store(batch.entries, bytes: batch.bytes)
                unstored.withLock { unstored in
                    assert(head.seq >= batch.entries[batch.entries.count - 1].seq, "a stored batch is in LMDB up to its last entry")
                    unstored.entries.removeFirst(batch.entries.count)
                    unstored.bytes.removeFirst(batch.bytes.count)
                    unstored.stored = head.seq
                    unstored.condition.broadcast()
                }
            } catch {
                // The entries stay journaled (durable) and queries read them there; retry, or
                // at shutdown leave them for the next start to move.
                let finished = unstored.withLock { unstored in
                    if !unstored.journalFinished {
                        _ = unstored.condition.wait(until: Date(timeIntervalSinceNow: storeRetryInterval))
                    }
                    return unstored.journalFinished
                }
                if finished { break }
            }
        }
        unstored.withLock { unstored in
            unstored.storeFinished = true
            unstored.condition.broadcast()
        }
    }
}
