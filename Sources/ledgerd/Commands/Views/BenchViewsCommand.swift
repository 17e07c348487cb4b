import ArgumentParser
import Foundation
import Ledger
import Projections

struct BenchViewsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-views",
        abstract: "Measure view latency in process: the current overdue view (maintained projection) and a past-date one (replay).",
        discussion: """
            Catches the projection up first, then times --runs answers of `overdue` for today (index range scan, \
            items, accountability chains, JSON) and --past-runs answers for --past-date (a replay of the log). \
            Prints BENCH lines with median milliseconds; for today's view also the fastest run (the figure \
            least disturbed by other work on a shared machine, for comparing two builds) and the first (what a \
            one-shot CLI process pays: the accountability chains are walked then, and remembered after).
            """
    )

    @OptionGroup var options: DataOptions

    @Option(help: "Runs of the current view.")
    var runs: Int = 21

    @Option(help: "Runs of the past-date view.")
    var pastRuns: Int = 1

    @Option(help: ArgumentHelp("The past business date to ask about.", valueName: "date"))
    var pastDate: String = "2025-06-30"

    func validate() throws {
        guard runs >= 1, pastRuns >= 0 else { throw ValidationError("--runs must be ≥ 1 and --past-runs ≥ 0") }
        guard CalendarDate(parsing: pastDate) != nil else { throw ValidationError("--past-date must be YYYY-MM-DD") }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            let query = ViewQuery(projector: try Projector(ledger: ledger))
            try query.projector.catchUp(chunk: Projector.rebuildChunk)
            func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
            var renders: [Double] = []
            func time(_ evaluation: Evaluation) throws -> (ms: Double, items: Int, bytes: Int, path: ViewPath) {
                let start = DispatchTime.now().uptimeNanoseconds
                let (view, path) = try query.answer(evaluation) { source in
                    try OverdueActionsView(source: source, on: evaluation.on)
                }
                let answered = DispatchTime.now().uptimeNanoseconds
                let bytes = view.jsonBytes.count
                renders.append(Double(DispatchTime.now().uptimeNanoseconds - answered) / 1e6)
                return (Double(answered - start) / 1e6, view.items.count, bytes, path)
            }
            let today = Evaluation(on: Ledger.systemClock().date)
            var current: [Double] = []
            var last = (ms: 0.0, items: 0, bytes: 0, path: ViewPath.maintained)
            for _ in 0..<runs {
                last = try time(today)
                current.append(last.ms)
            }
            try Output.say(
                "BENCH overdue_current_ms \(String(format: "%.2f", median(current))) items=\(last.items) path=\(last.path.rawValue) runs=\(runs) min=\(String(format: "%.2f", current.min()!)) first=\(String(format: "%.2f", current[0]))"
            )
            try Output.say("BENCH overdue_current_json_ms \(String(format: "%.2f", median(renders))) json_bytes=\(last.bytes)")
            guard pastRuns > 0 else { return }
            var past: [Double] = []
            guard let day = CalendarDate(parsing: pastDate) else { throw ValidationError("--past-date must be YYYY-MM-DD") }
            let then = Evaluation(on: day)
            for _ in 0..<pastRuns {
                last = try time(then)
                past.append(last.ms)
            }
            try Output.say(
                "BENCH overdue_past_ms \(String(format: "%.1f", median(past))) items=\(last.items) date=\(pastDate) path=\(last.path.rawValue) runs=\(pastRuns)"
            )
        }
    }
}
