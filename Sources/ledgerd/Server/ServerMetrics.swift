import Prometheus
import Synchronization

/// The daemon's own metrics, exposed at `GET /metrics` in Prometheus' text format.
///
/// Every metric is made here, on the daemon's own registry, with its HELP text and a name
/// that follows Prometheus' conventions (`promtool check metrics` is clean, by test): base
/// units in the name (`_seconds`, `_bytes`, `_events`), `_total` on counters and only there.
/// Nothing goes through the global `MetricsSystem`, so no library can add a metric that
/// breaks them. README's metrics table and `docs/grafana-dashboard.json` name these.
struct ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// Events the log grew by, appended by any process (this daemon, the CLI, another
    /// daemon): counted as the daemon sees the head move (`LogHead`).
    let appendedEvents: Counter
    /// The log's newest seq, as this daemon last saw it.
    let headSeq: Gauge
    /// Events per append request (one atomic batch).
    let batchSize: ValueHistogram
    /// Append requests committed together in one transaction and one fsync.
    let commitGroup: ValueHistogram
    /// Time from a group's transaction start to its durable commit (fsync included).
    let commitDuration: DurationHistogram
    /// Open `GET /events/live` streams.
    let liveSubscribers: Gauge
    /// The projections' checkpoint, and how many events of the log they have not applied.
    let projectionSeq: Gauge
    let projectionLag: Gauge
    /// Bytes allocated and not yet freed, and physical memory the allocator holds: read from
    /// the allocator when the metrics are scraped.
    let heapAllocated: Gauge
    let heapResident: Gauge
    /// Log lines the daemon could not write (`LogLineHandler.failedWrites`), when scraped.
    let logWriteFailures: Counter
    /// The tree size of the newest checkpoint the daemon signed.
    let checkpointSize: Gauge
    /// Responses recorded in the access trail, and how many were committed together.
    let disclosures: Counter
    let accessCommitGroup: ValueHistogram
    /// Open client connections (`ConnectionLimit`), the most allowed, and how often the
    /// limit was reached (each time, new connections waited in the listen queue).
    let connections: Gauge
    let connectionsMaximum: Gauge
    let connectionLimitReached: Counter
    /// Bytes of large answers not yet read by their clients (`ResponseMemory`).
    let responseBytesHeld: Gauge

    /// Why an append request was refused: its problem type's slug (`Problem.slug`). Every
    /// one is made at start, at zero, so a dashboard's rate has a series before the first
    /// refusal; a slug not listed is still counted.
    static let refusalReasons = [
        "invalid-request", "invalid-event", "not-yours", "version-conflict", "refused", "overloaded",
        "insufficient-storage", "storage", "shutting-down",
    ]

    static let refusedAppendsHelp =
        "Append requests refused with nothing appended, by reason (the problem type's slug, e.g. version-conflict, refused, overloaded)."

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let sizes: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
        appendedEvents = registry.makeCounter(
            descriptor: Self.named("ledgerd_appended_events_total", "Events appended to the log by any process, since this daemon started."))
        headSeq = registry.makeGauge(descriptor: Self.named("ledgerd_log_head_seq", "The log's newest seq (its number of events)."))
        batchSize = registry.makeValueHistogram(
            descriptor: Self.named("ledgerd_append_batch_events", "Events per append request (one atomic batch)."), buckets: sizes)
        commitGroup = registry.makeValueHistogram(
            descriptor: Self.named("ledgerd_commit_group_requests", "Append requests committed together in one transaction and one fsync."),
            buckets: sizes)
        commitDuration = registry.makeDurationHistogram(
            descriptor: Self.named(
                "ledgerd_commit_duration_seconds", "Time from a commit group's transaction start to its durable commit, fsync included."),
            buckets: [
                .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .seconds(1),
            ])
        liveSubscribers = registry.makeGauge(descriptor: Self.named("ledgerd_live_subscribers", "Open GET /events/live streams."))
        projectionSeq = registry.makeGauge(
            descriptor: Self.named("ledgerd_projection_checkpoint_seq", "The last seq the projections (the views' read models) have applied."))
        projectionLag = registry.makeGauge(
            descriptor: Self.named(
                "ledgerd_projection_lag_events", "Events in the log the projections have not applied yet (head seq minus checkpoint)."))
        heapAllocated = registry.makeGauge(
            descriptor: Self.named("ledgerd_heap_allocated_bytes", "Bytes the allocator has handed out and not had back."))
        heapResident = registry.makeGauge(descriptor: Self.named("ledgerd_heap_resident_bytes", "Physical memory the allocator holds."))
        logWriteFailures = registry.makeCounter(
            descriptor: Self.named("ledgerd_log_write_failures_total", "Log lines the daemon could not write (a full disk, a closed pipe)."))
        checkpointSize = registry.makeGauge(
            descriptor: Self.named("ledgerd_checkpoint_tree_size", "Events covered by the newest checkpoint this daemon signed."))
        disclosures = registry.makeCounter(
            descriptor: Self.named("ledgerd_access_trail_disclosures_total", "Responses carrying case data recorded in the access trail."))
        accessCommitGroup = registry.makeValueHistogram(
            descriptor: Self.named("ledgerd_access_trail_commit_group_disclosures", "Access trail entries committed together in one transaction."),
            buckets: sizes)
        connections = registry.makeGauge(
            descriptor: Self.named("ledgerd_http_connections", "Open client connections, live streams included."))
        connectionsMaximum = registry.makeGauge(
            descriptor: Self.named("ledgerd_http_connections_max", "Most client connections held at once (serve --max-connections)."))
        connectionLimitReached = registry.makeCounter(
            descriptor: Self.named(
                "ledgerd_http_connection_limit_reached_total",
                "Times the open connections reached the limit; until one closed, new connections waited in the listen queue."))
        responseBytesHeld = registry.makeGauge(
            descriptor: Self.named(
                "ledgerd_http_response_bytes_held", "Bytes of large answers (64 KiB or more) not yet read by their clients."))
        for reason in Self.refusalReasons { _ = refusedAppends(reason) }
    }

    /// A metric's full name and HELP text. The name is given whole (unit and `_total`
    /// included), so it can be searched for; the descriptor's parts are left empty.
    static func named(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    /// The counter of append requests refused for `reason` (a problem slug).
    func refusedAppends(_ reason: String) -> Counter {
        registry.makeCounter(descriptor: Self.named("ledgerd_refused_appends_total", Self.refusedAppendsHelp), labels: [("reason", reason)])
    }

    /// Events of the newest checkpoint that `witness` has not cosigned yet; made only for the
    /// witnesses of the daemon's policy.
    func witnessLag(_ witness: String) -> Gauge {
        registry.makeGauge(
            descriptor: Self.named("ledgerd_witness_lag_events", "Events of the newest signed checkpoint a witness has not cosigned yet."),
            labels: [("witness", witness)])
    }

    /// Counts the log's growth from `old` to `new` seq (`LogHead`'s observer).
    func logAdvanced(from old: UInt64, to new: UInt64) {
        appendedEvents.increment(by: Int64(clamping: new - old))
        headSeq.set(Int64(clamping: new))
    }

    /// Failed log writes already counted: each scrape adds what happened since.
    private let reportedLogWriteFailures = ReportedCount()

    /// The registry's current values in Prometheus' text exposition format, with the values
    /// read at scrape time brought up to date first: the projections' position against the
    /// log's head (nil if it could not be read), the allocator's figures, failed log writes.
    /// (The head gauge itself moves only with `LogHead`, so it never goes back.)
    func exposition(projection: ProjectionStatus?) -> [UInt8] {
        if let projection {
            projectionSeq.set(Int64(clamping: projection.projected))
            projectionLag.set(Int64(clamping: projection.lag))
        }
        if let heap = Allocator.statistics() {
            heapAllocated.set(Int64(heap.allocated))
            heapResident.set(Int64(heap.resident))
        }
        let failed = UInt64(clamping: LogLineHandler.failedWrites.load(ordering: .relaxed))
        logWriteFailures.increment(by: Int64(clamping: reportedLogWriteFailures.advance(to: failed)))
        return registry.emitToBuffer()
    }
}

/// A running total already reported, for turning a process-wide count into a counter's
/// increments.
private final class ReportedCount: Sendable {
    private let reported = Mutex<UInt64>(0)

    /// Records `total` as reported; returns how much it grew since the last call.
    func advance(to total: UInt64) -> UInt64 {
        reported.withLock { reported in
            defer { reported = max(reported, total) }
            return total > reported ? total - reported : 0
        }
    }
}
