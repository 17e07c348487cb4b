import Foundation

/// Shares one write transaction and one fsync among concurrent appenders.
///
/// Appenders enqueue their batch and suspend. A dedicated thread (LMDB write transactions
/// belong to one thread, and an fsync must not block Swift's cooperative pool) takes
/// everything queued, commits it as one transaction, and resumes each appender with its
/// own result. While one commit is in flight the next group gathers, so throughput grows
/// with concurrency instead of each appender paying for its own fsync.
///
/// Like PostgreSQL's `commit_delay`/`commit_siblings`: when the last commit served several
/// appenders but only a few are queued yet (the rest are still being woken from the last
/// commit), the writer waits up to `gatherWindow` for them, so one fsync serves the whole
/// crowd. A lone appender never waits.
///
/// The queue is bounded (`maximumPending` batches, `maximumPendingEvents` events): past
/// either limit an append is refused at once with `Overloaded`, nothing queued, so a burst
/// beyond what the disk can take costs callers a retry, not the daemon its memory.
public final class GroupCommitter: Sendable {
    private struct Pending {
        var batch: [AppendRequest]
        var recordedBy: RecordedBy
        var continuation: CheckedContinuation<[AppendOutcome], any Error>
    }

    private final class Queue: @unchecked Sendable {
        // @unchecked: every field is guarded by `condition`.
        let condition = NSCondition()
        var pending: [Pending] = []
        /// Events in `pending`, kept beside it so the bound is checked without a scan.
        var pendingEvents = 0
        /// Batches the writer took and has not yet answered.
        var committing = 0
        var stopping = false
        var stopped = false
    }

    private let ledger: Ledger
    private let queue = Queue()
    /// Most batches committed together; bounds one transaction's size and latency.
    public let maximumGroup: Int
    /// Most batches queued behind the commit in flight; one more is `Overloaded`.
    public let maximumPending: Int
    /// Most events queued behind the commit in flight. A batch is refused if it would take
    /// the queue past this, unless the queue is empty: a lone batch is always taken (its size
    /// is the caller's limit to set, e.g. the HTTP API's 10,000 events).
    public let maximumPendingEvents: Int

    /// An append refused because the queue is full: nothing of it was queued or appended,
    /// and the same append may be retried once the queue drains (HTTP: 503 with `Retry-After`).
    public struct Overloaded: Error, Sendable, CustomStringConvertible {
        /// What was queued when the batch was refused.
        public let pendingBatches: Int
        /// Events in those batches.
        public let pendingEvents: Int
        /// The refused batch's events.
        public let batchEvents: Int
        /// The committer's limits.
        public let maximumPending: Int
        /// Most events queued, as configured.
        public let maximumPendingEvents: Int

        /// Says what was queued, the limits, and that nothing of the batch was appended.
        public var description: String {
            "the writer's queue is full (\(pendingBatches) batches of \(pendingEvents) events queued; "
                + "limits \(maximumPending) batches, \(maximumPendingEvents) events): "
                + "nothing of this batch of \(batchEvents) was appended"
        }
    }

    /// What the queue holds now: batches and events waiting, and batches being committed.
    public struct Load: Sendable, Equatable {
        /// Batches queued behind the commit in flight.
        public var pendingBatches: Int
        /// Events in those batches (what `maximumPendingEvents` bounds).
        public var pendingEvents: Int
        /// Batches the writer took and has not yet answered (0 between commits).
        public var committingBatches: Int
    }

    /// The queue's current load (a snapshot: it may change as soon as it is returned).
    public var load: Load {
        queue.condition.lock()
        defer { queue.condition.unlock() }
        return Load(pendingBatches: queue.pending.count, pendingEvents: queue.pendingEvents, committingBatches: queue.committing)
    }
    /// Longest the writer holds a commit open for appenders it expects (see above).
    public static let gatherWindow: Double = 0.001
    /// One durable commit, as `onCommit` observes it.
    public struct Commit: Sendable {
        /// Append requests (batches) in the commit, refused ones included.
        public var batches: Int
        /// Events acknowledged by it (identical retries included).
        public var events: Int
        /// From the transaction's start to its durable end.
        public var seconds: Double
        /// The highest seq acknowledged, nil if nothing was.
        public var lastSeq: UInt64?
    }

    /// Observes each commit, on the writer thread, after its appenders have been resumed:
    /// whatever it wakes (e.g. live subscribers) queues behind the acknowledgements.
    private let onCommit: (@Sendable (Commit) -> Void)?

