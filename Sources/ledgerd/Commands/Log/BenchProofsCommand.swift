import ArgumentParser
import Foundation
import Ledger

struct BenchProofsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-proofs",
        abstract: "Measure proofs in process: inclusion proofs of random events at the log's size, and consistency proofs.",
        discussion: "Prints BENCH lines with the median and p99 microseconds of each, over --runs proofs (seeded).")

    @OptionGroup var options: DataOptions

    @Option(help: "Proofs of each kind to time.")
    var runs: Int = 2001

    @Option(help: "Seed for the events chosen.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...1_000_000).contains(runs) else { throw ValidationError("--runs must be 1–1000000") }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            let size = try ledger.lastSeq()
            guard size >= 2 else { throw CLIError(.refused, "the ledger has \(size) events: too few to prove anything") }
            var state = seed
            func next() -> UInt64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return (state >> 33) % size + 1
            }
            func time(_ body: () throws -> Void) rethrows -> Double {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
            }
            var inclusion: [Double] = []
            var consistency: [Double] = []
            for _ in 0..<runs {
                let seq = next()
                inclusion.append(try time { _ = try ledger.inclusionProof(seq: seq, treeSize: size) })
                let old = next()
                consistency.append(try time { _ = try ledger.consistencyProof(from: old, to: size) })
            }
            func line(_ name: String, _ values: [Double]) -> String {
                let sorted = values.sorted()
                return "BENCH \(name)_us median=\(String(format: "%.1f", sorted[sorted.count / 2])) "
                    + "p99=\(String(format: "%.1f", sorted[min(sorted.count - 1, sorted.count * 99 / 100)])) runs=\(runs) tree_size=\(size)"
            }
            try Output.say(line("inclusion_proof", inclusion))
            try Output.say(line("consistency_proof", consistency))
        }
    }
}
