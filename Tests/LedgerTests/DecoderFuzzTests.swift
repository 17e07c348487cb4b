import Foundation
import LedgerTestSupport
import Testing

@testable import Ledger

/// A seeded mutation fuzzer for everything that reads an append request's bytes: the JSON
/// parser, the fast decoder and the general validator. Each run mutates a corpus (every
/// request in `schemas/examples/` and `Tests/FuzzCorpus/*.jsonl`) for a bounded time and
/// checks that nothing traps, that the fast decoder never accepts what the general path
/// refuses, and that what is accepted is within the contract's limits.
///
/// `LEDGERD_FUZZ_SECONDS` (default 5) and `LEDGERD_FUZZ_SEED` set the budget and the seed;
/// a failure prints the seed and the input, so it can be replayed and added to the corpus.
@Suite struct DecoderFuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func corpus() throws -> [[UInt8]] {
        var inputs: [[UInt8]] = []
        for example in try ContractExamplesTests.examples() {
            inputs.append(CompactJSON.bytes(example.request))
        }
        let extra = root.appendingPathComponent("Tests/FuzzCorpus")
        for name in try FileManager.default.contentsOfDirectory(atPath: extra.path).sorted() where name.hasSuffix(".jsonl") {
            let text = try String(contentsOf: extra.appendingPathComponent(name), encoding: .utf8)
            inputs += text.split(separator: "\n").map { Array($0.utf8) }
        }
        return inputs
    }

    /// The shared seeded generator (`LedgerTestSupport`).
    typealias Random = SeededRandom

    /// Values that sit on the edges the rules draw.
    static let tokens = [
        "\"1899-12-31\"", "\"2200-01-01\"", "\"9999-12-31\"", "\"0000-00-00\"", "\"2024-02-29\"", "\"2025-02-29\"",
        "\"2199-12-31T23:59:59.999999999Z\"", "-1", "-0", "1e999", "3586043201437745", "99999999999999999999",
        "null", "true", "[]", "{}", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"system:\"", "\"case-\"",
        String(repeating: "[", count: 40), String(repeating: "x", count: 300),
    ]

    /// The checks on one input, alone and posted to a stream's URL (its own, or `case-c1`);
    /// returns what went wrong, if anything.
    static func check(_ bytes: [UInt8]) -> String? {
        let alone = check(bytes, postedTo: nil)
        if let problem = alone.problem { return problem }
        let stream = alone.stream ?? posted
        if let problem = check(bytes, postedTo: stream).problem { return "posted to \(String(describing: stream)): \(problem)" }
        return nil
    }

    static let posted = StreamName(parsing: "case-c1")

    static func check(_ bytes: [UInt8], postedTo: StreamName?) -> (problem: String?, stream: StreamName?) {
        let direct = bytes.withUnsafeBytes { AppendRequest.decodingDirectly($0, postedTo: postedTo) }
        let general: AppendRequest? = bytes.withUnsafeBytes { raw in
            try? AppendRequest.decodeGenerally(raw, index: 0, postedTo: postedTo)
        }
        // The entry point the CLI and HTTP use: must agree with the general path.
        let decoded = bytes.withUnsafeBytes { try? AppendRequest.decode($0, index: 0, postedTo: postedTo) }
        if (decoded == nil) != (general == nil) { return ("decode and the general path disagree", nil) }
        if let direct {
            guard let general else { return ("the fast decoder accepted what the general path refuses", nil) }
            guard direct.hasSameContent(as: general), direct.template.bytes == general.template.bytes else {
                return ("the fast decoder and the general path read different requests", nil)
            }
        }
        if let general {
            guard general.occurredAt.date.isWithinContractYears else {
                return ("accepted an occurredAt outside the contract's years", nil)
            }
            // What was accepted is stable: its canonical data validates again as the same request.
            let again = try? JSONParser.parse(general.canonicalData)
            guard let again, case .object(let data) = again, data == general.data else {
                return ("the accepted data does not read back from its canonical form", nil)
            }
        }
        return (nil, general?.stream)
    }

    @Test func mutatedRequestsNeverTrapAndThePathsAgree() throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["LEDGERD_FUZZ_SECONDS"].flatMap(Double.init) ?? 5
        let seed = environment["LEDGERD_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x1ED6_E7D5
        let corpus = try Self.corpus()
        try #require(corpus.count > 100, "the corpus is missing")
        let mutator = ByteMutator(corpus: corpus, tokens: Self.tokens)
        var random = Random(seed: seed)
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0
        var accepted = 0
        for input in corpus {
            if let problem = Self.check(input) { Issue.record("corpus input: \(problem): \(String(decoding: input, as: UTF8.self))") }
        }
        while Date() < deadline, runs < 2_000_000 {
            let input = mutator.mutate(corpus[random.below(corpus.count)], random: &random)
            runs += 1
            if let problem = Self.check(input) {
                Issue.record("seed \(seed), run \(runs): \(problem): \(String(decoding: input, as: UTF8.self))")
                break
            }
            if input.withUnsafeBytes({ try? AppendRequest.decode($0, index: 0, postedTo: nil) }) != nil { accepted += 1 }
        }
        print("DecoderFuzzTests: \(runs) mutated inputs in \(seconds) s (seed \(seed)), \(accepted) accepted")
        #expect(runs > 1000, "the fuzzer barely ran")
        #expect(accepted > 0, "no mutation stayed valid: the mutations are too coarse to reach the decoder's depths")
    }
}
