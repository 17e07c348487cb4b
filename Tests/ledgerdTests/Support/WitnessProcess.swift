import Foundation
import Testing

/// A real `ledgerd witness serve` on a free loopback port, in a directory of its own.
final class WitnessProcess {
    let directory: TemporaryDirectory
    let vkey: String
    let process: Process
    let port: Int

    init(name: String, logs: [String]) throws {
        directory = TemporaryDirectory()
        let data = directory.path + "/witness"
        let made = try LedgerdProcess.run(["witness", "init", "--data", data, "--name", name])
        try #require(made.status == 0, "witness init: \(made.stderr)")
        vkey = try #require(made.stdout.split(separator: "\n").last.map(String.init))
        let pipe = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: LedgerdProcess.binary)
        process.arguments = ["witness", "serve", "--data", data, "--port", "0"] + logs.flatMap { ["--log", $0] }
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = LineReader(pipe)
        var port: Int?
        while port == nil, let line = reader.next(timeout: 60) {
            if let range = line.range(of: "serving http://127.0.0.1:") { port = Int(line[range.upperBound...].prefix { $0.isNumber }) }
        }
        guard let port else {
            process.terminate()
            throw HTTPConnection.Failure.timeout("waiting for `ledgerd witness serve`")
        }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)" }

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
