import Foundation
import Testing

/// A real `ledgerd witness serve` on a free loopback port, in a directory of its own; over
/// HTTPS when given a certificate and key.
final class WitnessProcess {
    let directory: TemporaryDirectory
    /// The witness's directory (`--data`).
    let data: String
    let vkey: String
    let process: Process
    let port: Int
    let secure: Bool

    init(name: String, logs: [String], tls: (cert: String, key: String)? = nil, extraArguments: [String] = []) throws {
        secure = tls != nil
        directory = TemporaryDirectory()
        data = directory.path + "/witness"
        let made = try LedgerdProcess.run(["witness", "init", "--data", data, "--name", name])
        try #require(made.status == 0, "witness init: \(made.stderr)")
        vkey = try #require(made.stdout.split(separator: "\n").last.map(String.init))
        let pipe = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: LedgerdProcess.binary)
        process.arguments = ["witness", "serve", "--data", data, "--port", "0"] + logs.flatMap { ["--log", $0] }
            + (tls.map { ["--tls-cert", $0.cert, "--tls-key", $0.key] } ?? []) + extraArguments
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = LineReader(pipe)
        var port: Int?
        while port == nil, let line = reader.next(timeout: 60) {
            if let range = line.range(of: "serving \(secure ? "https" : "http")://127.0.0.1:") { port = Int(line[range.upperBound...].prefix { $0.isNumber }) }
        }
        guard let port else {
            process.terminate()
            throw HTTPConnection.Failure.timeout("waiting for `ledgerd witness serve`")
        }
        self.port = port
    }

    var url: String { "\(secure ? "https" : "http")://127.0.0.1:\(port)" }

    /// Posts to the witness over plain HTTP (not for one serving HTTPS).
    func post(_ body: String) throws -> HTTPReply {
        try HTTPConnection(port: port).request("POST", "/add-checkpoint", body: body)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        directory.remove()
    }
}
