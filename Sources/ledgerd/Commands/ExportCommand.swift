import ArgumentParser
import Ledger

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write recorded events as NDJSON in seq order, exactly as recorded.",
        discussion: "The output re-verifies with `ledgerd verify --file` or scripts/verify_chain.py."
    )

    @OptionGroup var options: DataOptions

    @Option(help: "First seq to export.")
    var from: UInt64 = 1

    @Option(help: "Last seq to export (inclusive).")
    var to: UInt64?

    @Option(help: ArgumentHelp("Only this stream's events (e.g. case-4711).", valueName: "stream"))
    var stream: String?

    func validate() throws {
        if let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
        if let stream, StreamName(parsing: stream) == nil {
            throw ValidationError("--stream \(stream) is not a stream name (case-ID, practitioner-ID, agency-ID, authority-ID)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            let output = Output(fd: 1)
            let last = to ?? .max
            if let stream, let name = StreamName(parsing: stream) {
                try ledger.scan(stream: name) { bytes in
                    // Stream order is seq order; filter to the requested window.
                    let event = try RecordedEvent(decoding: bytes)
                    if event.seq > last { return false }
                    if event.seq >= from { output.line(bytes) }
                    return true
                }
            } else {
                try ledger.scan(from: from, to: last) { _, bytes in
                    output.line(bytes)
                    return true
                }
            }
            output.flush()
        }
    }
}
