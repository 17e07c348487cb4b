import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Ledger
import Logging
import NIOCore

/// The witness's HTTP face: `POST /add-checkpoint`, answered exactly as c2sp.org/tlog-witness
/// says (VERIFIABLE_LOG.md §5).
enum WitnessServer {
    /// The most a request body may be: 63 proof lines and a checkpoint with cosignatures.
    static let maximumBody = 64 << 10

    static func buildRouter(store: WitnessStore) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/add-checkpoint") { request, _ -> Response in
            let body = try await request.body.collect(upTo: maximumBody)
            let text = String(buffer: body)
            // The check-and-store is a durable LMDB commit: off the cooperative pool.
            let answer = try await offload { try store.add(text) }
            switch answer {
            case .cosigned(let lines):
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: lines)))
            case .conflict(let size):
                return Response(status: .conflict, headers: [.contentType: "text/x.tlog.size"], body: .init(byteBuffer: ByteBuffer(string: "\(size)\n")))
            case .refused(let status, let reason):
                return Response(
                    status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: reason + "\n")))
            }
        }
        return router
    }

    /// The witness's server: HTTPS with `tls`, plain HTTP without (behind a proxy that
    /// terminates TLS, or on a trusted network). It answers anyone, so a connection idle for
    /// `idleTimeout` (no request, or one arriving too slowly) is closed: idle or slow clients
    /// cannot hold its sockets, and at most `maximumConnections` are held at once (see
    /// `ConnectionLimit`). Logs keep their connections alive between checkpoints and reconnect
    /// when one was closed.
    static func buildApplication(
        store: WitnessStore, host: String, port: Int, tls: TLSFiles? = nil, idleTimeout: Duration = .seconds(60),
        maximumConnections: Int = ConnectionOptions.defaultMaximum, onRunning: @escaping @Sendable (Int) -> Void
    ) throws -> some ApplicationProtocol {
        var logger = Logger(label: "ledgerd-witness")
        logger.logLevel = .warning
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: TimeAmount(idleTimeout)))
        return Application(
            router: buildRouter(store: store),
            server: try tls.map { try .tls(http1, tlsConfiguration: $0.configuration) } ?? http1,
            configuration: .init(
                address: .hostname(host, port: port), serverName: "ledgerd-witness",
                availableConnectionsDelegate: ConnectionLimit(maximum: maximumConnections, logger: logger)),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }
}
