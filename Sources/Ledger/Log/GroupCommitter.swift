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
        var stopping = false
        var stopped = false
    }

    private let ledger: Ledger
    private let queue = Queue()
    /// Most batches committed together; bounds one transaction's size and latency.
    public let maximumGroup: Int
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

    public init(ledger: Ledger, maximumGroup: Int = 1024, onCommit: (@Sendable (Commit) -> Void)? = nil) {
        precondition(maximumGroup >= 1)
        self.ledger = ledger
        self.maximumGroup = maximumGroup
        self.onCommit = onCommit
        let thread = Thread { [queue] in
            Self.run(ledger: ledger, queue: queue, maximumGroup: maximumGroup, onCommit: onCommit)
        }
        thread.name = "ledger-writer"
        thread.start()
    }

    /// Appends `batch` atomically, by `recordedBy`; returns once it is durable. Throws
    /// `AppendFailure` for a refused batch, `LedgerError` if storage failed,
    /// `CancellationError` after `shutdown`.
    public func append(_ batch: [AppendRequest], recordedBy: RecordedBy = .processUser) async throws -> [AppendOutcome] {
        try await withCheckedThrowingContinuation { continuation in
            queue.condition.lock()
            defer { queue.condition.unlock() }
            guard !queue.stopping else {
                continuation.resume(throwing: CancellationError())
                return
            }
            queue.pending.append(Pending(batch: batch, recordedBy: recordedBy, continuation: continuation))
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
                queue.stopped = true
                queue.condition.broadcast()
                queue.condition.unlock()
                return
            }
            let group = Array(queue.pending.prefix(maximumGroup))
            queue.pending.removeFirst(group.count)
            queue.condition.unlock()
            lastGroup = group.count

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