    /// The defaults are far above what normal load queues (one batch per waiting appender:
    /// `bench-append` allows at most 4,096 appenders, the HTTP stack far fewer connections).
    public init(
        ledger: Ledger, maximumGroup: Int = 1024, maximumPending: Int = 4096, maximumPendingEvents: Int = 262_144,
        onCommit: (@Sendable (Commit) -> Void)? = nil
    ) {
        precondition(maximumGroup >= 1)
        precondition(maximumPending >= 1 && maximumPendingEvents >= 1, "a queue that takes nothing serves nobody")
        self.ledger = ledger
        self.maximumGroup = maximumGroup
        self.maximumPending = maximumPending
        self.maximumPendingEvents = maximumPendingEvents
        self.onCommit = onCommit
        let thread = Thread { [queue] in
            Self.run(ledger: ledger, queue: queue, maximumGroup: maximumGroup, onCommit: onCommit)
        }
        thread.name = "ledger-writer"
        thread.start()
    }

    /// Appends `batch` atomically, by `recordedBy`; returns once it is durable. Throws
    /// `AppendFailure` for a refused batch, `LedgerError` if storage failed,
    /// `Overloaded` at once (nothing queued) if the queue is full, `CancellationError` after
    /// `shutdown`.
    public func append(_ batch: [AppendRequest], recordedBy: RecordedBy = .processUser) async throws -> [AppendOutcome] {
        try await withCheckedThrowingContinuation { continuation in
            queue.condition.lock()
            defer { queue.condition.unlock() }
            guard !queue.stopping else {
                continuation.resume(throwing: CancellationError())
                return
            }
            let full =
                queue.pending.count >= maximumPending
                || (!queue.pending.isEmpty && queue.pendingEvents + batch.count > maximumPendingEvents)
            guard !full else {
                continuation.resume(
                    throwing: Overloaded(
                        pendingBatches: queue.pending.count, pendingEvents: queue.pendingEvents, batchEvents: batch.count,
                        maximumPending: maximumPending, maximumPendingEvents: maximumPendingEvents))
                return
            }
            queue.pending.append(Pending(batch: batch, recordedBy: recordedBy, continuation: continuation))
            queue.pendingEvents += batch.count
            assert(queue.pending.count <= maximumPending, "the queue holds at most its limit of batches")
            assert(queue.pending.count == 1 || queue.pendingEvents <= maximumPendingEvents, "past the event limit only alone")
            queue.condition.signal()
        }
    }

    /// Commits what is queued, then stops the writer thread. Appends after this are refused.
    public func shutdown() {
        queue.condition.lock()
        queue.stopping = true
        queue.condition.broadcast()
        while !queue.stopped { queue.condition.wait() }
        queue.condition.unlock()
    }

    private static func run(ledger: Ledger, queue: Queue, maximumGroup: Int, onCommit: (@Sendable (Commit) -> Void)?) {
        var lastGroup = 0
        while true {
            queue.condition.lock()
            while queue.pending.isEmpty && !queue.stopping { queue.condition.wait() }
            if lastGroup > 1, queue.pending.count * 2 < lastGroup, !queue.stopping {
                let deadline = Date(timeIntervalSinceNow: gatherWindow)
                while queue.pending.count < lastGroup, !queue.stopping, queue.condition.wait(until: deadline) {}
            }
            if queue.pending.isEmpty {
                assert(queue.pendingEvents == 0, "no events counted without batches")
                queue.stopped = true
                queue.condition.broadcast()
                queue.condition.unlock()
                return
            }
            let group = Array(queue.pending.prefix(maximumGroup))
            queue.pending.removeFirst(group.count)
            queue.pendingEvents -= group.reduce(0) { $0 + $1.batch.count }
            assert(queue.pendingEvents >= 0 && (!queue.pending.isEmpty || queue.pendingEvents == 0), "queued events match queued batches")
            queue.committing = group.count
            queue.condition.unlock()
            lastGroup = group.count
            defer {
                queue.condition.lock()
                queue.committing = 0
                queue.condition.unlock()
            }

            let started = DispatchTime.now().uptimeNanoseconds
            do {
                let results = try ledger.append(batches: group.map(\.batch), recordedBy: group.map(\.recordedBy))
                assert(results.count == group.count, "one result per batch: an appender left without one would wait forever")
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                var events = 0
                var lastSeq: UInt64?
                for (pending, result) in zip(group, results) {
                    switch result {
                    case .success(let outcomes):
                        assert(outcomes.count == pending.batch.count, "one outcome per event of the batch")
                        events += outcomes.count
                        lastSeq = outcomes.reduce(lastSeq) { max($0 ?? 0, $1.seq) }
                        pending.continuation.resume(returning: outcomes)
                    case .failure(let failure):
                        pending.continuation.resume(throwing: failure)
                    }
                }
                for pending in group.dropFirst(results.count) {
                    pending.continuation.resume(
                        throwing: LedgerError.storage(operation: "group commit", code: -1, message: "no result for this batch"))
                }
                onCommit?(Commit(batches: group.count, events: events, seconds: seconds, lastSeq: lastSeq))
            } catch {
                for pending in group { pending.continuation.resume(throwing: error) }
            }
        }
    }
}
