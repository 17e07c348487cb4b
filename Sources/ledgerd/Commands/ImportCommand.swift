import ArgumentParser
import Foundation
import Ledger

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bulk-load NDJSON append requests in one transaction: all or nothing.",
        discussion: """
            Every line is validated exactly as an append is. On the first refused line the load \
            stops, reports its line number, eventId, field and reason, and the ledger is unchanged.
            """
    )

    @OptionGroup var options: DataOptions

    @Argument(help: ArgumentHelp("NDJSON file of append requests, or - for standard input.", valueName: "file"))
    var file: String

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            let input = try PrefetchingRequestInput(path: file)
            defer { input.cancel() }
            let before = try ledger.head().seq
            let started = Date()
            let showProgress = StandardError.isTerminal
            var applied = 0
            let head: ChainHead
            do {
                head = try ledger.importRequests({ try input.next() }, expectedCount: input.expectedCount) { _ in
                    applied += 1
                    if showProgress, applied & 0xFFFF == 0 {
                        let rate = Double(applied) / max(Date().timeIntervalSince(started), 1e-9)
                        StandardError.write("\rimported \(applied) events (\(Int(rate)) ev/s)…")
                    }
                }
            } catch let error as AppendFailure {
                if showProgress { StandardError.write("\n") }
                throw CLIError(ExitStatus(error.error), "import refused, ledger unchanged: \(input.describe(error))")
            }
            if showProgress { StandardError.write("\r") }
            let seconds = Date().timeIntervalSince(started)
            let added = head.seq - before
            print(
                "imported \(applied) requests: \(added) events appended (seq \(before + 1)–\(head.seq)), \(UInt64(applied) - added) duplicates, in \(String(format: "%.2f", seconds)) s (\(Int(Double(applied) / max(seconds, 1e-9))) ev/s); head \(head.hashHex)"
            )
        }
    }
}
