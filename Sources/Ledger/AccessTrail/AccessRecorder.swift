import Foundation

/// Shares one write transaction and one durable sync among concurrent requests' trail entries,
/// as `GroupCommitter` does for appends: a request enqueues its disclosure and suspends; a
/// dedicated thread (LMDB write transactions belong to one thread, and a sync must not block
/// Swift's cooperative pool) records everything queued in one commit and resumes each request
/// once its entries are durable. While one commit syncs, the next group gathers, so the trail
/// costs a read a wait, not a sync of its own.
///
/// The indexes are not in that commit: the writer adds a batch of entries to them every
/// `indexInterval` (or `indexBatch` entries), off every request's path (see `AccessTrail`).
///
/// The queue is bounded: past `maximumPending` waiting disclosures a request is refused at
/// once (`Overloaded`), rather than every response waiting ever longer.
public final class AccessRecorder: Sendable {
    private struct Pending {
        var disclosure: Disclosure
        var continuation: CheckedContinuation<[UInt64], any Error>
    }

    private final class Queue: @unchecked Sendable {
        // @unchecked: every field is guarded by `condition`.
        let condition = NSCondition()
        var pending: [Pending] = []
        var stopping = false
        var stopped = false
    }

    /// The trail's queue is full: the response is not sent (HTTP 503, retry).
    public struct Overloaded: Error, Sendable, CustomStringConvertible {
        public var description: String { "the access trail has \(AccessRecorder.maximumPending) disclosures waiting to be recorded" }
    }

    /// The recorder was shut down: nothing more is recorded (nor disclosed).
    public struct Stopped: Error, Sendable, CustomStringConvertible {
        public var description: String { "the access trail is closed: the daemon is stopping" }
    }

    public let trail: AccessTrail
    private let queue = Queue()
    public static let maximumPending = 8_192
    /// Most disclosures in one commit; bounds one transaction's size and latency.
    public static let maximumGroup = 1_024
    /// Longest the writer holds a commit open for requests it expects (see `GroupCommitter`).
    /// Zero: measured, waiting for a read's peers cost more than it saved (reads arrive in
    /// waves behind the last commit, and a held commit leaves the cores idle).
    public static let gatherWindow: Double = 0
    /// How often, at most, and after how many entries, the indexes are brought up to date.
    public static let indexInterval: Double = 0.1
    public static let indexBatch = 4_096

    /// One durable commit, as `onCommit` observes it.
    public struct Commit: Sendable {
        public var disclosures: Int
        public var entries: Int
        public var seconds: Double
    }

    public init(trail: AccessTrail, onCommit: (@Sendable (Commit) -> Void)? = nil) {
        self.trail = trail
        let thread = Thread { [queue] in Self.run(trail: trail, queue: queue, onCommit: onCommit) }
        thread.name = "access-trail-writer"
        thread.start()
    }

    /// Records `disclosure`; returns its entries' seqs once they are durable. Throws
    /// `AccessTrail.Refused`, `Overloaded`, `Stopped`, or the `LedgerError` storage gave
    /// (`noSpace` on a full disk): in every case the caller must not send what it disclosed.
    public func record(_ disclosure: Disclosure) async throws -> [UInt64] {
        try await withCheckedThrowingContinuation { continuation in
            queue.condition.lock()
            defer { queue.condition.unlock() }
            guard !queue.stopping else { return continuation.resume(throwing: Stopped()) }
            guard queue.pending.count < Self.maximumPending else { return continuation.resume(throwing: Overloaded()) }
            queue.pending.append(Pending(disclosure: disclosure, continuation: continuation))
            queue.condition.signal()
        }
    }

    /// Records what is queued, then stops the writer thread. Later disclosures are refused.
    public func shutdown() {
        queue.condition.lock()
        queue.stopping = true
        queue.condition.broadcast()
        while !queue.stopped { queue.condition.wait() }
        queue.condition.unlock()
    }

    private static func run(trail: AccessTrail, queue: Queue, onCommit: (@Sendable (Commit) -> Void)?) {
        var lastGroup = 0
        var unindexed: [AccessEntry] = []
        var indexedAt = Date()
        /// Adds what is waiting to the indexes; on failure (a full disk) keeps it for next time:
        /// no response waits for the indexes, and queries read unindexed entries directly.
        func index(force: Bool) {
            guard !unindexed.isEmpty,
                force || unindexed.count >= indexBatch || Date().timeIntervalSince(indexedAt) >= indexInterval
            else { return }
            if (try? trail.index(unindexed)) != nil { unindexed.removeAll(keepingCapacity: true) }
            indexedAt = Date()
        }
        while true {
            queue.condition.lock()
            while queue.pending.isEmpty && !queue.stopping {
                if unindexed.isEmpty {
                    queue.condition.wait()
                } else if !queue.condition.wait(until: indexedAt.addingTimeInterval(indexInterval)) {
                    queue.condition.unlock()
                    index(force: true)
                    queue.condition.lock()
                }
            }
            if gatherWindow > 0, lastGroup > 1, queue.pending.count * 2 < lastGroup, !queue.stopping {
                let deadline = Date(timeIntervalSinceNow: gatherWindow)
                while queue.pending.count < lastGroup, !queue.stopping, queue.condition.wait(until: deadline) {}
            }
            if queue.pending.isEmpty {
                queue.condition.unlock()
                index(force: true)
                queue.condition.lock()
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
                let (results, added) = try trail.record(group.map(\.disclosure), indexing: false)
                unindexed += added
                var entries = 0
                for (pending, result) in zip(group, results) {
                    switch result {
                    case .success(let seqs):
                        entries += seqs.count
                        pending.continuation.resume(returning: seqs)
                    case .failure(let refused):
                        pending.continuation.resume(throwing: refused)
                    }
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                onCommit?(Commit(disclosures: group.count, entries: entries, seconds: seconds))
            } catch {
                for pending in group { pending.continuation.resume(throwing: error) }
            }
            index(force: false)
        }
    }
}
