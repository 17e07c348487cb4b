import ArgumentParser
import Foundation
import Ledger
import Projections

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "The main job: open the ledger (seeding demo data when empty), verify it, keep its projections current, and follow it.",
        discussion: """
            On an empty data directory it loads `ledgerd demo --cases N` first. It then verifies \
            the whole chain, brings the projections (the views' read models) up to date, prints the \
            head and a few commands to try, and prints every event appended afterwards by any process \
            (as `tail --follow`), keeping the projections current as they arrive. Stop it with Ctrl-C.
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
                let head: ChainHead
                do {
                    head = try ledger.importRequests {
                        var iterator = lines.makeIterator()
                        return {
                            guard let line = iterator.next() else { return nil }
                            var text = line
                            return try text.withUTF8 { try AppendRequest.parsing(UnsafeRawBufferPointer($0)) }
                        }
                    }
                } catch {
                    throw CLIError(.storage, "demo data was refused (a bug): \(error)")
                }
                StandardError.write("ledgerd: loaded \(head.seq) events\n")
            }
            let report = try ledger.verify()
            let projector = try Projector(ledger: ledger)
            let started = Date()
            let built = try projector.catchUp()
            StandardError.write(
                "ledgerd: projections current at seq \(built.checkpoint.seq) (\(built.applied) events applied in \(String(format: "%.1f", Date().timeIntervalSince(started))) s)\n")
            let data = options.data.map { " --data \($0)" } ?? ""
            // Examples that show something on this ledger: an overdue action whose line is whole.
            let today = Ledger.systemClock().date
            let example = try ViewQuery(projector: projector).answer(Evaluation(on: today)) { source in
                try OverdueActionsView(source: source, on: today).items.first { $0.accountability.problem == nil }
            }.result
            let caseId = example?.caseId ?? "EH-2023-000001"
            let action = example.map { "\($0.caseId)/\($0.action.actionId)" } ?? "EH-2023-000001/act-1"
            print("""
                ledger \(options.path): \(report.events) events, chain verified
                head seq \(report.events) hash \(report.headHash) recordedAt \(report.headRecordedAt)

                try, in another terminal (same directory):
                  swift run -c release ledgerd history\(data) \(caseId)
                  swift run -c release ledgerd export\(data) --from \(max(report.events, 3) - 2) | head -3
                  swift run -c release ledgerd tail\(data) --from \(report.events + 1) --follow
                  swift run -c release ledgerd verify\(data) && swift run -c release ledgerd digest\(data)
                  swift run -c release ledgerd overdue\(data) --agency nm-yot
                  swift run -c release ledgerd flags\(data) --format json | head -c 600
                  swift run -c release ledgerd case\(data) \(caseId)
                  swift run -c release ledgerd accountability\(data) --action \(action)
                  swift run -c release ledgerd annex-a\(data) --inspection-date 2026-10-01 --format csv | head -5
                  swift run -c release ledgerd overdue\(data) --on 2025-06-30
                """)
            guard !noFollow else { return }
            print("following new events (Ctrl-C to stop)…")
            // Appends from any process reach the views within `interval` milliseconds.
            let keeper = Task.detached {
                while !Task.isCancelled {
                    do {
                        try projector.catchUp()
                    } catch {
                        StandardError.write("ledgerd: projections: \(error)\n")
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
            defer { keeper.cancel() }
            try await TailCommand.tail(ledger: ledger, from: report.events + 1, follow: true, interval: 20)
        }
    }
}
