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

    @OptionGroup var progress: ProgressOptions

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            let meter = progress.meter("replaying")
            defer { meter.finish() }
            let started = Date()
            let result: Projector.Progress
            do {
                result = try Projector(ledger: ledger).catchUp(rebuild: true, chunk: Projector.rebuildChunk) { step in
                    meter.update(step.checkpoint.seq, of: step.head)
                }
            } catch {
                throw CLIError(.storage, "replay failed: \(error)")
            }
            meter.finish()
            let seconds = Date().timeIntervalSince(started)
            let rate = seconds > 0 ? Double(result.applied) / seconds : 0
            try Output.say(
                "replayed \(result.applied) events (seq 1–\(result.checkpoint.seq)) in \(String(format: "%.2f", seconds)) s (\(Int(rate)) ev/s)"
            )
        }
    }
}
