import Hummingbird
import Ledger

/// The probes, which take no token (for load balancers, supervisors and Kubernetes), and
/// `GET /metrics` (Prometheus text).
enum OperationsRoutes {
    /// `/livez`: 200 while the process answers at all (it reads nothing, so a slow disk never
    /// makes a supervisor restart a daemon that is only busy). `/readyz`: 200 once the
    /// projections have caught up with the log (within `Daemon.readyLag` events), else 503
    /// with problem details saying how far behind they are. `/health`: both in one, for
    /// existing checks: the head and the projections' position.
    static func addProbes(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/livez") { request, _ in
            try request.allowingOnly([])
            return HTTPResponses.json(CompactJSON.bytes(.object(JSONObject([("status", .string("live"))]))))
        }
        router.get("/readyz") { request, _ in
            try request.allowingOnly([])
            let status: ProjectionStatus
            do {
                status = try daemon.projectionStatus()
            } catch {
                throw Problem.notReady("the log or the projections could not be read: \(error)")
            }
            guard status.isReady(tolerance: daemon.readyLag) else {
                throw Problem.notReady(
                    "the projections are at seq \(status.projected) of \(status.head), \(status.lag) events behind "
                        + "(ready within \(daemon.readyLag)); they are catching up",
                    status: status)
            }
            return HTTPResponses.json(CompactJSON.bytes(json(status, "ready")))
        }
        router.get("/health") { request, _ in
            try request.allowingOnly([])
            return HTTPResponses.json(CompactJSON.bytes(json(try daemon.projectionStatus(), "ok")))
        }
    }

    private static func json(_ status: ProjectionStatus, _ word: String) -> JSONValue {
        .object(
            JSONObject([
                ("status", .string(word)), ("headSeq", .number(Double(status.head))),
                ("projectionSeq", .number(Double(status.projected))),
            ]))
    }

    static func addMetrics(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/metrics") { request, _ in
            try request.allowingOnly([])
            // A failed read leaves the projection gauges as last measured; the rest still answers.
            let projection = try? daemon.projectionStatus()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: daemon.metrics.exposition(projection: projection))))
        }
    }
}

extension Problem {
    /// `/readyz`: the projections are behind the log (or could not be read).
    static func notReady(_ detail: String, status: ProjectionStatus? = nil) -> Problem {
        var extensions: [(key: String, value: JSONValue)] = []
        if let status {
            extensions = [
                ("headSeq", .number(Double(status.head))), ("projectionSeq", .number(Double(status.projected))),
                ("lagEvents", .number(Double(status.lag))),
            ]
        }
        return Problem(
            status: .serviceUnavailable, slug: "not-ready", title: "The daemon is not ready", detail: detail,
            extensions: extensions, headers: [.retryAfter: "1"])
    }
}
