import Foundation
import Ledger

/// Keeps the maintained projection current: reads the events after its checkpoint, applies
/// them, and writes the changed records, their index entries and the new checkpoint in one
/// transaction. After a crash it resumes from the checkpoint: no event is applied twice or
/// skipped. Any number of processes may run one; they serialise on the projections'
/// environment's writer lock (not the log's) and each re-reads the checkpoint inside its
/// transaction.
public final class Projector: @unchecked Sendable {
    // @unchecked: the mutable cache is guarded by `lock`.
    /// The log the projection is built from.
    public let ledger: Ledger
    /// Where the projection is kept (its own LMDB environment).
    public let store: ProjectionStore
    private let lock = NSLock()
    /// The directory as last read, with its stored bytes and the checkpoint it was read at:
    /// views need all of it, and it rarely changes.
    private var directoryCache: DirectoryCache?
    /// Scopes' visible cases at the current checkpoint (scoped views).
    private let visibleCache = VisibleCasesCache()

    private struct DirectoryCache {
        var checkpoint: ProjectionCheckpoint
        var encoded: [UInt8]
        var directory: Directory
    }

    /// Case records as committed at `checkpoint`, kept from one catch-up to the next: a
    /// daemon catching up every few milliseconds otherwise decodes each touched case from
    /// storage every time, and a busy case's record grows with its history. Valid only while
    /// the stored checkpoint is still `checkpoint` (no other process has projected since).
    private struct CaseCache {
        var checkpoint: ProjectionCheckpoint?
        var records: [CaseID: CaseRecord] = [:]
    }

    /// Set aside between catch-ups; a catch-up takes it (a concurrent one starts empty).
    private var caseCache = CaseCache()

    /// Most case records kept between catch-ups (a few KiB each). A replay's catch-up may hold
    /// every case while it runs; what is kept after it is bounded.
    public static let maximumCachedCases = 8_192

    /// Events per transaction: large enough to amortise the commit, small enough that the
    /// writer lock is never held for long (decoding happens before it is taken).
    public static let defaultChunk = 32_768

    /// Events per transaction when rebuilding: each chunk rewrites every case it touched, so
    /// fewer, larger chunks write less; memory stays bounded by the chunk.
    public static let rebuildChunk = 131_072

    /// A projector of `ledger` into its projection store, opened (not yet caught up).
    public init(ledger: Ledger) throws {
        self.ledger = ledger
        self.store = try ProjectionStore(ledger: ledger)
    }

    /// What a catch-up did.
    public struct Progress: Sendable {
        /// Where the projection now stands.
        public var checkpoint: ProjectionCheckpoint
        /// Events applied by this catch-up so far.
        public var applied: Int
        /// The log's head as last read: the projection is current when `checkpoint.seq` equals it.
        public var head: UInt64
    }

