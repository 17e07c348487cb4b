import ArgumentParser
import Foundation
import Ledger

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "The main job: open the ledger (seeding demo data when empty), verify it, and follow it.",
        discussion: """
            On an empty data directory it loads `ledgerd demo --cases N` first. It then verifies \
            the whole chain, prints the head and a few commands to try, and prints every event \
            appended afterwards by any process (as `tail --follow`). Stop it with Ctrl-C.
            """
    )

    @OptionGroup var options: DataOptions

    @Option(help: "Cases in the demo data loaded into an empty ledger.")
    var demoCases: Int = 2000

    @Flag(help: "Exit after verifying instead of following new events.")
    var noFollow = false

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            if try ledger.head().seq == 0 {
                StandardError.write("ledgerd: \(options.path) is empty; loading demo data (\(demoCases) cases)…\n")
                var lines: [String] = []
                DemoWorkload(cases: demoCases, seed: 1).generate { lines.append($0) }
                var iterator = lines.makeIterator()
                let head: ChainHead
                do {
                    head = try ledger.importRequests {
                        guard let line = iterator.next() else { return nil }
                        var text = line
                        return try text.withUTF8 { try AppendRequest.parsing(UnsafeRawBufferPointer($0)) }
                    }
                } catch {
                    throw CLIError(.storage, "demo data was refused (a bug): \(error)")
                }
                StandardError.write("ledgerd: loaded \(head.seq) events\n")
            }
            let report = try ledger.verify()
            let data = options.data.map { " --data \($0)" } ?? ""
            print("""
                ledger \(options.path): \(report.events) events, chain verified
                head seq \(report.events) hash \(report.headHash) recordedAt \(report.headRecordedAt)

                try, in another terminal (same directory):
                  swift run -c release ledgerd history\(data) EH-2023-000001
                  swift run -c release ledgerd export\(data) --from \(max(report.events, 3) - 2) | head -3
                  swift run -c release ledgerd tail\(data) --from \(report.events + 1) --follow
                  swift run -c release ledgerd verify\(data) && swift run -c release ledgerd digest\(data)
                """)
            guard !noFollow else { return }
            print("following new events (Ctrl-C to stop)…")
            try await TailCommand.tail(ledger: ledger, from: report.events + 1, follow: true, interval: 20)
        }
    }
}
