import Foundation
import HTTPTypes
import Hummingbird
import LedgerTestSupport
import Testing

@testable import ledgerd

/// A seeded fuzzer over whole requests, served in-process: every route's example
/// (`RouteExamples`) with its path, query, method, token, headers and body mutated. Whatever
/// arrives, the daemon answers: never a 500 (an error nobody planned for), every refusal an
/// RFC 9457 problem whose `status` is the response's, every 503 with `Retry-After`; and the
/// ledger verifies afterwards. `schemathesis` (RELIABILITY.md) does this from the OpenAPI
/// document outside CI; this runs in every `swift test`.
///
/// `LEDGERD_FUZZ_SECONDS` (default 3) and `LEDGERD_FUZZ_SEED`; a failure names the seed, the
/// run and the request.
@Suite struct RequestFuzzTests {
    /// The query parameters the routes read, and values on the edges they draw.
    static let names = [
        "from", "limit", "on", "seq", "to", "format", "agency", "case", "principal", "since", "until", "knownAt",
        "inspectionDate", "type", "stream", "flag", "treeSize", "digest", "practitioner",
    ]
    static let values = [
        "", "0", "1", "-1", "4", "18446744073709551615", "18446744073709551616", "99999999999999999999", "9223372036854775808",
        "1e3", "0x10", "+1", " 1", "2025-02-29", "2024-02-29", "1899-12-31", "9999-12-31", "2026-01-31T00:00:00Z",
        "2199-12-31T23:59:59.999999999Z", "csv", "json", "ndjson", "CaseOpened", "case-", "case-c1", "c1", "sw1", "sc", "la1",
        "practitioner:sw1", "system:", ":", "%00", "%ZZ", "%C3%A9", "%FF%FE", "..", "../..", "a%2Fb", "review-overdue",
        String(repeating: "9", count: 400), String(repeating: "x", count: 5000),
    ]
    static let methods: [HTTPRequest.Method] = [.get, .get, .get, .get, .post, .head, .put, .delete, .options, .patch]

