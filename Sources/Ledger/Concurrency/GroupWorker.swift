import Foundation

/// Hands async callers' items to one dedicated thread, which takes whatever is queued as one
/// group, does the group's work once, and answers each caller with its own result.
///
/// The shape of every "share one expensive step among concurrent callers" in the daemon: the
/// group commit (one LMDB write transaction and fsync for every queued append) and the access
/// trail's journal (one write and flush for every queued disclosure). A thread rather than a
/// task because the step blocks (an fsync, an LMDB write transaction that belongs to one
/// thread), which must not hold a thread of Swift's cooperative pool. While one group is
/// worked on, the next gathers, so throughput grows with concurrency instead of each caller
/// paying for the step alone.
///
/// Bounded: past `Limits.maximumPending` items, or `maximumPendingWeight` (say, events in
/// batches), a submission is refused at once with `Full`, nothing queued, so a burst beyond
/// what the disk can take costs callers a retry, not the daemon its memory. After `shutdown`
/// submissions are refused with `Stopped`; what was queued before is still worked on.
public final class GroupWorker<Item: Sendable, Output: Sendable>: Sendable {
    /// How much the worker takes at once and how much may wait.
    public struct Limits: Sendable {
        /// Most items in one group; bounds one step's size and latency.
        public var maximumGroup: Int
        /// Most items queued behind the group in flight; one more is `Full`.
        public var maximumPending: Int
        /// Most weight queued behind the group in flight. An item is refused if it would take
        /// the queue past this, unless the queue is empty: a lone item is always taken.
        public var maximumPendingWeight: Int

        /// Limits of at least one item each.
        public init(maximumGroup: Int, maximumPending: Int, maximumPendingWeight: Int = .max) {
            precondition(maximumGroup >= 1, "a group holds at least one item")
            precondition(maximumPending >= 1 && maximumPendingWeight >= 1, "a queue that takes nothing serves nobody")
            self.maximumGroup = maximumGroup
            self.maximumPending = maximumPending
            self.maximumPendingWeight = maximumPendingWeight
        }
    }

    /// A submission refused because the queue is full: nothing of it was queued.
    public struct Full: Error, Sendable {
        /// Items queued when it was refused.
        public var pendingItems: Int
        /// Their weight.
        public var pendingWeight: Int
        /// The refused item's weight.
        public var itemWeight: Int
    }

    /// A submission after `shutdown`: nothing of it was queued.
    public struct Stopped: Error, Sendable {}

    /// What the queue holds now (a snapshot).
    public struct Load: Sendable, Equatable {
        /// Items queued behind the group in flight.
        public var pendingItems: Int
        /// Their weight.
        public var pendingWeight: Int
        /// Items of the group being worked on (0 between groups).
        public var workingItems: Int
    }

    /// The work on one group: one result per item, in order. Runs on the worker's thread.
    public typealias Work = @Sendable ([Item]) -> [Result<Output, any Error>]
    /// Observes a group once every caller in it has been answered, with the seconds its
    /// work took: whatever it wakes queues behind the answers.
    public typealias Observer = @Sendable ([Item], [Result<Output, any Error>], Double) -> Void

    private let core: Core
    /// The limits it was started with.
    public let limits: Limits

    /// Starts the thread `name`. With `gatherWindow`, when the last group served several
    /// callers but fewer than half as many are queued yet (the rest still being woken by the
    /// last answers), the worker waits up to that long for them, so one step serves the whole
    /// crowd, like PostgreSQL's `commit_delay`; a lone caller never waits.
    public init(
        name: String, limits: Limits, gatherWindow: Double? = nil, work: @escaping Work, afterGroup: Observer? = nil
    ) {
        self.limits = limits
        core = Core(limits: limits)
        let thread = Thread { [core] in core.run(gatherWindow: gatherWindow, work: work, afterGroup: afterGroup) }
        thread.name = name
        thread.start()
    }

    /// The queue's current load.
    public var load: Load { core.withLock { Load(pendingItems: $0.pending.count, pendingWeight: $0.pendingWeight, workingItems: $0.working) } }

