import ArgumentParser
import Ledger

struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append NDJSON requests, printing each event's position once it is durable.",
        discussion: """
            Each line is its own append (or, with --batch, all lines are one atomic batch). For each \
            event one JSON line is printed: {"eventId":…,"seq":…,"version":…}, plus "duplicate":true \
            for an identical retry. On a refusal the error goes to stderr and the exit code says \
            why (2 invalid, 3 refused, 4 conflict); lines before it stay appended.
            """
    )

    @OptionGroup var options: DataOptions

    @Flag(help: "Append all lines as one atomic batch.")
    var batch = false

    @Argument(help: ArgumentHelp("NDJSON file of append requests, or - for standard input.", valueName: "file"))
    var file: String

    func run() async throws {
        try await reportingErrors {
            // The input opens first: a mistyped file creates no ledger.
            var input = try RequestInput(path: file)
            try await options.withLedgerCreatedIfNeeded { ledger in try append(&input, to: ledger) }
        }
    }

    private func append(_ input: inout RequestInput, to ledger: Ledger) throws {
        let output = Output(fd: 1)
        if batch {
            var requests: [AppendRequest] = []
            var lines: [Int] = []
            do {
                while let request = try input.next() {
                    requests.append(request)
                    lines.append(input.reader.lineNumber)
                }
            } catch let failure as AppendFailure {
                throw CLIError(ExitStatus(failure.error), "batch refused, nothing appended: \(input.describe(failure))")
            }
            guard !requests.isEmpty else { return }
            do {
                for outcome in try ledger.append(requests) { try output.line(outcome.jsonLine) }
                try output.flush()
            } catch let error as AppendFailure {
                let id = error.eventId.map { " (eventId \($0))" } ?? ""
                throw CLIError(
                    ExitStatus(error.error), "batch refused, nothing appended: line \(lines[error.index])\(id): \(error.error)")
            }
            return
        }
        while true {
            let request: AppendRequest
            do {
                guard let next = try input.next() else { break }
                request = next
                for outcome in try ledger.append([request]) { try output.line(outcome.jsonLine) }
                try output.flush()
            } catch let failure as AppendFailure {
                throw CLIError(ExitStatus(failure.error), input.describe(failure))
            }
        }
    }
}
