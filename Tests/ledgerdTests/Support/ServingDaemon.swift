import Foundation
import Testing

/// The real `ledgerd serve` on a free loopback port, over a data directory of its own.
final class ServingDaemon {
    let directory: TemporaryDirectory
    let data: String
    let process: Process
    let port: Int
    /// Where the daemon said it listens: `http://127.0.0.1:PORT`, or `https://…` with TLS.
    let url: String
    private let stdout: LineReader

    /// Tokens made before the daemon started, one per role.
    let tokens: [String: String]

    /// Loads `lines` (NDJSON append requests), makes one token per role, and starts serving.
    /// `data` puts the ledger elsewhere (e.g. on a small filesystem a test mounted).
    init(lines: [String], heartbeat: Double = 15, extraArguments: [String] = [], data: String? = nil) throws {
        directory = TemporaryDirectory()
        self.data = data ?? directory.path + "/ledger"
        let data = self.data
        if !lines.isEmpty {
            let file = try directory.write("seed.ndjson", lines)
            let imported = try LedgerdProcess.run(["import", "--data", data, file])
            try #require(imported.status == 0, "seeding failed: \(imported.stderr)")
        }
        var tokens: [String: String] = [:]
        // Each role bound to the test directory's principals (`Requests.directory`); a ledger
        // without them gets only the system-bound tokens.
        for (role, candidates) in Self.principals {
            for principal in candidates {
                let made = try LedgerdProcess.run(["token", "add", "--data", data, "--role", role, "--name", "test \(role)"] + principal)
                if made.status != 0, !principal.contains("--system") { continue }
                try #require(made.status == 0, "token add failed: \(made.stderr)")
                tokens[role] = made.stdout.split(separator: "\n").last.map(String.init)
                break
            }
        }
        self.tokens = tokens

        let pipe = Pipe()
        let log = directory.path + "/serve.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: LedgerdProcess.binary)
        process.arguments =
            ["serve", "--data", data, "--port", "0", "--heartbeat", String(heartbeat), "--log-level", "warning"] + extraArguments
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        stdout = LineReader(pipe)
        var port: Int?
        var url = ""
        while port == nil, let line = stdout.next(timeout: 60) {
            for scheme in ["http", "https"] {
                if let range = line.range(of: "ledgerd: serving \(scheme)://127.0.0.1:") {
                    port = Int(line[range.upperBound...])
                    url = "\(scheme)://127.0.0.1:\(line[range.upperBound...])"
                }
            }
        }
        guard let port else {
            process.terminate()
            throw HTTPConnection.Failure.timeout("waiting for `ledgerd serve` to print its address")
        }
        self.port = port
        self.url = url
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        directory.remove()
    }

    /// The principals each role's test token may be bound to, the first one registered (the
    /// demo's, then `Requests.directory`'s), and what `principal` then says for each role on a
    /// ledger of `Requests.directory`.
    static let principals: [(role: String, candidates: [[String]])] = [
        ("practitioner", [["--practitioner", "sw1"]]),
        ("manager", [["--authority", "northmoor"], ["--agency", "sc"]]),
        ("auditor", [["--authority", "northmoor"], ["--authority", "la1"]]),
        ("integration", [["--system", "test"]]), ("writer", [["--system", "test"]]),
    ]

    static let testPrincipal = [
        "practitioner": "practitioner:sw1", "manager": "agency:sc", "auditor": "authority:la1", "integration": "system:test",
        "writer": "system:test",
    ]

    func token(_ role: String) -> String {
        guard let token = tokens[role] else {
            Issue.record("no \(role) token: the ledger lacks the principal it is bound to")
            return "ldg_missing"
        }
        return token
    }

    /// The data directory's access trail, as `ledgerd access-log --format json` lists it.
    func trail() throws -> [[String: Any]] {
        let listed = try LedgerdProcess.run(["access-log", "--data", data, "--format", "json"])
        try #require(listed.status == 0, "access-log failed: \(listed.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    /// A new connection to the daemon.
    func connect() throws -> HTTPConnection { try HTTPConnection(port: port) }

    /// One request on its own connection.
    func request(_ method: String, _ path: String, role: String? = nil, headers: [(String, String)] = [], body: String? = nil)
        throws -> HTTPReply
    {
        try connect().request(method, path, token: role.map(token), headers: headers, body: body)
    }

    /// Sends SIGTERM and waits up to `timeout` seconds for the exit status.
    func terminate(timeout: Double = 20) -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(5000) }
        return process.isRunning ? nil : process.terminationStatus
    }
}
