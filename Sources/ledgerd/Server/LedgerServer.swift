import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Ledger
import Logging
import NIOCore
import Projections
import ServiceLifecycle

/// `ledgerd serve`'s HTTP application: the routes, who may call them, and the services
/// that run beside the server.
enum LedgerServer {
    struct Configuration: Sendable {
        var host = "127.0.0.1"
        var port = 8080
        /// Most client connections held at once (`ConnectionLimit`); see `ConnectionOptions`.
        var maximumConnections = ConnectionOptions.defaultMaximum
        /// Idle live streams send a comment this often.
        var heartbeat: Duration = .seconds(15)
        /// A connection idle this long (no request, or one arriving too slowly) is closed, so
        /// idle keep-alive connections and slow senders cannot hold the server's sockets; one
        /// whose response is still being written (a live stream) is never idle.
        var idleTimeout: Duration = .seconds(60)
        /// How often the log's head is read even without a change notification (see `HeadWatcher`).
        var headPollInterval: Duration = .milliseconds(50)
        /// How often tokens' last uses are written (`token list` shows them to the minute).
        var tokenUseInterval: Duration = .seconds(60)
        /// HTTPS with this certificate and key; plain HTTP when nil (e.g. behind a reverse
        /// proxy that terminates TLS).
        var tls: TLSFiles?
        /// Most bytes that large answers may hold until their clients have read them (see
        /// `ResponseMemory`).
        var maximumResponseBytes = 512 * 1024 * 1024
        /// Most append requests queued behind the commit in flight (`GroupCommitter`'s
        /// `maximumPending`); past it an append is answered 503 with `Retry-After`.
        var maximumQueuedAppends = 4096
        /// Record every response that carries case data (off only for benchmarks' A side).
        var accessTrail = true
        /// The access trail's journal segment size (`AccessJournal.segmentBytes`; small in a test).
        var accessJournalSegmentBytes = AccessJournal.segmentBytes
        /// Most events the projections may be behind the log for `/readyz` to answer 200.
        var readyLag: UInt64 = 1000
        /// The projection follower's rest between catch-ups (see `ProjectionFollower`).
        var projectionPause: Duration = .milliseconds(10)
        /// Most answers about the past replayed at once, and waiting; past them a request that
        /// needs a replay is answered 503 `replays-busy` with `Retry-After` (see `WorkLimit`).
        var replays = Self.replayLimit(maximumRunning: 2)
        /// Likewise for `GET /verify` (seconds of a core on a large ledger, auditors only).
        var verifications = WorkLimit(
            name: "verifications", activity: "verifications of the whole ledger running", maximumRunning: 1, maximumWaiting: 4,
            retryAfterSeconds: 10)

        /// Replays, `maximumRunning` at once and eight times as many waiting.
        static func replayLimit(maximumRunning: Int) -> WorkLimit {
            WorkLimit(
                name: "replays", activity: "answers about the past being replayed", maximumRunning: maximumRunning,
                maximumWaiting: 8 * maximumRunning, retryAfterSeconds: 5)
        }
    }

    /// The routes, each group with the permission its callers' roles must carry: the one place
    /// a route's permission is declared (see `RouteTable`). Every route but the probes
    /// (`/health`, `/livez`, `/readyz`) needs a bearer token.
    static func buildRouter(daemon: Daemon) -> RouteTable {
        var table = RouteTable()
        let router = table.router
        // Outermost, so it sees the status problem details give every error.
        router.add(middleware: HTTPMetricsMiddleware(registry: daemon.metrics.registry))
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: HTTPMethodsMiddleware(served: table.served))

