import ArgumentParser
import Ledger

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write recorded events as NDJSON in seq order, exactly as recorded.",
        discussion: """
            The output re-verifies with `ledgerd verify --file` or scripts/verify_chain.py. Every \
            event is checked as it is written (its hash over its own bytes, its seq, its link to \
            the one before): a corrupt data file stops the export with exit 5 naming the seq, \
            never a silently altered export. A failed write (a full disk) is exit 1.
            """
    )

    @OptionGroup var options: DataOptions

    @Option(help: "First seq to export.")
    var from: UInt64 = 1

    @Option(help: "Last seq to export (inclusive).")
    var to: UInt64?

    @Option(help: ArgumentHelp("Only this stream's events (e.g. case-4711).", valueName: "stream"))
    var stream: String?

    @OptionGroup var progress: ProgressOptions

    @Flag(name: .customLong("isolated-reader"), help: .hidden)
    var isolatedReader = false

    func validate() throws {
        if let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
        if from == 0 { throw ValidationError("--from counts from 1") }
        if let stream, StreamName(parsing: stream) == nil {
            throw ValidationError("--stream \(stream) is not a stream name (case-ID, practitioner-ID, agency-ID, authority-ID)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            guard isolatedReader else {
                // Read in a child: corruption that faults LMDB is a finding, not a crash.
                try options.requireExistingLedger()
                let status = try IsolatedReader.runReporting(options.path, what: "export failed")
                if status != 0 { throw ExitCode(status) }
                return
            }
            do {
                try export(try options.openLedger())
            } catch let failure as VerificationFailure {
                throw CLIError(.verification, "export stopped, the data file is corrupt: \(failure); the events before it were written")
            } catch let error as LedgerError {
                if case .corrupt = error { throw CLIError(.verification, "export stopped: \(error)") }
                throw CLIError(.storage, "export failed: \(error)")
            }
        }
    }

    private func export(_ ledger: Ledger) throws {
        let output = Output(fd: 1)
        let last = to ?? .max
        // To a file (standard output not a terminal), a terminal's standard error shows how far it is.
        let meter = progress.meter("exporting", besideOutput: true)
        defer { meter.finish() }
        if let stream, let name = StreamName(parsing: stream) {
            // A stream's events are not adjacent in the log: each is checked on its own.
            var check = StoredEventCheck(after: 0, hash: nil)
            var exported: UInt64 = 0
            try ledger.scan(stream: name) { bytes in
                // Stream order is seq order; filter to the requested window.
                let event = try RecordedEvent(decoding: bytes)
                try check.check(key: event.seq, bytes)
                if event.seq > last { return false }
                if event.seq >= from {
                    try output.line(bytes)
                    exported += 1
                    meter.update(exported)
                }
                return true
            }
        } else {
            var check = try startingCheck(ledger)
            let head = try ledger.lastSeq()
            let total = head >= from ? min(head, last) - from + 1 : 0
            try ledger.scan(from: from, to: last) { seq, bytes in
                try check.check(key: seq, bytes)
                try output.line(bytes)
                IsolatedReader.reached(seq)
                meter.update(seq - from + 1, of: total)
                return true
            }
        }
        try output.flush()
    }

    /// A check linked to the event before `from` (its stored hash), or to the chain's start.
    private func startingCheck(_ ledger: Ledger) throws -> StoredEventCheck {
        guard from > 1 else { return StoredEventCheck() }
        // Past the head there is nothing to export, and nothing to link to.
        guard from - 1 <= (try ledger.lastSeq()) else { return StoredEventCheck(after: from - 1, hash: nil) }
        guard let before = try ledger.event(seq: from - 1) else {
            throw VerificationFailure(seq: from - 1, reason: "the event before --from \(from) is missing")
        }
        let event = try before.withUnsafeBytes { try RecordedEvent(decoding: $0) }
        guard let hash = Hex.decodeHash(event.hash) else {
            throw VerificationFailure(seq: from - 1, reason: "the stored hash is not 64 hex digits")
        }
        return StoredEventCheck(after: from - 1, hash: hash)
    }
}
