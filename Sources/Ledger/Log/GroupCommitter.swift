import Foundation

/// Shares one write transaction and one fsync among concurrent appenders.
///
/// Appenders enqueue their batch and suspend. A dedicated thread (a `GroupWorker`: LMDB write
/// transactions belong to one thread, and an fsync must not block Swift's cooperative pool)
/// takes everything queued, commits it as one transaction, and resumes each appender with its
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
    private struct Submission: Sendable {
        var batch: [AppendRequest]
        var recordedBy: RecordedBy
    }

    private let worker: GroupWorker<Submission, [AppendOutcome]>
    /// Most batches committed together; bounds one transaction's size and latency.
    public var maximumGroup: Int { worker.limits.maximumGroup }
    /// Most batches queued behind the commit in flight; one more is `Overloaded`.
    public var maximumPending: Int { worker.limits.maximumPending }
    /// Most events queued behind the commit in flight. A batch is refused if it would take
    /// the queue past this, unless the queue is empty: a lone batch is always taken (its size
    /// is the caller's limit to set, e.g. the HTTP API's 10,000 events).
    public var maximumPendingEvents: Int { worker.limits.maximumPendingWeight }

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
        let load = worker.load
        return Load(pendingBatches: load.pendingItems, pendingEvents: load.pendingWeight, committingBatches: load.workingItems)
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

    /// Starts the writer thread. `onCommit` observes each commit, on the writer thread, after
    /// its appenders have been resumed: whatever it wakes (e.g. live subscribers) queues
    /// behind the acknowledgements. The defaults are far above what normal load queues (one
    /// batch per waiting appender: `bench-append` allows at most 4,096 appenders, the HTTP
    /// stack far fewer connections).
    public init(
        ledger: Ledger, maximumGroup: Int = 1024, maximumPending: Int = 4096, maximumPendingEvents: Int = 262_144,
        onCommit: (@Sendable (Commit) -> Void)? = nil
    ) {
        let limits = GroupWorker<Submission, [AppendOutcome]>.Limits(
            maximumGroup: maximumGroup, maximumPending: maximumPending, maximumPendingWeight: maximumPendingEvents)
        worker = GroupWorker(
            name: "ledger-writer", limits: limits, gatherWindow: Self.gatherWindow,
            work: { group in Self.commit(group, to: ledger) }, afterGroup: onCommit.map(Self.observer))
    }

    /// Reports each commit's figures to `onCommit`.
    private static func observer(_ onCommit: @escaping @Sendable (Commit) -> Void) -> GroupWorker<Submission, [AppendOutcome]>.Observer {
        { group, results, seconds in
            var events = 0
            var lastSeq: UInt64?
            for case .success(let outcomes) in results {
                events += outcomes.count
                lastSeq = outcomes.reduce(lastSeq) { max($0 ?? 0, $1.seq) }
            }
            onCommit(Commit(batches: group.count, events: events, seconds: seconds, lastSeq: lastSeq))
        }
    }

    /// Appends `batch` atomically, by `recordedBy`; returns once it is durable. Throws
    /// `AppendFailure` for a refused batch, `LedgerError` if storage failed,
    /// `Overloaded` at once (nothing queued) if the queue is full, `CancellationError` after
    /// `shutdown`.
    public func append(_ batch: [AppendRequest], recordedBy: RecordedBy = .processUser) async throws -> [AppendOutcome] {
        do {
            return try await worker.submit(Submission(batch: batch, recordedBy: recordedBy), weight: batch.count)
        } catch let full as GroupWorker<Submission, [AppendOutcome]>.Full {
            throw Overloaded(
                pendingBatches: full.pendingItems, pendingEvents: full.pendingWeight, batchEvents: batch.count,
                maximumPending: maximumPending, maximumPendingEvents: maximumPendingEvents)
        } catch is GroupWorker<Submission, [AppendOutcome]>.Stopped {
            throw CancellationError()
        }
    }

    /// Commits what is queued, then stops the writer thread. Appends after this are refused.
    public func shutdown() {
        worker.shutdown()
    }

    /// One transaction for the whole group, one result per batch (a refused batch's is its
    /// failure; a failed commit's error is every batch's).
    private static func commit(_ group: [Submission], to ledger: Ledger) -> [Result<[AppendOutcome], any Error>] {
        do {
            let results = try ledger.append(batches: group.map(\.batch), recordedBy: group.map(\.recordedBy))
            assert(results.count == group.count, "one result per batch")
            return zip(group, results).map { submission, result in
                if case .success(let outcomes) = result {
                    assert(outcomes.count == submission.batch.count, "one outcome per event of the batch")
                }
                return result.mapError { $0 as any Error }
            }
        } catch {
            return Array(repeating: .failure(error), count: group.count)
        }
    }
}
