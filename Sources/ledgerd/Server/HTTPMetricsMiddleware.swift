import Dispatch
import HTTPTypes
import Hummingbird
import Prometheus
import Synchronization

/// Counts every request and times it, by method, route and status, as
/// `http_requests_total` and `http_request_duration_seconds` (with HELP text and base units,
/// which Hummingbird's own `MetricsMiddleware` lacks).
///
/// `route` is the matched route's pattern (`/streams/{stream}`), never the path itself, and
/// `NotFound` for a path no route serves (as Hummingbird names it); unusual methods are `other`: whatever a client
/// sends, the number of series stays bounded. A response's status is the one sent, problem
/// details included (an error is never recorded as a 200). The time runs until the body has
/// been written, so a live stream counts for as long as it was open.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry
    /// Each series' counter and histogram, made once: the registry validates names and labels
    /// on every make, which a request should not pay for.
    private let series = SeriesCache()

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    static var requestsHelp: String { "HTTP requests answered, by method, route pattern and status code." }
    static var durationHelp: String { "Time from a request's arrival to its response's last byte, by method and route pattern." }
    static var buckets: [Duration] {
        [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let method = Self.methodLabel(request.method)
        do {
            var response = try await next(request, context)
            let status = response.status.code
            // Recorded once the body is written (or its writing failed), as Hummingbird's own
            // middleware does with its package-internal `withPostWriteClosure`.
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { [self] writer in
                defer { record(method: method, route: context.endpointPath, status: status, since: started) }
                try await body.write(writer)
            }
            return response
        } catch {
            // The error becomes the response (ProblemMiddleware, inside this one, has already
            // made it problem details); its status is the one the client gets.
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(method: method, route: context.endpointPath, status: status, since: started)
            throw error
        }
    }

    private func record(method: String, route: String?, status: Int, since started: UInt64) {
        let key = SeriesCache.Key(method: method, route: route ?? "NotFound", status: status)
        let (requests, duration) = series.metrics(for: key) {
            (
                registry.makeCounter(
                    descriptor: ServerMetrics.named("http_requests_total", Self.requestsHelp),
                    labels: [("method", key.method), ("route", key.route), ("status", String(key.status))]),
                registry.makeDurationHistogram(
                    descriptor: ServerMetrics.named("http_request_duration_seconds", Self.durationHelp),
                    labels: [("method", key.method), ("route", key.route)], buckets: Self.buckets)
            )
        }
        requests.increment()
        duration.recordNanoseconds(Int64(clamping: DispatchTime.now().uptimeNanoseconds &- started))
    }

    /// The method as a label: the standard ones as they are, anything else `other`.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .delete, .patch, .options: method.rawValue
        default: "other"
        }
    }
}

/// The request metrics made so far, by series.
private final class SeriesCache: Sendable {
    struct Key: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private let made = Mutex<[Key: (Counter, DurationHistogram)]>([:])

    /// The metrics of `key`, made by `make` the first time.
    func metrics(for key: Key, make: () -> (Counter, DurationHistogram)) -> (Counter, DurationHistogram) {
        if let known = made.withLock({ $0[key] }) { return known }
        // Made outside the lock (the registry has its own); a race makes the same ones twice,
        // and the registry returns the same instances for the same name and labels.
        let metrics = make()
        made.withLock { $0[key] = metrics }
        return metrics
    }
}
