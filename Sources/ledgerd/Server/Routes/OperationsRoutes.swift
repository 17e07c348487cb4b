import Hummingbird
import Ledger

/// `GET /health` (no token: for load balancers and supervisors) and `GET /metrics`
/// (Prometheus text).
enum OperationsRoutes {
    /// Liveness and readiness in one: the ledger answers a read, and how far the projections are behind.
    static func addHealth(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/health") { request, _ in
            try request.allowingOnly([])
            let head = try daemon.ledger.head()
            let checkpoint = try daemon.projector.checkpoint()
            let json: JSONValue = .object(
                JSONObject([
                    ("status", .string("ok")), ("headSeq", .number(Double(head.seq))),
                    ("projectionSeq", .number(Double(checkpoint.seq))),
                ]))
            return HTTPResponses.json(CompactJSON.bytes(json))
        }
    }

    static func addMetrics(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/metrics") { request, _ in
            try request.allowingOnly([])
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: daemon.metrics.exposition())))
        }
    }
}
