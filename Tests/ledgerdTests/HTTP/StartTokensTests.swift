import Foundation
import Testing

/// `ledgerd start`'s demo tokens are secrets: printed only to a person at a terminal. When
/// its output goes anywhere else (a service manager's journal, a log file) they go to a
/// private file in the data directory instead, which the printed commands read, and work.
@Suite struct StartTokensTests {
    @Test func tokensStayOutOfOutputThatIsNotATerminal() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = dir.path + "/ledger"
        let pipe = Pipe()
        let process = try LedgerdProcess.start(["start", "--data", data, "--port", "0", "--demo-cases", "40"], stdout: pipe)
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let reader = LineReader(pipe)
        var lines: [String] = []
        while let line = reader.next(timeout: 120) {
            lines.append(line)
            if line.contains("serving until Ctrl-C") { break }
        }
        let output = lines.joined(separator: "\n")
        #expect(output.contains("serving until Ctrl-C"), "\(output)")
        #expect(!output.contains("ldg_"), "a token was printed where a log keeps it:\n\(output)")
        let file = data + "/start-tokens.env"
        #expect(output.contains(". \(file)"), "\(output)")

        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let assignments = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(assignments.count == 2 && assignments.allSatisfy { $0.contains("=ldg_") }, "\(assignments)")
        // The file's auditor token is this run's, and works.
        let auditor = try #require(assignments.first { $0.hasPrefix("AUDITOR=") }).dropFirst("AUDITOR=".count)
        let port = try #require(output.firstMatch(of: #/serving http://127\.0\.0\.1:(\d+)/#).map { Int($0.1) } ?? nil)
        let connection = try HTTPConnection(port: port)
        defer { connection.close() }
        #expect(try connection.request("GET", "/digest", token: String(auditor)).status == 200)
    }
}
