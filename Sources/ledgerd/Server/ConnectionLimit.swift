import HummingbirdCore
import Logging
import Prometheus

/// The most client connections a server holds at once (`--max-connections`). At the limit
/// it stops accepting: new connections wait in the kernel's listen queue (their clients see
/// a slow connect, not a refusal) and are taken as open ones close. Without it, enough
/// connections (idle keep-alives, live streams, a client that never closes) take every file
/// descriptor the process may open, and then the daemon cannot open its own files (a journal
/// segment, a key file being replaced) and `accept` fails silently.
///
/// Hummingbird's `AvailableConnectionsChannelHandler` asks this on the server channel's
/// event loop, so its count needs no lock. It asks before each read of the listening
/// socket, and one read may accept several connections (NIO takes up to four), so a burst
/// can pass the limit by those few; `OpenFileLimit.reserve` leaves room for them. Reaching the limit is logged (at most once a
/// minute, with how often it was reached meanwhile) and counted in the metrics.
struct ConnectionLimit: AvailableConnectionsDelegate {
    /// Connections held at most (at least 1).
    let maximum: Int
    private let logger: Logger
    private let metrics: Reporting?
    private var open = 0
    private var atLimit = false
    private var warnings = LogThrottle()

    /// The gauges and counter a server reports its connections to.
    struct Reporting: Sendable {
        var open: Gauge
        var maximum: Gauge
        var limitReached: Counter
    }

    /// A limit of `maximum` connections (clamped to at least one), reported to `metrics`.
    init(maximum: Int, logger: Logger, metrics: Reporting? = nil) {
        assert(maximum >= 1, "a server that may hold no connection serves nobody")
        self.maximum = max(1, maximum)
        self.logger = logger
        self.metrics = metrics
        metrics?.maximum.set(Int64(self.maximum))
        metrics?.open.set(Int64(0))
    }

    mutating func connectionOpened() {
        open += 1
        metrics?.open.set(Int64(open))
        if open >= maximum, !atLimit {
            atLimit = true
            limitReached()
        }
    }

    mutating func connectionClosed() {
        assert(open > 0, "a connection closed that was never counted open")
        open = max(0, open - 1)
        metrics?.open.set(Int64(open))
        if open < maximum { atLimit = false }
    }

    func isAcceptingNewConnections() -> Bool { open < maximum }

    /// Counts the limit reached, and says so unless it was said in the last minute.
    private mutating func limitReached() {
        metrics?.limitReached.increment()
        guard let times = warnings.occurrence() else { return }
        logger.warning(
            "connection limit reached: new connections wait in the listen queue until one closes",
            metadata: [
                "maximum": "\(maximum)", "timesReached": "\(times)",
                "hint": "raise --max-connections (and the open-file limit, ulimit -n) if clients should not wait",
            ])
    }
}