    struct Sent: CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var role: Role?
        var token: String?
        var headers: [(String, String)]
        var body: String?
        var description: String {
            "\(method) \(path.prefix(300)) as \(role.map(\.rawValue) ?? token ?? "nobody") headers \(headers.map { "\($0.0): \($0.1.prefix(80))" }) body \(body?.prefix(300) ?? "none")"
        }
    }

    /// One request near an example: its target edited a few times, sometimes its method,
    /// token, headers or body too.
    static func request(_ random: inout SeededRandom, bodies: ByteMutator) -> Sent {
        let examples = RouteExamples.all.values.sorted { $0.path < $1.path }
        // The live stream never ends; its route is reached only with a type it refuses.
        let example = examples[random.below(examples.count)]
        var path = example.path
        for _ in 0...random.below(3) { path = mutate(path, &random) }
        let method = random.below(3) == 0 ? methods[random.below(methods.count)] : (example.body == nil ? .get : .post)
        var role: Role?
        var token: String?
        switch random.below(8) {
        case 0: role = nil
        case 1: token = ["ldg_nope", "", "ldg_" + String(repeating: "0", count: 40), "\u{1}", String(repeating: "a", count: 9000)][random.below(5)]
        default: role = Role.allCases[random.below(Role.allCases.count)]
        }
        var headers: [(String, String)] = []
        if random.below(4) == 0 {
            let edge = values[random.below(values.count)]
            headers.append(
                [("Last-Event-ID", edge), ("Accept", ["text/csv", "*/*", "application/json;q=0", edge][random.below(4)]),
                 ("If-None-Match", edge), ("Authorization", ["Basic eDp5", "Bearer", "bearer ldg_x", edge][random.below(4)])][random.below(4)])
        }
        var body = example.body?()
        if let given = body, random.below(2) == 0 { body = String(decoding: bodies.mutate(Array(given.utf8), random: &random), as: UTF8.self) }
        if method == .post, body == nil { body = ["{}", "[]", "", "null", "[{}]"][random.below(5)] }
        return Sent(method: method, path: path, role: role, token: token, headers: headers, body: method == .get || method == .head ? nil : body)
    }

    /// One edit of a request target: a segment, a query value or name, or a character.
    static func mutate(_ target: String, _ random: inout SeededRandom) -> String {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var segments = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var query = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
        let edge = values[random.below(values.count)]
        switch random.below(8) {
        case 0 where segments.count > 1:  // a path segment replaced
            segments[1 + random.below(segments.count - 1)] = edge
        case 1:  // a segment added
            segments.append(edge)
        case 2 where !query.isEmpty:  // a parameter's value replaced
            let i = random.below(query.count)
            query[i] = query[i].split(separator: "=", maxSplits: 1).first.map { "\($0)=\(edge)" } ?? edge
        case 3:  // a parameter added (possibly a repeat)
            query.append("\(names[random.below(names.count)])=\(edge)")
        case 4 where !query.isEmpty:  // a parameter dropped
            query.remove(at: random.below(query.count))
        case 5 where !query.isEmpty:  // a parameter repeated
            query.append(query[random.below(query.count)])
        case 6:  // a character flipped
            var scalars = Array(target.unicodeScalars)
            guard !scalars.isEmpty else { break }
            let i = random.below(scalars.count)
            scalars[i] = Unicode.Scalar(UInt8(truncatingIfNeeded: scalars[i].value ^ UInt32(1 << random.below(7))))
            return String(String.UnicodeScalarView(scalars))
        default:  // a parameter with no value, or a bare name
            query.append(random.below(2) == 0 ? names[random.below(names.count)] : "\(names[random.below(names.count)])=")
        }
        let path = segments.joined(separator: "/")
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// What is wrong with `reply` to `sent`, if anything.
    static func problem(_ reply: HTTPReply, _ sent: Sent) -> String? {
        guard (100..<600).contains(reply.status), reply.status != 500 else { return "answered \(reply.status): \(reply.text.prefix(300))" }
        if reply.status == 503, reply.headers["retry-after"] == nil { return "a 503 without Retry-After" }
        guard reply.status >= 400, sent.method != .head else { return nil }
        guard reply.contentType == "application/problem+json" else { return "a \(reply.status) as \(reply.contentType): \(reply.text.prefix(300))" }
        guard let object = (try? reply.json()) as? [String: Any], object["status"] as? Int == reply.status,
            (object["type"] as? String)?.hasPrefix("urn:ledgerd:problem:") == true, object["title"] is String, object["detail"] is String
        else { return "a \(reply.status) whose problem is malformed: \(reply.text.prefix(300))" }
        return nil
    }

    static func isLiveStream(_ path: String) -> Bool {
        // Reached with anything but a refused type, it streams until the client goes.
        path.split(separator: "?").first.map { $0.contains("live") } ?? false
    }

    @Test func noRequestIsAnsweredWithA500OrAnythingButAProblem() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["LEDGERD_FUZZ_SECONDS"].flatMap(Double.init) ?? 3
        let seed = environment["LEDGERD_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x4E0_F022
        let ledger = try InProcessLedger(lines: RouteExamples.seed, signed: true)
        let bodies = ByteMutator(
            corpus: RouteExamples.all.values.compactMap { $0.body?() }.map { Array($0.utf8) },
            tokens: ["\"\"", "null", "[]", "{}", "-1", "1e999", "\"case-c1\"", "\"sw1\"", "\"2025-02-29\"", String(repeating: "[", count: 40)])
        let outcome = try await ledger.serve { api in
            try await RoleMatrixTests.awaitCheckpoint(api)
            let deadline = Date().addingTimeInterval(seconds)
            // Bounded by count too, so a fast machine does not spend more than it was given; and
            // never fewer than `minimum` each, so a machine whose other suites starve this one
            // (the full suite's load) still sends enough to mean something.
            let cap = max(1_000, Int(seconds * 2_000))
            let minimum = 100
            // A few clients at once, each its own sequence, as a daemon meets them.
            return try await withThrowingTaskGroup(of: (runs: Int, statuses: Set<Int>, failure: String?).self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var random = SeededRandom(seed: seed &+ UInt64(worker))
                        var runs = 0
                        var statuses: Set<Int> = []
                        while runs < cap, runs < minimum || Date() < deadline {
                            let sent = Self.request(&random, bodies: bodies)
                            if Self.isLiveStream(sent.path) { continue }
                            runs += 1
                            let reply: HTTPReply
                            do {
                                reply = try await api.request(sent.method, sent.path, as: sent.role, token: sent.token, headers: sent.headers, body: sent.body)
                            } catch is LedgerClient.BadHeader {
                                continue
                            }
                            statuses.insert(reply.status)
                            if let problem = Self.problem(reply, sent) {
                                return (runs, statuses, "seed \(seed) worker \(worker) run \(runs): \(problem)\n  request: \(sent)")
                            }
                        }
                        return (runs, statuses, nil)
                    }
                }
                var total = (runs: 0, statuses: Set<Int>(), failures: [String]())
                for try await result in group {
                    total.runs += result.runs
                    total.statuses.formUnion(result.statuses)
                    if let failure = result.failure { total.failures.append(failure) }
                }
                return total
            }
        }
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
        print("RequestFuzzTests: \(outcome.runs) requests (seed \(seed)), statuses \(outcome.statuses.sorted())")
        #expect(outcome.runs >= 400 || !outcome.failures.isEmpty, "the fuzzer barely ran: \(outcome.runs)")
        // Mutations near the examples reach past the first checks: answers and refusals both.
        #expect(outcome.statuses.contains(200) && outcome.statuses.contains(400) && outcome.statuses.contains(404), "\(outcome.statuses.sorted())")
        // Whatever was appended on the way, the ledger is whole.
        let verified = try LedgerdProcess.run(["verify", "--data", ledger.data])
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
