import ArgumentParser
import Foundation
import Hummingbird
import Ledger
import Logging

/// `ledgerd witness`: an independent witness of other parties' logs (c2sp.org/tlog-witness).
/// Another council, or the DfE, runs it beside no case data at all: it holds only each log's
/// latest checkpoint it cosigned, and cosigns a new one only if it extends that one.
struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness", abstract: "Run a witness that cosigns logs' checkpoints.", subcommands: [Init.self, Serve.self, Evidence.self])

    static let keyFile = "witness.key"

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: "Create a witness's directory and key; prints its verifier key (0x04) as the last line.")

        @Option(help: ArgumentHelp("The witness's directory (created).", valueName: "dir"))
        var data: String

        @Option(help: "The witness's name (its key's name): no spaces, no +, e.g. witness.dfe.gov.uk.")
        var name: String

        func run() async throws {
            try await reportingErrors {
                if mkdir(data, 0o700) != 0, errno != EEXIST { throw CLIError(.storage, "cannot create \(data): \(String(cString: strerror(errno)))") }
                let path = data + "/" + WitnessCommand.keyFile
                guard try AtomicFile.read(path) == nil else { throw CLIError(.refused, "\(path) already holds a witness key") }
                let signer: NoteSigner
                do { signer = try NoteSigner(name: name, type: .cosignature) } catch { throw CLIError(.invalid, "--name: \(error)") }
                try AtomicFile.write(Array((signer.privateText + "\n").utf8), to: path)
                try Output.say("created the witness \(signer.name) in \(data); its verifier key:")
                try Output.say(signer.verifier.text)
            }
        }
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve", abstract: "Serve POST /add-checkpoint for the logs given.")

        @Option(help: ArgumentHelp("The witness's directory (from `witness init`).", valueName: "dir"))
        var data: String

        @Option(help: ArgumentHelp("A log's verifier key to witness (repeatable).", valueName: "vkey"))
        var log: [String] = []

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port; 0 picks a free one (printed).")
        var port = 8081

        @Option(
            help: ArgumentHelp(
                "Seconds a connection may sit idle (between requests, or sending one too slowly) before it is closed.",
                valueName: "seconds"))
        var idleTimeout = 60.0

        @OptionGroup var tls: TLSOptions

        @OptionGroup var connections: ConnectionOptions

        func validate() throws {
            guard !log.isEmpty else { throw ValidationError("give at least one --log VKEY") }
            guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not 0–65535") }
            guard idleTimeout >= 0.1, idleTimeout <= 86_400 else { throw ValidationError("--idle-timeout is 0.1–86400 seconds") }
        }

        func run() async throws {
            try await reportingErrors {
                let path = data + "/" + WitnessCommand.keyFile
                guard let bytes = try AtomicFile.read(path) else { throw CLIError(.storage, "no witness key at \(path): run `ledgerd witness init`") }
                try LogKeyOptions.requirePrivate(path)
                let signer: NoteSigner
                do { signer = try NoteSigner(parsing: String(decoding: bytes, as: UTF8.self)) } catch { throw CLIError(.invalid, "\(path): \(error)") }
                let logs = try log.map { try VerifyProofCommand.verifier($0, "--log") }
                let store = try WitnessStore(path: data, signer: signer, logs: logs)
                let tls = try self.tls.load()
                let app = try WitnessServer.buildApplication(
                    store: store, host: host, port: port, tls: tls, idleTimeout: .milliseconds(Int64(idleTimeout * 1000)),
                    maximumConnections: try connections.resolved()
                ) { port in
                    let scheme = tls == nil ? "http" : "https"
                    Output.sayOrReport("ledgerd witness: serving \(scheme)://\(host):\(port) for \(logs.map(\.name).joined(separator: ", "))")
                }
                try await app.runService()
            }
        }
    }

    struct Evidence: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evidence",
            abstract: "Print the checkpoints a log signed that the witness refused as inconsistent: evidence of a fork.",
            discussion: """
                One JSON object per line (the log's origin, when, why, the checkpoint the witness held, and the \
                add-checkpoint request it refused), for anyone with the log's verifier key to check both signatures. \
                A count per log goes to stderr. Safe beside a running `witness serve`.
                """)

        @Option(help: ArgumentHelp("The witness's directory.", valueName: "dir"))
        var data: String

        func run() async throws {
            try await reportingErrors {
                let (kept, refused) = try WitnessStore.evidence(at: data)
                for item in kept { try Output.say(String(decoding: item.json, as: UTF8.self)) }
                if refused.isEmpty {
                    StandardError.write("no log has submitted a checkpoint this witness refused as inconsistent\n")
                }
                for (origin, count) in refused.sorted(by: { $0.key < $1.key }) {
                    let shown = kept.filter { $0.origin == origin }.count
                    StandardError.write("\(origin): \(count) inconsistent checkpoint\(count == 1 ? "" : "s") refused, \(shown) kept\n")
                }
            }
        }
    }
}
