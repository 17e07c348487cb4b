import ArgumentParser
import Foundation
import Hummingbird
import Ledger
import Logging
import Projections

/// `ledgerd serve`: the daemon over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger over HTTP (or HTTPS): appends, reads, the live event stream, views, verification, metrics.",
        discussion: """
            The API is described in schemas/openapi.yaml. Every route but the probes (/health, /livez, /readyz) needs \
            `Authorization: Bearer <token>` (see `ledgerd token add`). The projections are brought \
            current before serving and kept so as events arrive from any process. SIGTERM or SIGINT \
            stops accepting connections, lets in-flight appends finish and be acknowledged, ends \
            open event streams cleanly, and exits 0. With --tls-cert and --tls-key it serves HTTPS \
            (TLS 1.2 or later); the key file must be private (chmod 600).
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var server: ServerOptions
    @OptionGroup var key: LogKeyOptions

    func run() async throws {
        try await reportingErrors {
            let tls = try server.tls.load()
            let ledger = try data.openLedger()
            try await server.serve(ledger: ledger, signing: try key.signer(in: data), tls: tls)
        }
    }
}

/// The options of a running daemon, shared by `serve` and `start`.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (loopback unless you mean otherwise).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (printed at start).")
    var port = 8080

    @Option(help: ArgumentHelp("Seconds between heartbeats on an idle live stream.", valueName: "seconds"))
    var heartbeat = 15.0

    @Option(
        help: ArgumentHelp(
            "Seconds a connection may sit idle (between requests, or sending one too slowly) before it is closed; a live stream "
                + "being answered is never idle.", valueName: "seconds"))
    var idleTimeout = 60.0

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(
        help: ArgumentHelp(
            "Witnesses to submit checkpoints to: lines `witness <vkey> <URL prefix>` and `quorum <k>`.", valueName: "file"))
    var witnessPolicy: String?

    @Option(
        help: ArgumentHelp(
            "PEM certificates of authorities to trust for https:// witnesses, besides the system's (a private PKI's roots).",
            valueName: "file"))
    var witnessCacert: String?

    @OptionGroup var tls: TLSOptions

    @OptionGroup var connections: ConnectionOptions

    @Option(
        help: ArgumentHelp(
            "Most append requests queued for the writer; past it an append is refused (503, Retry-After) and nothing appended.",
            valueName: "n"))
    var maxQueuedAppends = LedgerServer.Configuration().maximumQueuedAppends

    @Option(
        help: ArgumentHelp(
            "Most answers about the past (?on=, ?knownAt=) replayed at once; 8 times as many wait, and past them such a request is refused (503, Retry-After). Each holds a replay of the log in memory.",
            valueName: "n"))
    var maxReplays = LedgerServer.Configuration().replays.maximumRunning

    @Option(
        help: ArgumentHelp(
            "Most events the projections may be behind the log for GET /readyz to answer 200 (503 beyond).", valueName: "events"))
    var readyLag: UInt64 = LedgerServer.Configuration().readyLag

    @Option(
        help: ArgumentHelp(
            "Most memory, in MiB, that large answers (64 KiB or more) may hold until their clients have read them; past it "
                + "such an answer is refused (503, Retry-After) before anything is recorded or sent.",
            valueName: "MiB"))
    var maxResponseMemory = LedgerServer.Configuration().maximumResponseBytes / (1024 * 1024)

    /// The same in bytes, overriding it. Hidden: a test sets a budget smaller than a MiB.
    @Option(name: .customLong("max-response-bytes"), help: .hidden)
    var maxResponseBytes: Int?

    /// The projection follower's rest between catch-ups, in milliseconds. Hidden: the tests
    /// lengthen it to hold the projections behind the log for a moment.
    @Option(name: .customLong("projection-pause"), help: .hidden)
    var projectionPauseMilliseconds = 10

    /// The access trail's journal segment size. Hidden: the full-disk test makes it small, so
    /// that the preallocated segment runs out within a few hundred reads.
    @Option(name: .customLong("access-journal-segment-bytes"), help: .hidden)
    var accessJournalSegmentBytes = AccessJournal.segmentBytes

    /// For benchmarks only (the A side of the access trail's cost): serves without recording
    /// who read what. Hidden: a deployment must never run without its trail.
    @Flag(name: .customLong("no-access-trail"), help: .private)
    var noAccessTrail = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not 0–65535") }
        guard heartbeat > 0, heartbeat <= 3600 else { throw ValidationError("--heartbeat is 0–3600 seconds") }
        guard idleTimeout >= 0.1, idleTimeout <= 86_400 else { throw ValidationError("--idle-timeout is 0.1–86400 seconds") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a level") }
        guard (1...1_000_000).contains(maxQueuedAppends) else { throw ValidationError("--max-queued-appends is 1–1000000") }
        guard (1...64).contains(maxReplays) else { throw ValidationError("--max-replays is 1–64") }
        guard (1...1_048_576).contains(maxResponseMemory) else { throw ValidationError("--max-response-memory is 1–1048576 MiB") }
        if let maxResponseBytes, maxResponseBytes < 1 { throw ValidationError("--max-response-bytes is at least 1") }
        guard (0...600_000).contains(projectionPauseMilliseconds) else { throw ValidationError("--projection-pause is 0–600000 ms") }
        guard (4096...(1 << 30)).contains(accessJournalSegmentBytes) else {
            throw ValidationError("--access-journal-segment-bytes is 4096–1073741824")
        }
        if witnessCacert != nil, witnessPolicy == nil {
            throw ValidationError("--witness-cacert needs --witness-policy: the witnesses whose certificates it checks")
        }
    }

    /// The witness policy, with `--witness-cacert`'s roots; nil without `--witness-policy`.
    func loadWitnessPolicy() throws -> WitnessPolicy? {
        guard let witnessPolicy else { return nil }
        var policy = try WitnessPolicy(reading: witnessPolicy)
        if let witnessCacert { policy.extraTrustRoots = try TrustedCertificates.read(witnessCacert, option: "--witness-cacert") }
        return policy
    }

    /// Brings the projections current, then serves until SIGTERM or SIGINT.
    func serve(
        ledger: Ledger, signing: (signer: NoteSigner, record: String)?, tls: TLSFiles?,
        banner: @escaping @Sendable (_ url: String) -> Void = { _ in }
    ) async throws {
        Self.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
        var logger = Logger(label: "ledgerd")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        do {
            let started = Date()
            let progress = try Projector(ledger: ledger).catchUp()
            logger.info(
                "projections current",
                metadata: [
                    "seq": "\(progress.checkpoint.seq)", "applied": "\(progress.applied)",
                    "seconds": "\(String(format: "%.2f", Date().timeIntervalSince(started)))",
                    "allocator": "\(Allocator.version)",
                ])
        } catch {
            throw CLIError(.storage, "cannot bring the projections current: \(error)")
        }
        let maximumConnections = try connections.resolved()
        logger.info(
            "connections limited", metadata: ["maximum": "\(maximumConnections)", "openFiles": "\(OpenFileLimit.current()?.soft ?? -1)"])
        let configuration = LedgerServer.Configuration(
            host: host, port: port, maximumConnections: maximumConnections, heartbeat: .milliseconds(Int64(heartbeat * 1000)),
            idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), tls: tls,
            maximumResponseBytes: maxResponseBytes ?? maxResponseMemory * 1024 * 1024,
            maximumQueuedAppends: maxQueuedAppends, accessTrail: !noAccessTrail,
            accessJournalSegmentBytes: accessJournalSegmentBytes, readyLag: readyLag,
            projectionPause: .milliseconds(projectionPauseMilliseconds),
            replays: LedgerServer.Configuration.replayLimit(maximumRunning: maxReplays))
        let (app, _) = try LedgerServer.buildApplication(
            ledger: ledger, configuration: configuration, metrics: Self.metrics, logger: logger, signing: signing,
            witnesses: try loadWitnessPolicy()
        ) { [host] port in
            let url = "\(tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
            // Tests and scripts read this line to learn the port (with --port 0).
            Output.sayOrReport("ledgerd: serving \(url)")
            banner(url)
        }
        try await app.runService()
        logger.info("stopped")
    }

    /// The daemon's metrics. Every one is the daemon's own (`ServerMetrics`), so the global
    /// `MetricsSystem` is left alone: no library adds a metric without HELP text to `/metrics`.
    static let metrics = ServerMetrics()

    /// The process-wide logging backend. It may be bootstrapped once per process, and a
    /// process serves once (`serve` runs until the daemon stops).
    private static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in LogLineHandler(label: label, level: level) }
    }
}
