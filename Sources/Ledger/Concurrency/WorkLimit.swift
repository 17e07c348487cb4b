import Foundation

/// How many of one kind of long work (seconds of a core: a replay of the log for an answer
/// about the past, a verification of the whole chain) run at once, and how many may wait.
///
/// Such work is asked for by a request, and nothing else bounds how many requests ask at
/// once: without a limit, a burst takes every core from other readers and, for replays
/// (~225 MiB each on the demo's million events), enough memory to end the daemon. Past
/// `maximumWaiting`, work is refused at once with `Busy`, nothing started, for the caller to
/// retry after `retryAfterSeconds`.
public final class WorkLimit: @unchecked Sendable {
    /// Work refused because `maximumRunning` run and `maximumWaiting` wait.
    public struct Busy: Error, Sendable, CustomStringConvertible {
        /// The limit's name (`replays`, `verifications`): its problem type is `<name>-busy`.
        public var name: String
        /// What runs, in words ("answers about the past being replayed").
        public var activity: String
        /// Running when it was refused.
        public var running: Int
        /// Waiting when it was refused.
        public var waiting: Int
        /// When a retry may find room.
        public var retryAfterSeconds: Int

        /// The load, as the refusal's problem details say it.
        public var description: String {
            "\(running) \(activity) and \(waiting) more waiting"
        }
    }

    /// Names the kind of work (`replays`, `verifications`).
    public let name: String
    /// What runs, in words.
    public let activity: String
    /// Most at once.
    public let maximumRunning: Int
    /// Most waiting for one of those; one more is `Busy`.
    public let maximumWaiting: Int
    /// The `Retry-After` a refusal suggests: about one piece of the work's length.
    public let retryAfterSeconds: Int

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var running = 0
    private var waiting = 0

    /// A limit of `maximumRunning` (at least one) at once and `maximumWaiting` behind them.
    public init(name: String, activity: String, maximumRunning: Int, maximumWaiting: Int, retryAfterSeconds: Int) {
        precondition(maximumRunning >= 1 && maximumWaiting >= 0 && retryAfterSeconds >= 1, "at least one runs")
        self.name = name
        self.activity = activity
        self.maximumRunning = maximumRunning
        self.maximumWaiting = maximumWaiting
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// What is running and waiting now (a snapshot).
    public var load: (running: Int, waiting: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (running, waiting)
    }

    /// Throws `Busy` if work asked now would be refused: lets a caller refuse before it
    /// spends anything (a thread) on the request. `run` still decides.
    public func refuseIfFull() throws {
        condition.lock()
        defer { condition.unlock() }
        if running >= maximumRunning, waiting >= maximumWaiting { throw busy() }
    }

    /// Runs `body` once fewer than `maximumRunning` run, waiting (blocking this thread: the
    /// daemon gives each such request a thread of its own) if need be; throws `Busy` without
    /// running it when `maximumWaiting` already wait.
    public func run<T>(_ body: () throws -> T) throws -> T {
        condition.lock()
        if running >= maximumRunning {
            guard waiting < maximumWaiting else {
                let refused = busy()
                condition.unlock()
                throw refused
            }
            waiting += 1
            while running >= maximumRunning { condition.wait() }
            waiting -= 1
        }
        running += 1
        assert(running <= maximumRunning && waiting <= maximumWaiting, "the limit holds")
        condition.unlock()
        defer {
            condition.lock()
            running -= 1
            assert(running >= 0, "work ends once")
            condition.signal()
            condition.unlock()
        }
        return try body()
    }

    /// The refusal for the load now; the caller holds the lock.
    private func busy() -> Busy {
        Busy(name: name, activity: activity, running: running, waiting: waiting, retryAfterSeconds: retryAfterSeconds)
    }
}
