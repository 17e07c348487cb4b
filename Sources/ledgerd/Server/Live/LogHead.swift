import Synchronization

/// The log's newest seq as this process last saw it, and the tasks waiting for it to move.
///
/// Live subscribers and the projection follower wait here rather than poll LMDB themselves:
/// an append served by this process advances the head as soon as it is durable, and
/// `HeadWatcher` advances it for appends by other processes. The head is one number, not a
/// queue of events, so a waiter that falls behind costs nothing here: it catches up by
/// reading LMDB from its own position.
final class LogHead: Sendable {
    private struct Waiter {
        var after: UInt64
        var continuation: CheckedContinuation<UInt64, Never>
    }

    private struct State {
        var seq: UInt64
        var nextWaiter = 0
        var waiters: [Int: Waiter] = [:]
    }

    private let state: Mutex<State>
    /// Told of every advance, outside the lock: the metrics count the log's growth here,
    /// whichever process appended.
    private let onAdvance: @Sendable (_ from: UInt64, _ to: UInt64) -> Void

    init(seq: UInt64, onAdvance: @escaping @Sendable (_ from: UInt64, _ to: UInt64) -> Void = { _, _ in }) {
        state = Mutex(State(seq: seq))
        self.onAdvance = onAdvance
    }

    /// The newest seq seen.
    var seq: UInt64 { state.withLock { $0.seq } }

    /// Records that the log holds `seq`, waking everyone waiting for a seq before it.
    func advance(to seq: UInt64) {
        let (woken, previous): ([Waiter], UInt64?) = state.withLock { state in
            guard seq > state.seq else { return ([], nil) }
            defer { state.seq = seq }
            let ready = state.waiters.filter { $0.value.after < seq }
            for id in ready.keys { state.waiters[id] = nil }
            return (Array(ready.values), state.seq)
        }
        // Each advance is reported once, from where the last one ended: the reports add up
        // to the log's growth exactly.
        if let previous { onAdvance(previous, seq) }
        for waiter in woken { waiter.continuation.resume(returning: seq) }
    }

    /// Wakes every waiter with the head unchanged: the heartbeat (see `Heartbeat`). One timer
    /// for all subscribers instead of one per subscriber per wait.
    func pulse() {
        let (woken, seq): ([Waiter], UInt64) = state.withLock { state in
            defer { state.waiters = [:] }
            return (Array(state.waiters.values), state.seq)
        }
        for waiter in woken { waiter.continuation.resume(returning: seq) }
    }

    /// Suspends until the head passes `seq`, a `pulse()`, or the task is cancelled; returns the
    /// head as it then is (`seq` or less after a pulse or a cancellation).
    func wait(after seq: UInt64) async -> UInt64 {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<UInt64, Never>) in
                // Checking cancellation under the lock closes the race with `onCancel`: either
                // it runs after the waiter is registered and removes it, or the waiter sees the flag.
                let immediate: UInt64? = state.withLock { state in
                    if state.seq > seq || Task.isCancelled { return state.seq }
                    state.waiters[id] = Waiter(after: seq, continuation: continuation)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let (waiter, seq) = state.withLock { state in (state.waiters.removeValue(forKey: id), state.seq) }
            waiter?.continuation.resume(returning: seq)
        }
    }
}
