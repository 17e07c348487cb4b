import ArgumentParser
import Ledger

struct ReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Write one stream's recorded events as NDJSON in version order."
    )

    @OptionGroup var options: DataOptions

    @Argument(help: ArgumentHelp("Stream name, e.g. case-4711 or practitioner-p17.", valueName: "stream"))
    var stream: String

    func validate() throws {
        guard StreamName(parsing: stream) != nil else {
            throw ValidationError("\(stream) is not a stream name (case-ID, practitioner-ID, agency-ID, authority-ID)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            guard let name = StreamName(parsing: stream) else { throw CLIError(.invalid, "\(stream) is not a stream name") }
            guard try ledger.version(of: name) >= 0 else { throw CLIError(.refused, "\(stream) has no events") }
            let output = Output(fd: 1)
            try ledger.scan(stream: name) { bytes in
                try output.line(bytes)
                return true
            }
            try output.flush()
        }
    }
}
