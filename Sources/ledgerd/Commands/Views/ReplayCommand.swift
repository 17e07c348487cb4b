import ArgumentParser
import Foundation
import Ledger
import Projections

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild every projection from seq 1: progress on a terminal, events/s at the end.",
        discussion: "Safe to interrupt: the projection is committed in chunks with its checkpoint, and any view (or a later replay) carries on from there."
    )

    @OptionGroup var options: DataOptions

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            let showProgress = isatty(2) == 1
            let started = Date()
            let result: Projector.Progress
            do {
                result = try Projector(ledger: ledger).catchUp(rebuild: true, chunk: Projector.rebuildChunk) { progress in
                    guard showProgress, progress.head > 0 else { return }
                    let percent = Double(progress.checkpoint.seq) * 100 / Double(progress.head)
                    StandardError.write("\r\(progress.checkpoint.seq)/\(progress.head) events (\(String(format: "%.0f", percent))%)")
                }
            } catch {
                throw CLIError(.storage, "replay failed: \(error)")
            }
            if showProgress { StandardError.write("\n") }
            let seconds = Date().timeIntervalSince(started)
            let rate = seconds > 0 ? Double(result.applied) / seconds : 0
            try Output.say(
                "replayed \(result.applied) events (seq 1–\(result.checkpoint.seq)) in \(String(format: "%.2f", seconds)) s (\(Int(rate)) ev/s)"
            )
        }
    }
}
