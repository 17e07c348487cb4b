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

    @OptionGroup var progress: ProgressOptions

    /// Copies standard input to a temporary file and returns its path. Read and written
    /// through `FileIO`: a failed read or a short write is an error naming which.
    static func spoolStandardInput() throws -> String {
        let path = NSTemporaryDirectory() + "ledgerd-import-" + UUID().uuidString + ".ndjson"
        let out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard out >= 0 else {
            throw CLIError(.storage, "cannot create \(path) to hold standard input: \(String(cString: strerror(errno)))")
        }
        defer { close(out) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        do {
            while true {
                let n = try chunk.withUnsafeMutableBytes { raw in try FileIO.read(STDIN_FILENO, into: raw, "read standard input") }
                if n == 0 { break }
                try chunk.withUnsafeBytes { raw in
                    try FileIO.writeAll(out, UnsafeRawBufferPointer(rebasing: raw[..<n]), "spool standard input to \(path)")
                }
            }
        } catch {
            unlink(path)
            throw CLIError(.storage, "\(error)")
        }
        return path
    }

    func run() async throws {
        try await reportingErrors {
            // A load that fills the map runs again from the first line (see
            // `Ledger.importRequests`), so standard input is first kept in a file it can reread.
            let spool = file == "-" ? try Self.spoolStandardInput() : nil
            defer { spool.map { try? FileManager.default.removeItem(atPath: $0) } }
            let path = spool ?? file
            // The input opens first: a mistyped file creates no ledger.
            var input = try PrefetchingRequestInput(path: path)
            defer { input.cancel() }
            try await options.withLedgerCreatedIfNeeded { ledger in
                try load(path, &input, into: ledger)
            }
        }
    }

    private func load(_ path: String, _ input: inout PrefetchingRequestInput, into ledger: Ledger) throws {
        var attempts = 0
        let before = try ledger.head().seq
        let started = Date()
        // The total is a count of the input's lines, made only if it will be shown.
        let meter = progress.meter("importing", total: progress.showsProgress() ? LineCount.nonBlankLines(path) : nil)
        defer { meter.finish() }
        var applied = 0
        let head: ChainHead
        do {
            head = try ledger.importRequests(patient: {
                attempts += 1
                if attempts > 1 {
                    input.cancel()
                    input = try PrefetchingRequestInput(path: path)
                    applied = 0
                }
                return { [input] idle in try input.next(whileWaiting: idle) }
            }, expectedCount: input.expectedCount) { _ in
                applied += 1
                meter.update(UInt64(applied))
            }
        } catch {
            meter.finish()
            throw CLIError(ExitStatus(error.error), "import refused, ledger unchanged: \(input.describe(error))")
        }
        meter.finish()
        let seconds = Date().timeIntervalSince(started)
        let added = head.seq - before
        try Output.say(
            "imported \(applied) requests: \(added) events appended (seq \(before + 1)–\(head.seq)), \(UInt64(applied) - added) duplicates, in \(String(format: "%.2f", seconds)) s (\(Int(Double(applied) / max(seconds, 1e-9))) ev/s); head \(head.hashHex)"
        )
    }
}
