import Foundation

/// A thread of its own, fed through a bounded FIFO: one producer hands it work without waiting
/// for the result, collects results in order as they are ready, and takes back the worker's
/// state when it is done.
///
/// Why a thread and not a task: the producers are synchronous loops inside an LMDB write
/// transaction (an import's writer), which must not block Swift's cooperative pool, and the
/// work is CPU-bound. Why bounded: a producer faster than its worker would otherwise queue
/// without limit; past `capacity` waiting inputs `submit` waits for the worker instead.
///
/// Single producer: `submit`, `completed` and `finish` are called from one thread at a time.
/// A worker dropped without `finish` (its producer threw) stops its thread once the inputs
/// already queued are done, and its results are discarded.
public final class BoundedWorker<State: Sendable, Input: Sendable, Output: Sendable>: Sendable {
    private let core: Core

    /// Most inputs waiting for the worker before `submit` waits.
    public var capacity: Int { core.capacity }

    /// Starts the thread `name` with `state`, which `work` updates for each input in order.
    public init(name: String, capacity: Int, state: State, work: @escaping @Sendable (inout State, Input) -> Output) {
        precondition(capacity > 0, "a worker queues at least one input")
        core = Core(capacity: capacity, state: state, work: work)
        let thread = Thread { [core] in core.run() }
        thread.name = name
        thread.start()
    }

    deinit {
        core.close()
    }

    /// Queues `input`, waiting while `capacity` inputs are already waiting.
    public func submit(_ input: Input) {
        core.submit(input)
    }

    /// The results ready so far, oldest first, without waiting.
    public func completed() -> [Output] {
        core.completed()
    }

    /// Waits for every submitted input, stops the thread, and returns the worker's final state
    /// and the results not yet collected, oldest first.
    public func finish() -> (state: State, remaining: [Output]) {
        core.finish()
    }

    /// The queue, the results and the state, shared by the producer and the thread (which
    /// holds only this, so dropping the worker closes it).
    private final class Core: @unchecked Sendable {
        // @unchecked: every stored var is guarded by `condition`, except `state`, which only
        // the worker thread touches until it says it is done (under the lock, so `finish`,
        // which waits for that, reads it after: happens-before).
        private let condition = NSCondition()
        private var inputs: [Input] = []
        private var outputs: [Output] = []
        private var state: State
        private var closing = false
        private var done = false
        private let work: @Sendable (inout State, Input) -> Output
        let capacity: Int

        init(capacity: Int, state: State, work: @escaping @Sendable (inout State, Input) -> Output) {
            self.capacity = capacity
            self.state = state
            self.work = work
        }

        func submit(_ input: Input) {
            condition.lock()
            defer { condition.unlock() }
            precondition(!closing, "no input after finish")
            while inputs.count >= capacity { condition.wait() }
            inputs.append(input)
            condition.broadcast()
        }

        func completed() -> [Output] {
            condition.lock()
            defer { condition.unlock() }
            let ready = outputs
            outputs.removeAll(keepingCapacity: true)
            return ready
        }

        func finish() -> (state: State, remaining: [Output]) {
            condition.lock()
            defer { condition.unlock() }
            closing = true
            condition.broadcast()
            while !done { condition.wait() }
            assert(inputs.isEmpty, "the worker stops only once its queue is empty")
            let remaining = outputs
            outputs.removeAll()
            return (state, remaining)
        }

        /// Lets the thread stop once its queue is empty, without waiting for it.
        func close() {
            condition.lock()
            defer { condition.unlock() }
            closing = true
            condition.broadcast()
        }

        func run() {
            condition.lock()
            while true {
                while inputs.isEmpty && !closing { condition.wait() }
                guard !inputs.isEmpty else { break }
                let input = inputs.removeFirst()
                condition.broadcast()  // a producer may be waiting for room
                condition.unlock()
                let output = work(&state, input)
                condition.lock()
                outputs.append(output)
            }
            done = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
