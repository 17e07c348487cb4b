import CoreMetrics
import Prometheus

/// The daemon's own metrics, exposed at `GET /metrics` in Prometheus' text format.
///
/// They are made from the daemon's own `PrometheusMetricsFactory` rather than the global
/// `MetricsSystem`, so each server (and each test) has its registry.
struct ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// For metrics made later (one per witness).
    let factory: PrometheusMetricsFactory
    /// Events appended durably (any route, any batch).
    let appendedEvents: CoreMetrics.Counter
    /// Append requests refused, by HTTP status (503: the writer's queue was full).
    let refusedAppends: @Sendable (Int) -> CoreMetrics.Counter
    /// Events per append request (one atomic batch).
    let batchSize: CoreMetrics.Recorder
    /// Append requests committed together in one transaction and one fsync.
    let commitGroup: CoreMetrics.Recorder
    /// Time from a group's transaction start to its durable commit (fsync included).
    let commitDuration: CoreMetrics.Timer
    /// Open `GET /events/live` streams.
    let liveSubscribers: CoreMetrics.Meter
    /// Events in the log the projections had not yet applied, when last measured.
    let projectionLag: CoreMetrics.Gauge
    /// Bytes allocated and not yet freed, and physical memory the allocator holds: read from
    /// the allocator when the metrics are scraped.
    let heapAllocated: CoreMetrics.Gauge
    let heapResident: CoreMetrics.Gauge
    /// Log lines the daemon could not write (`LogLineHandler.failedWrites`), when scraped.
    let logWriteFailures: CoreMetrics.Gauge
    /// The tree size of the newest checkpoint the daemon signed.
    let checkpointSize: CoreMetrics.Gauge
    /// Responses recorded in the access trail, and how many were committed together.
    let disclosures: CoreMetrics.Counter
    let accessCommitGroup: CoreMetrics.Recorder

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var configured = PrometheusMetricsFactory(registry: registry)
        configured.defaultValueHistogramBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
        configured.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .seconds(1),
        ]
        let factory = configured
        self.factory = factory
        appendedEvents = CoreMetrics.Counter(label: "ledgerd_appended_events_total", dimensions: [], factory: factory)
        refusedAppends = { status in
            CoreMetrics.Counter(label: "ledgerd_refused_appends_total", dimensions: [("status", String(status))], factory: factory)
        }
        batchSize = CoreMetrics.Recorder(label: "ledgerd_append_batch_events", dimensions: [], aggregate: true, factory: factory)
        commitGroup = CoreMetrics.Recorder(label: "ledgerd_commit_group_requests", dimensions: [], aggregate: true, factory: factory)
        commitDuration = CoreMetrics.Timer(label: "ledgerd_commit_duration_seconds", dimensions: [], factory: factory)
        liveSubscribers = CoreMetrics.Meter(label: "ledgerd_live_subscribers", dimensions: [], factory: factory)
        projectionLag = CoreMetrics.Gauge(label: "ledgerd_projection_lag_events", dimensions: [], factory: factory)
        heapAllocated = CoreMetrics.Gauge(label: "ledgerd_heap_allocated_bytes", dimensions: [], factory: factory)
        heapResident = CoreMetrics.Gauge(label: "ledgerd_heap_resident_bytes", dimensions: [], factory: factory)
        logWriteFailures = CoreMetrics.Gauge(label: "ledgerd_log_write_failures", dimensions: [], factory: factory)
        checkpointSize = CoreMetrics.Gauge(label: "ledgerd_checkpoint_tree_size", dimensions: [], factory: factory)
        disclosures = CoreMetrics.Counter(label: "ledgerd_access_trail_disclosures_total", dimensions: [], factory: factory)
        accessCommitGroup = CoreMetrics.Recorder(
            label: "ledgerd_access_trail_commit_group", dimensions: [], aggregate: true, factory: factory)
    }

    /// The registry's current values in Prometheus' text exposition format.
    func exposition() -> [UInt8] {
        if let heap = Allocator.statistics() {
            heapAllocated.record(heap.allocated)
            heapResident.record(heap.resident)
        }
        logWriteFailures.record(LogLineHandler.failedWrites.load(ordering: .relaxed))
        return registry.emitToBuffer()
    }
}