    /// Brings the projection up to the log's head. With `rebuild`, first discards it and
    /// replays from seq 1 (as it does for a projection never built, or of another format).
    /// `progress` is called after every committed chunk, or every decoded chunk of a rebuild.
    @discardableResult
    public func catchUp(
        rebuild: Bool = false, chunk: Int = Projector.defaultChunk, progress: (Progress) throws -> Void = { _ in }
    ) throws -> Progress {
        precondition(chunk > 0)
        let environment = store.environment
        var applied = 0
        // Records as committed at `cacheCheckpoint`, kept across chunks (and catch-ups) so
        // each case is decoded once; dropped whenever another process has moved the checkpoint.
        lock.lock()
        var cache = caseCache.records
        var cacheCheckpoint = caseCache.checkpoint
        caseCache = CaseCache()
        lock.unlock()
        defer {
            if cache.count > Self.maximumCachedCases { cache.removeAll() }
            lock.lock()
            caseCache = CaseCache(checkpoint: cache.isEmpty ? nil : cacheCheckpoint, records: cache)
            lock.unlock()
        }
        if rebuild {
            cache.removeAll()
            applied += try rebuildInMemory(progress: progress).applied
        }
        let prefetcher = ChunkPrefetcher(ledger: ledger)
        while true {
            // Decode outside the writer lock: it is most of the work. The checkpoint is read
            // before the head, so the head is never behind it unless the log lost events.
            let stored = try environment.read { txn in try store.checkpoint(txn) }
            let head = try ledger.lastSeq()
            // A projection never built, or of another format, is built afresh.
            guard let start = stored else {
                cache.removeAll()
                applied += try rebuildInMemory(progress: progress).applied
                continue
            }
            // A projection ahead of the log describes events the log does not hold.
            guard start.seq <= head else { throw ProjectionError.mismatch(start) }
            let last = min(head, start.seq + UInt64(chunk))
            let events = start.seq < head ? try prefetcher.events(from: start.seq + 1, through: last) : nil
            // The next chunk decodes while this one is applied; if another process moves the
            // checkpoint meanwhile, the prefetched chunk is simply not used.
            if last < head { prefetcher.prefetch(from: last + 1, through: min(head, last + UInt64(chunk))) }
            guard let events else {
                let result = Progress(checkpoint: start, applied: applied, head: head)
                try progress(result)
                return result
            }
            // Checked against the log in one read, before the projections' writer lock is taken
            // (the log only grows): it still holds the checkpoint's event, and the chunk's last.
            let lastHash = try ledger.environment.read { txn in
                if start.seq > 0, try !holds(start, txn) { throw ProjectionError.mismatch(start) }
                return try hash(of: last, txn, "projected")
            }
            let outcome = try environment.write { txn -> (ProjectionCheckpoint, [CaseID: CaseRecord], Directory, [UInt8]?)? in
                // Another process moved it (or rebuilt it) since the events were decoded: decode again.
                guard var checkpoint = try store.checkpoint(txn), checkpoint == start else { return nil }
                var directory = try cachedDirectoryOrLoad(checkpoint, txn)
                let usableCache = cacheCheckpoint == checkpoint
                // Records as the chunk found them (for the index diff) and as it leaves them.
                var before: [CaseID: CaseRecord?] = [:]
                var after: [CaseID: CaseRecord?] = [:]
                var directoryChanged = false
                for event in events {
                    // `EventDecoder` throws for a gap or a misplaced event: what reaches here is in order.
                    assert(event.seq == checkpoint.seq + 1, "events apply once, in seq order")
                    // Stored data: the ledger never records an event before the one ahead of it.
                    guard event.recordedAt >= checkpoint.latestRecordedAt else {
                        throw LedgerError.corrupt(
                            "event \(event.seq) was recorded at \(event.recordedAt), before event \(checkpoint.seq) (\(checkpoint.latestRecordedAt))")
                    }
                    if event.streamKind == .case {
                        let id = CaseID(rawValue: event.streamId)
                        if before[id] == nil {
                            let cached = usableCache ? cache[id] : nil
                            let record = try cached ?? store.caseRecord(id, txn)
                            before[id] = .some(record)
                            after[id] = .some(record)
                        }
                        // In place: the record's arrays stay uniquely referenced after the first change.
                        ProjectionState.apply(event, to: &after[id]!, directory: directory)
                    } else {
                        directoryChanged = directory.evolve(event.event) || directoryChanged
                    }
                    checkpoint.seq = event.seq
                    checkpoint.latestOccurredAt = max(checkpoint.latestOccurredAt, event.occurredAt)
                    checkpoint.latestRecordedAt = event.recordedAt
                }
                assert(checkpoint.seq == last, "the chunk ends at the event its hash was read for")
                checkpoint.hash = lastHash
                var written: [CaseID: CaseRecord] = [:]
                written.reserveCapacity(after.count)
                for (id, record) in after {
                    guard let record else { continue }
                    try txn.put(store.cases, Array(id.rawValue.utf8), record.encoded)
                    try updateIndex(txn, before: before[id] ?? nil, after: record)
                    written[id] = record
                }
                let encodedDirectory = directoryChanged ? directory.encoded : nil
                if let encodedDirectory { try txn.put(store.meta, ProjectionStore.directoryKey, encodedDirectory) }
                try txn.put(store.meta, ProjectionStore.checkpointKey, checkpoint.encoded)
                return (checkpoint, written, directory, encodedDirectory)
            }
            guard let (checkpoint, written, directory, encodedDirectory) = outcome else {
                cache.removeAll()
                cacheCheckpoint = nil
                continue
            }
            if cacheCheckpoint != start { cache.removeAll() }
            cache.merge(written) { $1 }
            cacheCheckpoint = checkpoint
            // An unchanged directory stays cached: the next snapshot finds its bytes the same.
            if let encodedDirectory { remember(DirectoryCache(checkpoint: checkpoint, encoded: encodedDirectory, directory: directory)) }
            applied += events.count
            try progress(Progress(checkpoint: checkpoint, applied: applied, head: head))
        }
    }

    /// Replays the whole log in memory, then replaces the stored projection with the result in
    /// one transaction: each record is encoded once and written in key order, and a crash
    /// midway leaves the previous projection whole. Memory holds the live state (every case
    /// record) and the chunks being decoded, not the history.
    private func rebuildInMemory(progress: (Progress) throws -> Void) throws -> Progress {
        var (state, statistics) = try Replayer(ledger: ledger).state(on: nil, knownAt: nil) { statistics in
            try progress(Progress(checkpoint: statistics.through, applied: statistics.applied, head: statistics.head))
        }
        // Encoded before the writer lock is taken, and the records handed over (not shared),
        // so the encoder frees them as it goes.
        var cases: [CaseID: CaseRecord] = [:]
        swap(&cases, &state.cases)
        let encoded = RebuildEncoder.encode(consume cases)
        let encodedDirectory = state.directory.encoded
        var checkpoint = statistics.through
        if checkpoint.seq > 0 {
            checkpoint.hash = try ledger.environment.read { txn in try hash(of: checkpoint.seq, txn, "replayed") }
        }
        try store.environment.write { txn in
            try store.reset(txn)
            // Keys in LMDB's order, so every put appends.
            for entry in encoded.cases { try txn.put(store.cases, entry.key, entry.value, append: true) }
            for entry in encoded.openActions { try txn.put(store.openActions, entry.key, entry.value, append: true) }
            for key in encoded.involvement { try txn.put(store.involvement, key, [], append: true) }
            try txn.put(store.meta, ProjectionStore.directoryKey, encodedDirectory)
            try txn.put(store.meta, ProjectionStore.checkpointKey, checkpoint.encoded)
        }
        remember(DirectoryCache(checkpoint: checkpoint, encoded: encodedDirectory, directory: state.directory))
        let result = Progress(checkpoint: checkpoint, applied: statistics.applied, head: statistics.head)
        try progress(result)
        return result
    }

