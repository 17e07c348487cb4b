import Foundation
import Testing

/// `serve --max-connections`: at the limit the daemon stops accepting, so a new connection
/// waits in the listen queue until an open one closes; it is never refused or dropped, and
/// the daemon keeps the file descriptors its own files need. The default follows the
/// open-file limit.
@Suite struct ConnectionLimitTests {
    @Test func atTheLimitANewConnectionWaitsUntilOneCloses() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")], extraArguments: ["--max-connections", "3"])
        let held = try (0..<3).map { _ in try daemon.connect() }
        for connection in held { #expect(try connection.request("GET", "/health").status == 200) }

        let waiting = try daemon.connect()  // the kernel completes the handshake; the daemon does not accept it
        try waiting.send("GET", "/cases/c1", headers: [("Authorization", "Bearer \(daemon.token("auditor"))")])
        #expect(throws: HTTPConnection.Failure.self, "answered past the limit") {
            try waiting.readHead(deadline: Date().addingTimeInterval(1.5))
        }

        let metrics = MetricsScrape(try held[0].request("GET", "/metrics", token: daemon.token("integration")).text)
        #expect(metrics.value("ledgerd_http_connections") == 3)
        #expect(metrics.value("ledgerd_http_connections_max") == 3)
        #expect(metrics.value("ledgerd_http_connection_limit_reached_total") == 1)

        held[1].close()
        let answered = try waiting.readResponse(timeout: 20)
        #expect(answered.status == 200, "\(answered.text)")
        #expect(answered.text.contains("\"caseId\":\"c1\""))

        let log = try String(contentsOfFile: daemon.directory.path + "/serve.log", encoding: .utf8)
        #expect(log.contains("connection limit reached"), "\(log)")
        #expect(log.contains("maximum=3"), "\(log)")
    }

    /// A limit the process's open files cannot hold is refused before anything starts, naming
    /// both numbers; without the option the daemon takes what the limit leaves room for.
    @Test func theLimitFollowsTheOpenFileLimit() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = directory.path + "/ledger"
        let tooMany = try LedgerdProcess.shellOutput(
            "sh", ["-c", "ulimit -n 300 && exec \"$0\" serve --data \"$1\" --port 0 --max-connections 100", LedgerdProcess.binary, data])
        #expect(tooMany.status == 64, "\(tooMany.output)")
        #expect(tooMany.output.contains("--max-connections 100 needs 356 open files"), "\(tooMany.output)")
        #expect(tooMany.output.contains("may open at most 300"), "\(tooMany.output)")
        #expect(!FileManager.default.fileExists(atPath: data), "a refused start made the data directory")

        let range = try LedgerdProcess.run(["serve", "--data", data, "--max-connections", "0"])
        #expect(range.status == 64)
        #expect(range.stderr.contains("--max-connections is 1–1000000"), "\(range.stderr)")

        // Soft 300, hard 400: the soft limit is raised to the hard one, leaving room for 144.
        var r = Requests()
        let seeded = try LedgerdProcess.run(["import", "--data", data, try directory.write("seed.ndjson", r.directory())])
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "ulimit -S -n 300 && ulimit -H -n 400 && exec \"$0\" serve --data \"$1\" --port 0 --log-level info",
            LedgerdProcess.binary, data,
        ]
        let stdout = Pipe()
        let log = directory.path + "/serve.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
        let lines = LineReader(stdout)
        var serving = false
        while !serving, let line = lines.next(timeout: 60) { serving = line.contains("ledgerd: serving http://") }
        try #require(serving, "the daemon did not start")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("connections limited maximum=144 openFiles=400"), "\(text)")
    }
}
