import Foundation
import Ledger
import Logging
import ServiceLifecycle

/// Notices appends made by other processes (the CLI, another daemon) on the same data
/// directory and advances `LogHead`, so live subscribers and the projections see them.
///
/// LMDB has no change notification, but every commit ends with a write to `data.mdb` (the
/// meta page that makes it visible). On Linux, inotify reports that write, so the watcher
/// sleeps in `poll(2)` until the file changes and then reads the head: an idle daemon costs
/// nothing, and another process's append is seen within a fraction of a millisecond. The
/// same loop also reads the head every `interval` regardless, which covers file systems
/// where inotify is silent. Appends served by this daemon advance the head without waiting.
///
/// The loop is a thread of its own because it blocks in `poll(2)`.
struct HeadWatcher: Service {
    let ledger: Ledger
    let head: LogHead
    let interval: Duration
    let logger: Logger

    private final class Stop: @unchecked Sendable {
        // @unchecked: `requested` is guarded by `lock`.
        private let lock = NSLock()
        private var requested = false
        var isRequested: Bool { lock.withLock { requested } }
        func request() { lock.withLock { requested = true } }
    }

    func run() async throws {
        let stop = Stop()
        let finished = AsyncStream<Void>.makeStream()
        let thread = Thread { [ledger, head, interval, logger] in
            Self.watch(ledger: ledger, head: head, interval: interval, logger: logger, stop: stop)
            finished.continuation.finish()
        }
        thread.name = "ledgerd-head-watcher"
        thread.start()
        try? await gracefulShutdown()
        stop.request()
        for await _ in finished.stream {}
    }

    /// How long a commit is given to publish itself after its last write is reported.
    static let settleMicroseconds: UInt32 = 300

    private static func watch(ledger: Ledger, head: LogHead, interval: Duration, logger: Logger, stop: Stop) {
        let file = ledger.environment.path + "/data.mdb"
        let notifications = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        if notifications < 0 || inotify_add_watch(notifications, file, UInt32(IN_MODIFY)) < 0 {
            logger.warning("inotify is unavailable; polling the log's head", metadata: ["file": "\(file)", "errno": "\(errno)"])
        }
        defer { if notifications >= 0 { close(notifications) } }
        let timeout = Int32(max(1, interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000))
        var last = head.seq
        var failures = LogThrottle()
        while !stop.isRequested {
            if notifications >= 0 {
                var descriptor = pollfd(fd: notifications, events: Int16(POLLIN), revents: 0)
                if poll(&descriptor, 1, timeout) > 0 {
                    // A commit is several writes, its meta page last, and the writer publishes
                    // the new transaction to readers in shared memory just after that last
                    // write, which no notification reports. So: let the commit finish, take
                    // all its notifications at once, and read the head once (twice if it has
                    // not moved yet: the notification may have been for the pages before the
                    // meta page, or for a commit that appended nothing, such as a token's).
                    usleep(Self.settleMicroseconds)
                    FileIO.drain(notifications)
                    var seen = advance(ledger: ledger, head: head, logger: logger, failures: &failures)
                    if seen == last {
                        usleep(Self.settleMicroseconds)
                        seen = advance(ledger: ledger, head: head, logger: logger, failures: &failures)
                    }
                    last = seen ?? last
                    continue
                }
            } else {
                usleep(UInt32(timeout) * 1000)
            }
            // No notification within `interval` (or no inotify): read the head anyway.
            last = advance(ledger: ledger, head: head, logger: logger, failures: &failures) ?? last
        }
    }

    /// Reads the log's head and advances `head` to it; nil if the read failed (logged, at
    /// most once a minute while it keeps failing: the loop reads every `interval`).
    @discardableResult
    private static func advance(ledger: Ledger, head: LogHead, logger: Logger, failures: inout LogThrottle) -> UInt64? {
        do {
            let seq = try ledger.lastSeq()
            head.advance(to: seq)
            failures.reset()
            return seq
        } catch {
            if let times = failures.occurrence() {
                logger.error("reading the log's head failed", metadata: ["error": "\(error)", "times": "\(times)"])
            }
            return nil
        }
    }
}

extension HeadWatcher: CustomStringConvertible {
    var description: String { "HeadWatcher" }
}
