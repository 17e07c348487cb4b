import Foundation

/// How many replays (answers about a past date, or as known at a past moment) run at once,
/// and how many may wait for one to finish.
///
/// A replay reads the whole log into memory: seconds of a core and ~225 MiB on the demo's
/// million events, more on a larger ledger. Any reader can ask for one with `?on=`; without a
/// bound, a burst of them takes every core from the other readers and enough memory to end
/// the daemon (16 at once held 846 MiB on a 25,000-case ledger). Past `maximumWaiting`, a
/// replay is refused at once with `Busy`, nothing started, for the caller to retry.
public final class ReplayLimit: @unchecked Sendable {
    /// A replay refused because `maximumRunning` run and `maximumWaiting` wait.
    public struct Busy: Error, Sendable, CustomStringConvertible {
        /// Replays running when it was refused.
        public var running: Int
        /// Replays waiting when it was refused.
        public var waiting: Int

        /// The load, as the refusal's problem details say it.
        public var description: String {
            "\(running) answers about the past are being replayed and \(waiting) wait for them"
        }
    }

    /// Most replays at once.
    public let maximumRunning: Int
    /// Most replays waiting for one of those; one more is `Busy`.
    public let maximumWaiting: Int

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var running = 0
    private var waiting = 0

    /// A limit of `maximumRunning` (at least one) at once and `maximumWaiting` behind them.
    public init(maximumRunning: Int, maximumWaiting: Int) {
        precondition(maximumRunning >= 1 && maximumWaiting >= 0, "at least one replay runs")
        self.maximumRunning = maximumRunning
        self.maximumWaiting = maximumWaiting
    }

    /// What is running and waiting now (a snapshot).
    public var load: (running: Int, waiting: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (running, waiting)
    }

    /// Throws `Busy` if a replay asked now would be refused: lets a caller refuse before it
    /// spends anything (a thread) on the request. `run` still decides.
    public func refuseIfFull() throws {
        condition.lock()
        defer { condition.unlock() }
        if running >= maximumRunning, waiting >= maximumWaiting { throw Busy(running: running, waiting: waiting) }
    }

    /// Runs `body` once fewer than `maximumRunning` replays run, waiting (blocking this
    /// thread: the daemon gives each question about the past a thread of its own) if need
    /// be; throws `Busy` without running it when `maximumWaiting` already wait.
    public func run<T>(_ body: () throws -> T) throws -> T {
        condition.lock()
        if running >= maximumRunning {
            guard waiting < maximumWaiting else {
                let busy = Busy(running: running, waiting: waiting)
                condition.unlock()
                throw busy
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
            assert(running >= 0, "a replay ends once")
            condition.signal()
            condition.unlock()
        }
        return try body()
    }
}
