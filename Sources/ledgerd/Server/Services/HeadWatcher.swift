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

    /// Looks after a notification: up to 4 reads over ~1.5 ms. Writes that are not commits
    /// (the pages before a commit's meta page; the projections' own commits) use them up harmlessly.
    static let settleAttempts = 4
    static let settleMicroseconds: UInt32 = 500

    private static func watch(ledger: Ledger, head: LogHead, interval: Duration, logger: Logger, stop: Stop) {
        let file = ledger.environment.path + "/data.mdb"
        let notifications = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        if notifications < 0 || inotify_add_watch(notifications, file, UInt32(IN_MODIFY)) < 0 {
            logger.warning("inotify is unavailable; polling the log's head", metadata: ["file": "\(file)", "errno": "\(errno)"])
        }
        defer { if notifications >= 0 { close(notifications) } }
        let timeout = Int32(max(1, interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000))
        var drain = [UInt8](repeating: 0, count: 4096)
        var last = head.seq
        while !stop.isRequested {
            var notified = false
            if notifications >= 0 {
                var descriptor = pollfd(fd: notifications, events: Int16(POLLIN), revents: 0)
                if poll(&descriptor, 1, timeout) > 0 {
                    while read(notifications, &drain, drain.count) > 0 {}  // many writes, one read of the head
                    notified = true
                }
            } else {
                usleep(UInt32(timeout) * 1000)
            }
            // A commit's last file write (its meta page) comes just before the writer publishes
            // the new transaction to readers in shared memory, which no notification reports:
            // after a notification, look again briefly until the head moves.
            for attempt in 0..<(notified ? Self.settleAttempts : 1) {
                if attempt > 0 { usleep(Self.settleMicroseconds) }
                do {
                    let seq = try ledger.head().seq
                    head.advance(to: seq)
                    if seq != last {
                        last = seq
                        break
                    }
                } catch {
                    logger.error("reading the log's head failed", metadata: ["error": "\(error)"])
                    break
                }
            }
        }
    }
}

extension HeadWatcher: CustomStringConvertible {
    var description: String { "HeadWatcher" }
}
