import ArgumentParser
import Ledger

struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print the head as {seq, hash, recordedAt} for an auditor to keep.",
        discussion: "Later, `ledgerd verify --digest SEQ:HASH` proves the ledger still holds that exact prefix."
    )

    @OptionGroup var options: DataOptions

    func run() async throws {
        try await reportingErrors {
            try Output.say(try options.openLedger().head().digestJSON)
        }
    }
}
