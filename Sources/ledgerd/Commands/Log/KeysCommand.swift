import ArgumentParser
import Ledger

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "The log's signing key.", subcommands: [Init.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the log's Ed25519 signing key, named by its origin; prints the verifier key as the last line.",
            discussion: "The origin names the log in every checkpoint, for life: a schema-less URL, e.g. ledger.northmoor.gov.uk/early-help.")

        @OptionGroup var data: DataOptions
        @OptionGroup var key: LogKeyOptions

        @Option(help: "The log's origin (its key's name): no spaces, no +.")
        var origin: String = LogKeyOptions.defaultOrigin

        func run() async throws {
            try await reportingErrors {
                if key.signingKey == nil { try data.requireExistingLedger() }
                let signer = try LogKeyOptions.create(at: key.path(in: data), origin: origin)
                try Output.say("created the log key for \(signer.name) at \(key.path(in: data)) (keep it secret); its verifier key:")
                try Output.say(signer.verifier.text)
            }
        }
    }
}
