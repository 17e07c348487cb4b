import Foundation

/// Runs a producer on a thread of its own, ahead of a synchronous consumer, through a bounded
/// FIFO: the consumer's `next` waits only when the producer is behind, and the producer waits
/// once `capacity` elements are ready and not yet taken.
///
/// The other half of `GroupWorker`'s shape: there, async callers feed one thread; here one
/// thread feeds a synchronous loop (an import's writer, inside its LMDB write transaction,
/// which must not suspend). Elements the consumer is done with can be handed back with
/// `recycle`, and the producer thread drops them: freeing thousands of parsed documents is
/// real work, and the consumer is the bottleneck.
///
/// Single consumer: `next`, `recycle` and `cancel` are called from one thread at a time.
public final class Prefetcher<Element: Sendable>: Sendable {
    private let core: Core

    /// Starts the thread `name`, which calls `produce` until it returns nil (the end) or the
    /// consumer cancels. `produce` is called on that thread only.
    public init(name: String, capacity: Int, produce: @escaping @Sendable () -> Element?) {
        precondition(capacity > 0, "room for at least one element")
        core = Core(capacity: capacity)
        let thread = Thread { [core] in core.run(produce) }
        thread.name = name
        thread.start()
    }

    deinit {
        core.cancel()
    }

    /// The next element, waiting for the producer if needed; nil once it has finished and
    /// every element has been taken.
    public func next() -> Element? {
        core.next { false }
    }

    /// `next`, but while no element is ready, calls `idle` instead of waiting: a short piece
    /// of the consumer's other work, which returns false once it has none left (then `next`
    /// waits). So a consumer faster than its producer spends the gaps on work it would
    /// otherwise do later, alone.
    public func next(whileWaiting idle: () throws -> Bool) rethrows -> Element? {
        try core.next(whileWaiting: idle)
    }

    /// Hands back an element the consumer is done with, for the producer thread to drop.
    public func recycle(_ element: consuming Element) {
        core.recycle(element)
    }

    /// Stops the producer after the element it is making; elements not taken are dropped.
    public func cancel() {
        core.cancel()
    }

    /// The queue, shared by the consumer and the thread (which holds only this).
    private final class Core: @unchecked Sendable {
        // @unchecked: every field is guarded by `condition`.
        private let condition = NSCondition()
        private var ready: [Element] = []
        private var spent: [Element] = []
        private var finished = false
        private var cancelled = false
        private let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        func run(_ produce: () -> Element?) {
            while let element = produce() {
                condition.lock()
                while ready.count >= capacity && !cancelled { condition.wait() }
                if cancelled {
                    condition.unlock()
                    break
                }
                ready.append(element)
                condition.broadcast()
                let garbage = spent
                spent = []
                condition.unlock()
                // Dropped outside the lock, on this thread.
                _ = consume garbage
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        func next(whileWaiting idle: () throws -> Bool) rethrows -> Element? {
            condition.lock()
            defer { condition.unlock() }
            var hasWork = true
            while ready.isEmpty && !finished {
                if hasWork {
                    // The idle work runs without the lock, so the producer can hand over meanwhile.
                    condition.unlock()
                    defer { condition.lock() }
                    hasWork = try idle()
                } else {
                    condition.wait()
                }
            }
            guard !ready.isEmpty else { return nil }
            let element = ready.removeFirst()
            condition.broadcast()
            return element
        }

        func recycle(_ element: consuming Element) {
            condition.lock()
            defer { condition.unlock() }
            spent.append(element)
        }

        func cancel() {
            condition.lock()
            defer { condition.unlock() }
            cancelled = true
            condition.broadcast()
        }
    }
}
