import DemoAuthority
import Foundation
import Hummingbird
import HummingbirdTesting
import Ledger
import Logging
import Projections
import Testing

@testable import ledgerd

/// A ledger in a temporary directory, seeded with append requests, with a token of every role
/// bound to a principal, served in-process by the application `LedgerServer.buildApplication`
/// makes for `ledgerd serve`: in `.router` mode with no socket at all, in `.live` mode on a
/// loopback port of this process. No subprocess.
///
/// One use: `serve` runs the application's services (committer, head watcher, projection
/// follower, access trail…) for the length of its body and stops them after.
final class InProcessLedger: Sendable {
    let directory: String
    /// The data directory: a CLI run on it (`ledgerd access-log --data …`) is another process
    /// beside the daemon, as in production.
    let data: String
    let ledger: Ledger
    let tokens: [Role: String]
    let principals: [Role: Principal]
    /// Every route and who may call it, as the application declared them.
    let routes: [RouteTable.Route: RouteTable.Access]
    let metrics: ServerMetrics
    /// The log key's verifier key (`ledgerd checkpoint --vkey`), when the application signs.
    let verifierKey: String?
    private let application: any ApplicationProtocol

    /// The principals of `Requests.directory()` (authority la1, agency sc, practitioner sw1).
    static let testPrincipals: [Role: Principal] = [
        .practitioner: .practitioner("sw1"), .manager: .agency("sc"), .auditor: .authority("la1"),
        .integration: .system("test"), .writer: .system("test"),
    ]

    /// For a demo authority: management and audit of its whole authority, so the views hold
    /// every case, as the CLI's do.
    static let demoPrincipals: [Role: Principal] = testPrincipals.merging([
        .manager: .authority("northmoor"), .auditor: .authority("northmoor"),
    ]) { $1 }

    /// `ledgerd demo --cases N --seed S`'s lines.
    static func demo(cases: Int, seed: UInt64) -> [String] {
        var lines: [String] = []
        DemoWorkload(cases: cases, seed: seed).generate { lines.append($0) }
        return lines
    }

    /// Imports `lines` (as `ledgerd import` does: recorded by this process's user), makes one
    /// token per role bound to `principals`, brings the projections current (as `serve` does
    /// before it listens) and builds the application. `data` puts the ledger elsewhere (a
    /// small filesystem a test mounted).
    init(
        lines: [String], principals: [Role: Principal] = testPrincipals, configuration: LedgerServer.Configuration = .init(),
        signed: Bool = false, data: String? = nil
    ) throws {
        let directory = NSTemporaryDirectory() + "ledgerd-inprocess-" + UUID().uuidString
        let data = data ?? directory + "/ledger"
        self.directory = directory
        self.data = data
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            let ledger = try Ledger(path: data)
            self.ledger = ledger
            if !lines.isEmpty { try ledger.importRequests(try lines.map(Self.parse)) }
            let store = try TokenStore(ledger: ledger)
            var tokens: [Role: String] = [:]
            // A principal the seed does not register gets no token (a demo authority has no sw1):
            // a test that uses that role then meets a 401.
            for role in Role.allCases {
                guard let principal = principals[role] else { continue }
                do {
                    tokens[role] = try store.add(name: "test \(role)", role: role, principal: principal, now: Ledger.systemClock()).token
                } catch is TokenStore.Refused {
                    continue
                }
            }
            self.tokens = tokens
            self.principals = principals
            try Projector(ledger: ledger).catchUp()
            var logger = Logger(label: "ledgerd-inprocess")
            logger.logLevel = .error
            // As `keys init` makes it: the daemon signs a checkpoint for every tree size.
            let signing: (signer: NoteSigner, record: String)? =
                signed ? (try NoteSigner(name: "example.org/ledger", type: .ed25519), directory + "/log.key.checkpoint") : nil
            verifierKey = signing?.signer.verifier.text
            let metrics = ServerMetrics()
            self.metrics = metrics
            let built = try LedgerServer.buildApplication(
                ledger: ledger, configuration: configuration, metrics: metrics, logger: logger, signing: signing)
            application = built.application
            routes = built.routes
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// One append request line, as the contract reads it.
    static func parse(_ line: String) throws -> AppendRequest {
        try AppendRequest.decode(line)
    }

    /// Runs `body` against the application (its services running), then stops them.
    func serve<T: Sendable>(_ setup: TestingSetup = .router, _ body: @Sendable (LedgerClient) async throws -> T) async throws -> T {
        let tokens = tokens
        return try await application.test(setup) { client in try await body(LedgerClient(client: client, tokens: tokens)) }
    }

    /// The data directory's access trail as `ledgerd access-log --format json` lists it (another
    /// process: this one's recorder holds the trail's environment).
    func trail(_ filters: [String] = []) throws -> [[String: Any]] {
        let listed = try LedgerdProcess.run(["access-log", "--data", data, "--format", "json"] + filters)
        try #require(listed.status == 0, "access-log failed: \(listed.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    /// The id of each role's token.
    func tokenIds() throws -> [Role: String] {
        Dictionary(uniqueKeysWithValues: try TokenStore(ledger: ledger).list().map { ($0.role, $0.id) })
    }
}
