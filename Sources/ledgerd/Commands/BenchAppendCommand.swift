import ArgumentParser
import Foundation
import Ledger

struct BenchAppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-append",
        abstract: "Measure durable append throughput with N concurrent appenders (group commit).",
        discussion: """
            Each appender appends single-event batches (a new case each) and waits for each to be \
            durable before the next, as an HTTP client would. Prints one line: \
            BENCH durable_appends_per_s <value> concurrency=<n> events=<n> commits=<n>. \
            Use a scratch --data directory: the events stay in it.
            """
    )

    @OptionGroup var options: DataOptions

    @Option(help: "Concurrent appenders.")
    var concurrency: Int = 1

    @Option(help: "Total events to append.")
    var events: Int = 2000

    func validate() throws {
        guard (1...4096).contains(concurrency) else { throw ValidationError("--concurrency must be 1–4096") }
        guard events >= concurrency else { throw ValidationError("--events must be at least --concurrency") }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger(creating: true)
            let run = UUID().uuidString.prefix(8).lowercased()
            func request(_ type: String, _ stream: String, _ data: String, _ n: Int, actor: String = "system:bench") throws
                -> AppendRequest
            {
                let id = String(format: "%@-0000-4000-8000-%012x", String(run), n)
                return try AppendRequest.decode(
                    #"{"eventId":"\#(id)","stream":"\#(stream)","type":"\#(type)","occurredAt":"2025-03-04T10:15:00Z","actor":"\#(actor)","data":\#(data)}"#)
            }
            let p = "bench-\(run)"
            try ledger.append([
                try request("LocalAuthorityRegistered", "authority-\(p)", #"{"authorityId":"\#(p)","name":"Bench","directorOfChildrensServices":"D"}"#, 1),
                try request(
                    "AgencyRegistered", "agency-\(p)",
                    #"{"agencyId":"\#(p)","name":"Bench","authorityId":"\#(p)","sector":"statutory","service":"social-care"}"#, 2),
                try request(
                    "PractitionerRegistered", "practitioner-\(p)",
                    #"{"practitionerId":"\#(p)","name":"Bench","agencyId":"\#(p)","role":"social-worker","lineManagerId":null}"#, 3),
            ])
            var requests: [AppendRequest] = []
            for i in 0..<events {
                requests.append(
                    try request(
                        "CaseOpened", "case-\(p)-\(i)",
                        #"{"caseId":"\#(p)-\#(i)","childId":"c\#(i)","dateOfBirth":null,"gender":"female","ethnicity":"WBRI","openedOn":"2025-03-04","openedBy":"\#(p)"}"#,
                        10 + i, actor: p))
            }
            let commits = CommitCounter()
            let committer = GroupCommitter(ledger: ledger) { _ in commits.increment() }
            let perAppender = events / concurrency
            let shares = (0..<concurrency).map { a in Array(requests[(a * perAppender)..<((a + 1) * perAppender)]) }
            let started = DispatchTime.now().uptimeNanoseconds
            try await withThrowingTaskGroup(of: Void.self) { group in
                for share in shares {
                    group.addTask {
                        for request in share { _ = try await committer.append([request]) }
                    }
                }
                try await group.waitForAll()
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            committer.shutdown()
            let total = perAppender * concurrency
            try Output.say(
                "BENCH durable_appends_per_s \(Int(Double(total) / seconds)) concurrency=\(concurrency) events=\(total) commits=\(commits.value)"
            )
        }
    }
}

/// Counts commits from the writer thread.
final class CommitCounter: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
