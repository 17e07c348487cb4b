import Foundation
import Ledger
import LedgerTestSupport
import Testing

@testable import ledgerd

/// A seeded mutation fuzzer for what the daemon reads from its operator's files and its own
/// stores, outside the `Ledger` library (whose parsers the libFuzzer targets in `Fuzz/`
/// cover): stored token records (a damaged `access.tokens`), witness policies
/// (`--witness-policy`), and principals (`--principal`, `?principal=`). Nothing traps;
/// what is refused is refused with an error; what is accepted is consistent.
///
/// `LEDGERD_FUZZ_SECONDS` (default 1 per parser) and `LEDGERD_FUZZ_SEED` as for
/// `DecoderFuzzTests`; a failure names the seed and the input.
@Suite struct OperatorFilesFuzzTests {
    static var seconds: Double { ProcessInfo.processInfo.environment["LEDGERD_FUZZ_SECONDS"].flatMap(Double.init) ?? 1 }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["LEDGERD_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x70C3_11E5 }

    /// Mutates `corpus` until the time is up, handing each input to `check`, which returns
    /// what went wrong; stops at the first problem. Returns (runs, accepted).
    static func fuzz(
        _ what: String, corpus: [String], tokens: [String], quote: UInt8 = UInt8(ascii: "\""),
        _ check: ([UInt8]) -> (problem: String?, accepted: Bool)
    ) -> (runs: Int, accepted: Int) {
        let inputs = corpus.map { Array($0.utf8) }
        for input in inputs {
            let (problem, accepted) = check(input)
            if let problem { Issue.record("\(what), corpus input: \(problem): \(String(decoding: input, as: UTF8.self))") }
            #expect(accepted, "\(what): a corpus input is refused: \(String(decoding: input, as: UTF8.self))")
        }
        let mutator = ByteMutator(corpus: inputs, tokens: tokens, quote: quote)
        var random = SeededRandom(seed: seed)
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0
        var accepted = 0
        // At least 2,000 however loaded the machine (each is microseconds), at most 500,000.
        while runs < 500_000, runs < 2_000 || Date() < deadline {
            let input = mutator.mutate(inputs[random.below(inputs.count)], random: &random)
            runs += 1
            let (problem, ok) = check(input)
            if let problem {
                Issue.record("\(what), seed \(seed), run \(runs): \(problem): \(String(decoding: input, as: UTF8.self))")
                break
            }
            if ok { accepted += 1 }
        }
        print("OperatorFilesFuzzTests: \(what): \(runs) mutated inputs (seed \(seed)), \(accepted) accepted")
        #expect(runs >= 2_000, "\(what): the fuzzer barely ran")
        return (runs, accepted)
    }

    static let at = Timestamp(microseconds: 1_764_000_000_000_000)

    @Test func storedTokenRecordsNeverTrapAndReadBackAsWritten() throws {
        let records = [
            TokenRecord(id: "tok-0123abcd", name: "sw1's case system", role: .practitioner, principal: .practitioner("sw1"), createdAt: Self.at),
            TokenRecord(
                id: "tok-89abcdef", name: "feed", role: .integration, principal: .system("feed"), streams: ["case-", "practitioner-"],
                types: ["CaseOpened", "ActionAgreed"], createdAt: Self.at, expiresAt: Timestamp(microseconds: 1_800_000_000_000_000),
                revokedAt: Self.at, lastUsedAt: Self.at),
            TokenRecord(id: "tok-00000000", name: "audit", role: .auditor, principal: .authority("la1"), createdAt: Self.at),
            TokenRecord(id: "tok-ffffffff", name: "old", role: .manager, principal: nil, createdAt: Self.at),
        ]
        let corpus = records.map { String(decoding: CanonicalJSON.bytes($0.json), as: UTF8.self) }
        let tokens = [
            "\"\"", "null", "[]", "{}", "\"practitioner:\"", "\"system:\"", "\":\"", "\"writer\"", "\"root\"", "[1]", "[null]",
            "\"2199-12-31T23:59:59.999999Z\"", "\"0000-01-01T00:00:00Z\"", "\"2025-02-29T00:00:00Z\"", "-1", "1e999",
        ]
        let (_, accepted) = Self.fuzz("token records", corpus: corpus, tokens: tokens) { bytes in
            let record: TokenRecord
            do { record = try bytes.withUnsafeBytes { try TokenRecord(decoding: $0) } } catch { return (nil, false) }
            // What reads is what the store would write again.
            let again = CanonicalJSON.bytes(record.json)
            guard (try? again.withUnsafeBytes({ try TokenRecord(decoding: $0) })) == record else {
                return ("an accepted record does not read back from its own JSON", true)
            }
            return (nil, true)
        }
        #expect(accepted > 0, "no mutation stayed a record")
    }

    @Test func witnessPoliciesNeverTrapAndAcceptOnlyWhatTheyCanUse() throws {
        let one = try NoteSigner(name: "witness.example.org/w1", type: .cosignature).verifier.text
        let two = try NoteSigner(name: "w2.example", type: .cosignature).verifier.text
        let log = try NoteSigner(name: "example.org/log", type: .ed25519).verifier.text
        let corpus = [
            "witness \(one) https://witness.example.org\nquorum 1\n",
            "# two witnesses\nwitness \(one) http://127.0.0.1:8080/prefix/\nwitness \(two) https://[::1]:443 # local\nquorum 2\n",
            "witness \(two) https://w2.example/a/b\n",
            "quorum 0\n",
        ]
        let tokens = [
            " ", "#", "\n", "witness ", "quorum ", "-1", "99999999999999999999", "https://", "http://", "tcp://", "?", "/", ":",
            "@", "[", "]", "%00", "+", one, log, "\t", "\r", "\u{FEFF}",
        ]
        let (_, accepted) = Self.fuzz("witness policies", corpus: corpus, tokens: tokens, quote: UInt8(ascii: " ")) { bytes in
            let policy: WitnessPolicy
            do {
                policy = try WitnessPolicy(parsing: String(decoding: bytes, as: UTF8.self), file: "policy")
            } catch let error as CLIError {
                return (error.message.hasPrefix("policy") ? nil : "a refusal that does not name the file: \(error.message)", false)
            } catch {
                return ("a refusal that is not a CLIError: \(error)", false)
            }
            guard policy.quorum >= 0, policy.quorum <= policy.witnesses.count else { return ("quorum \(policy.quorum) of \(policy.witnesses.count)", true) }
            guard Set(policy.witnesses.map(\.verifier.name)).count == policy.witnesses.count else { return ("a witness listed twice", true) }
            for witness in policy.witnesses {
                guard witness.verifier.type == .cosignature else { return ("\(witness.verifier.name) is not a witness key", true) }
                guard let target = WitnessHTTPClient.target(witness.prefix) else { return ("prefix \(witness.prefix) the client cannot reach", true) }
                guard witness.addCheckpointPath.hasPrefix("/"), witness.addCheckpointPath.hasSuffix("/add-checkpoint"), !target.host.isEmpty
                else { return ("prefix \(witness.prefix) gives the request target \(witness.addCheckpointPath)", true) }
            }
            return (nil, true)
        }
        #expect(accepted > 0, "no mutation stayed a policy")
    }

    @Test func principalsNeverTrapAndPrintAsRead() throws {
        let corpus = ["practitioner:sw1", "agency:nm-yot", "authority:la1", "system:case-system"]
        let tokens = [":", "", "system", "practitioner", "\u{0}", "é", String(repeating: "x", count: 300), " ", "%3A"]
        let (_, accepted) = Self.fuzz("principals", corpus: corpus, tokens: tokens, quote: UInt8(ascii: ":")) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard let principal = Principal(parsing: text) else { return (nil, false) }
            guard Principal(parsing: principal.description) == principal else { return ("\(principal) does not read back as itself", true) }
            return (nil, true)
        }
        #expect(accepted > 0)
    }
}
