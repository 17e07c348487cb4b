import Dispatch
import Ledger
import Logging
import Projections
import ServiceLifecycle

/// Keeps the projections (the views' read models) at the log's head while the daemon runs.
///
/// It waits on `LogHead` and catches up as soon as the head passes its checkpoint, so an
/// append by any process shows in the views within a few milliseconds. Catch-up writes LMDB
/// and may take a while after a bulk import, so it runs on its own queue, never on Swift's
/// cooperative pool (two threads on these machines) that serves requests.
///
/// Each catch-up is an LMDB commit with its own fsync. It takes the projections' writer lock,
/// not the log's, but shares the disk with the appends' fsyncs: under a stream of appends,
/// catching up after every one would double the flushes the disk serves. Instead the
/// follower rests `pause` after each catch-up,
/// so everything appended meanwhile is applied in the next one: at most ~1/`pause` projection
/// commits a second, and views still within `pause` plus one catch-up of the log.
struct ProjectionFollower: Service {
    let projector: Projector
    let head: LogHead
    let metrics: ServerMetrics
    let logger: Logger
    /// Rest between catch-ups (see above).
    let pause: Duration
    private let queue = DispatchQueue(label: "ledgerd.projections")

    init(projector: Projector, head: LogHead, metrics: ServerMetrics, logger: Logger, pause: Duration = .milliseconds(10)) {
        self.projector = projector
        self.head = head
        self.metrics = metrics
        self.logger = logger
        self.pause = pause
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var checkpoint: UInt64 = 0
            var failures = LogThrottle()
            while !Task.isCancelled {
                let seen = await head.wait(after: checkpoint)
                guard !Task.isCancelled else { break }
                guard seen > checkpoint else { continue }  // a heartbeat pulse: nothing new
                metrics.projectionLag.set(Int64(clamping: seen - checkpoint))
                checkpoint = await catchUp(failures: &failures) ?? checkpoint
                metrics.projectionSeq.set(Int64(clamping: checkpoint))
                metrics.projectionLag.set(Int64(clamping: max(head.seq, checkpoint) - checkpoint))
                try await Task.sleep(for: pause)
            }
        }
    }

    /// Brings the projections to the log's head; returns the new checkpoint, nil on failure
    /// (the next append retries; logged at most once a minute while it keeps failing, since
    /// under a stream of appends it is retried every `pause`).
    private func catchUp(failures: inout LogThrottle) async -> UInt64? {
        do {
            let seq = try await offload(to: queue) { [projector] in try projector.catchUp().checkpoint.seq }
            failures.reset()
            return seq
        } catch {
            if let times = failures.occurrence() {
                logger.error("catching the projections up failed", metadata: ["error": "\(error)", "times": "\(times)"])
            }
            return nil
        }
    }
}

extension ProjectionFollower: CustomStringConvertible {
    var description: String { "ProjectionFollower" }
}