    /// The projection's checkpoint as last committed.
    public func checkpoint() throws -> ProjectionCheckpoint {
        try store.environment.read { txn in try store.checkpoint(txn) ?? .empty }
    }

    /// Runs `body` over the maintained projection in one read snapshot, with the seq of the
    /// log's head as read just after that snapshot was taken: the projection is current when
    /// `checkpoint.seq == head` (no event was appended between the two reads either, since
    /// the head only moves forward). Throws `ProjectionError.mismatch` for a projection ahead
    /// of the log.
    public func withSnapshot<T>(
        _ body: (_ source: any ViewSource, _ checkpoint: ProjectionCheckpoint, _ head: UInt64) throws -> T
    ) throws -> T {
        try store.environment.read { txn in
            let checkpoint = try store.checkpoint(txn) ?? .empty
            let head = try ledger.lastSeq()
            guard checkpoint.seq <= head else { throw ProjectionError.mismatch(checkpoint) }
            let directory = try cachedDirectoryOrLoad(checkpoint, txn)
            let source = StoredViewSource(
                txn: txn, store: store, directory: directory, checkpoint: checkpoint, visibleCache: visibleCache)
            return try body(source, checkpoint, head)
        }
    }

    private func cachedDirectoryOrLoad(_ checkpoint: ProjectionCheckpoint, _ txn: LMDBTransaction) throws -> Directory {
        lock.lock()
        let cached = directoryCache
        lock.unlock()
        if let cached, cached.checkpoint == checkpoint { return cached.directory }
        let stored = try txn.get(store.meta, ProjectionStore.directoryKey) ?? UnsafeRawBufferPointer(start: nil, count: 0)
        // Most appends are about cases and leave the directory's record byte for byte as it
        // was: keep the decoded directory, and the accountability chains remembered in it.
        if let cached, cached.encoded.withUnsafeBytes({ Self.equal($0, stored) }) {
            remember(DirectoryCache(checkpoint: checkpoint, encoded: cached.encoded, directory: cached.directory))
            return cached.directory
        }
        let directory = stored.isEmpty ? Directory() : try Directory(decoding: stored)
        remember(DirectoryCache(checkpoint: checkpoint, encoded: Array(stored), directory: directory))
        return directory
    }

    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    private func remember(_ cache: DirectoryCache) {
        lock.lock()
        directoryCache = cache
        lock.unlock()
    }

    /// Whether the log (as `txn` sees it) still holds the event the checkpoint was taken at.
    private func holds(_ checkpoint: ProjectionCheckpoint, _ txn: LMDBTransaction) throws -> Bool {
        guard let bytes = try ledger.event(seq: checkpoint.seq, in: txn) else { return false }
        return try ProjectedEvent.hash(of: bytes) == checkpoint.hash
    }

    /// The hash of the log's event `seq`, which the projection has `applied` (the log only
    /// grows, so it must be there).
    private func hash(of seq: UInt64, _ txn: LMDBTransaction, _ applied: String) throws -> String {
        guard let bytes = try ledger.event(seq: seq, in: txn) else {
            throw LedgerError.corrupt("event \(seq) vanished while it was \(applied)")
        }
        return try ProjectedEvent.hash(of: bytes)
    }

    /// Replaces `before`'s index entries by `after`'s, touching only what changed: the
    /// open actions that changed, and the involvement `after` gained.
    private func updateIndex(_ txn: LMDBTransaction, before: CaseRecord?, after: CaseRecord) throws {
        for key in InvolvementIndex.gained(before: before, after: after) { try txn.put(store.involvement, key, []) }
        let old = before.map(OpenActionIndex.entries) ?? [:]
        let new = OpenActionIndex.entries(of: after)
        for key in old.keys where new[key] == nil {
            try txn.delete(store.openActions, key)
        }
        for (key, value) in new where old[key] != value {
            try txn.put(store.openActions, key, value)
        }
    }
}

/// Why the maintained projection cannot be used.
public enum ProjectionError: Error, CustomStringConvertible {
    /// The log no longer holds the event the projection was checkpointed at: the data
    /// directory's log was replaced or damaged. `ledgerd verify`, then `ledgerd replay`.
    case mismatch(ProjectionCheckpoint)

    /// What happened and what to run to recover.
    public var description: String {
        switch self {
        case .mismatch(let checkpoint):
            "the projection was built up to seq \(checkpoint.seq) (hash \(checkpoint.hash)), which the log no longer holds; run `ledgerd verify`, then `ledgerd replay`"
        }
    }
}