    /// Queues `item` and returns its result once its group is done. Throws `Full` or
    /// `Stopped` at once (nothing queued), or the error its work gave it.
    public func submit(_ item: Item, weight: Int = 1) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            if let refusal = core.enqueue(Pending(item: item, weight: weight, continuation: continuation)) {
                continuation.resume(throwing: refusal)
            }
        }
    }

    /// Works on what is queued, then stops the thread; returns once it has stopped.
    public func shutdown() {
        core.withLock { core in
            core.stopping = true
            core.condition.broadcast()
            while !core.stopped { core.condition.wait() }
        }
    }

    private struct Pending {
        var item: Item
        var weight: Int
        var continuation: CheckedContinuation<Output, any Error>
    }

    /// The queue, shared by the callers and the thread (which holds only this).
    private final class Core: @unchecked Sendable {
        // @unchecked: every field is guarded by `condition`.
        let condition = NSCondition()
        var pending: [Pending] = []
        var pendingWeight = 0
        var working = 0
        var stopping = false
        var stopped = false
        let limits: Limits

        init(limits: Limits) { self.limits = limits }

        func withLock<Value>(_ body: (Core) throws -> Value) rethrows -> Value {
            condition.lock()
            defer { condition.unlock() }
            return try body(self)
        }

        /// Queues `entry`, or says why not.
        func enqueue(_ entry: Pending) -> (any Error)? {
            withLock { core in
                guard !core.stopping else { return Stopped() }
                let full =
                    core.pending.count >= limits.maximumPending
                    || (!core.pending.isEmpty && core.pendingWeight > limits.maximumPendingWeight - entry.weight)
                guard !full else { return Full(pendingItems: core.pending.count, pendingWeight: core.pendingWeight, itemWeight: entry.weight) }
                core.pending.append(entry)
                core.pendingWeight += entry.weight
                assert(core.pending.count <= limits.maximumPending, "the queue holds at most its limit of items")
                assert(core.pending.count == 1 || core.pendingWeight <= limits.maximumPendingWeight, "past the weight limit only alone")
                core.condition.signal()
                return nil
            }
        }

        /// The next group, once there is one; nil when stopping with nothing left.
        private func nextGroup(gatherWindow: Double?, lastGroup: Int) -> [Pending]? {
            withLock { core in
                while core.pending.isEmpty && !core.stopping { core.condition.wait() }
                if let gatherWindow, lastGroup > 1, core.pending.count * 2 < lastGroup, !core.stopping {
                    let deadline = Date(timeIntervalSinceNow: gatherWindow)
                    while core.pending.count < lastGroup, !core.stopping, core.condition.wait(until: deadline) {}
                }
                guard !core.pending.isEmpty else {
                    assert(core.pendingWeight == 0, "no weight without items")
                    return nil
                }
                let group = Array(core.pending.prefix(limits.maximumGroup))
                core.pending.removeFirst(group.count)
                core.pendingWeight -= group.reduce(0) { $0 + $1.weight }
                assert(core.pendingWeight >= 0 && (!core.pending.isEmpty || core.pendingWeight == 0), "queued weight matches queued items")
                core.working = group.count
                return group
            }
        }

        func run(gatherWindow: Double?, work: Work, afterGroup: Observer?) {
            var lastGroup = 0
            while let group = nextGroup(gatherWindow: gatherWindow, lastGroup: lastGroup) {
                lastGroup = group.count
                let items = group.map(\.item)
                let started = DispatchTime.now().uptimeNanoseconds
                let results = work(items)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                // One result per item: a caller left without one would wait forever.
                assert(results.count == group.count, "one result per item")
                for (pending, result) in zip(group, results) { pending.continuation.resume(with: result) }
                for pending in group.dropFirst(results.count) {
                    pending.continuation.resume(throwing: LedgerError.storage(operation: "a group's work", code: -1, message: "no result for this item"))
                }
                withLock { $0.working = 0 }
                afterGroup?(items, results, seconds)
            }
            withLock { core in
                core.stopped = true
                core.condition.broadcast()
            }
        }
    }
}
