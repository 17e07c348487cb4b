import ArgumentParser
import Ledger

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the log's latest signed checkpoint (c2sp.org/tlog-checkpoint), signing one for the current size if needed.",
        discussion: "Refused (exit 5) if the log no longer extends the last checkpoint its key signed.")

    @OptionGroup var data: DataOptions
    @OptionGroup var key: LogKeyOptions

    @Flag(help: "Print the log's verifier key (as the last line) instead.")
    var vkey = false

    func run() async throws {
        try await reportingErrors {
            let ledger = try data.openLedger()
            let (signer, record) = try key.signer(in: data)
            if vkey {
                try Output.say(signer.verifier.text)
                return
            }
            do {
                let output = Output(fd: 1)
                try output.write(try ledger.signCheckpoint(with: signer, record: record).serialized)
                try output.flush()
            } catch let refused as Ledger.SigningRefused {
                throw CLIError(.verification, refused.description)
            }
        }
    }
}