        let tokens = daemon.tokens
        table.add(.anyone, tokens: tokens) { OperationsRoutes.addProbes(to: $0, daemon: daemon) }
        table.add(.requires(.append), tokens: tokens) { AppendRoutes.add(to: $0, daemon: daemon) }
        table.add(.requires(.readEvents), tokens: tokens) { EventRoutes.add(to: $0, daemon: daemon) }
        table.add(.requires(.readEvents), tokens: tokens) { LiveTailRoute.add(to: $0, daemon: daemon) }
        table.add(.requires(.readCases), tokens: tokens) { ViewRoutes.addCases(to: $0, daemon: daemon) }
        table.add(.requires(.readCases), tokens: tokens) { AuditRoutes.addHistory(to: $0, daemon: daemon) }
        table.add(.requires(.readViews), tokens: tokens) { ViewRoutes.add(to: $0, daemon: daemon) }
        table.add(.requires(.audit), tokens: tokens) { AuditRoutes.add(to: $0, daemon: daemon) }
        table.add(.requires(.audit), tokens: tokens) { AuditRoutes.addAuditPack(to: $0, daemon: daemon) }
        table.add(.requires(.readAccessLog), tokens: tokens) { AccessLogRoute.add(to: $0, daemon: daemon) }
        table.add(.requires(.operate), tokens: tokens) { OperationsRoutes.addMetrics(to: $0, daemon: daemon) }
        table.add(.requires(.readTree), tokens: tokens) { LogRoutes.addTree(to: $0, daemon: daemon) }
        table.add(.requires(.readEvents), tokens: tokens) { LogRoutes.addProofs(to: $0, daemon: daemon) }
        table.add(.requires(.readTree), tokens: tokens) { LogRoutes.addHashTiles(to: $0, daemon: daemon) }
        table.add(.requires(.readEvents), tokens: tokens) { LogRoutes.addEntryTiles(to: $0, daemon: daemon) }
        return table
    }

    /// The daemon over `ledger`: a group committer for appends, the head watcher, and the
    /// projection follower, all stopped in order after the server on SIGTERM or SIGINT; and
    /// its routes' table (for the tests that hold the documented role matrix to it).
    static func buildApplication(
        ledger: Ledger, configuration: Configuration, metrics: ServerMetrics, logger: Logger,
        signing: (signer: NoteSigner, record: String)? = nil, witnesses: WitnessPolicy? = nil,
        onRunning: @escaping @Sendable (_ port: Int) -> Void = { _ in }
    ) throws -> (application: some ApplicationProtocol, routes: [RouteTable.Route: RouteTable.Access]) {
        let start = try ledger.lastSeq()
        metrics.headSeq.set(Int64(clamping: start))
        // Appends served here and those `HeadWatcher` sees from other processes alike.
        let head = LogHead(seq: start) { from, to in metrics.logAdvanced(from: from, to: to) }
        let committer = GroupCommitter(ledger: ledger, maximumPending: configuration.maximumQueuedAppends) { commit in
            metrics.commitGroup.record(Int64(commit.batches))
            metrics.commitDuration.recordNanoseconds(Int64(commit.seconds * 1e9))
            if let last = commit.lastSeq { head.advance(to: last) }
        }
        let projector = try Projector(ledger: ledger)
        let recorder = try configuration.accessTrail
            ? AccessRecorder(
                trail: AccessTrail(ledgerPath: ledger.environment.path), segmentBytes: configuration.accessJournalSegmentBytes
            ) { commit in
                metrics.accessCommitGroup.record(Int64(commit.disclosures))
            } : nil
        var daemon = Daemon(
            ledger: ledger, committer: committer, head: head, projector: projector,
            tokens: try TokenStore(ledger: ledger), metrics: metrics, logKey: signing?.signer.verifier,
            witnessKeys: witnesses?.witnesses.map(\.verifier) ?? [], accessRecorder: recorder, replays: configuration.replays,
            verifications: configuration.verifications,
            responses: ResponseMemory(budget: configuration.maximumResponseBytes) { metrics.responseBytesHeld.set(Int64($0)) })
        daemon.readyLag = configuration.readyLag
        var services: [any Service] = [
            TokenUseRecorder(tokens: daemon.tokens, interval: configuration.tokenUseInterval, logger: logger),
            CommitterService(committer: committer),
            HeadWatcher(ledger: ledger, head: daemon.head, interval: configuration.headPollInterval, logger: logger),
            ProjectionFollower(projector: projector, head: daemon.head, metrics: metrics, logger: logger, pause: configuration.projectionPause),
            Heartbeat(head: daemon.head, interval: configuration.heartbeat),
        ]
        // Started second, so stopped second to last: after the server has drained, every
        // response it sent has its entry.
        if let recorder { services.insert(AccessTrailService(recorder: recorder), at: 1) }
        if let signing {
            services.append(
                CheckpointSigner(
                    ledger: ledger, head: daemon.head, signer: signing.signer, record: signing.record, metrics: metrics, logger: logger))
        }
        if let witnesses, !witnesses.witnesses.isEmpty {
            // Made here, before anything listens: a TLS set-up that cannot work stops the start.
            services.append(
                WitnessSubmitter(ledger: ledger, policy: witnesses, client: try witnesses.client(), metrics: metrics, logger: logger))
        }
        let routes = buildRouter(daemon: daemon)
        let responses = daemon.responses
        let http1 = HTTPServerBuilder.http1(
            configuration: .init(
                additionalChannelHandlers: [ResponseBytesCounter(memory: responses)], idleTimeout: TimeAmount(configuration.idleTimeout)))
        let application = Application(
            router: routes.router,
            server: try configuration.tls.map { try .tls(http1, tlsConfiguration: $0.configuration) } ?? http1,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "ledgerd",
                availableConnectionsDelegate: ConnectionLimit(
                    maximum: configuration.maximumConnections, logger: logger,
                    metrics: .init(open: metrics.connections, maximum: metrics.connectionsMaximum, limitReached: metrics.connectionLimitReached))),
            services: services,
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        return (application, routes.access)
    }
}
