import Foundation
import Ledger
import LedgerTestSupport
import Synchronization
import Testing

@testable import ledgerd

/// `POST /streams/{stream}` when the writer's queue is full: 503 with `Retry-After` and an
/// `overloaded` problem, nothing appended, and appends taken again once it drains.
///
/// The queue is one request (`maximumQueuedAppends` 1), and the test holds the environment's
/// LMDB write lock on a thread of its own: the committer's thread takes the first request and
/// waits on the lock, the second waits in the queue, and the rest find it full.
@Suite struct OverloadTests {
    /// The replies, by request, as they arrive.
    final class Answers: Sendable {
        let replies = Mutex<[Int: HTTPReply]>([:])
    }

    @Test func aFullQueueIsA503WithRetryAfterAndNothingAppended() async throws {
        var r = Requests()
        var configuration = LedgerServer.Configuration()
        configuration.maximumQueuedAppends = 1
        let ledger = try InProcessLedger(lines: r.directory(), configuration: configuration)
        let bodies = (0..<6).map { r.caseOpened("o\($0)") }
        let exchanges = ExchangeRecorder()
        try await ledger.serve { api in
            let before = try await api.object("/digest", as: .auditor)["seq"] as? Int
            let hold = try WriterHold(ledger.ledger.environment)
            let answered = Answers()
            var sent: [Task<Void, any Error>] = []
            for (i, body) in bodies.enumerated() {
                sent.append(Task {
                    let reply = try await api.post("/streams/case-o\(i)", as: .practitioner, body: body)
                    answered.replies.withLock { $0[i] = reply }
                })
                try await Task.sleep(for: .milliseconds(100))  // in order: the first reaches the writer before the second arrives
            }
            // Nothing can be committed while the lock is held: every reply so far is a refusal.
            try await Task.sleep(for: .milliseconds(300))
            let early = answered.replies.withLock { $0 }
            #expect(!early.isEmpty, "no append was refused while the queue was full")
            for answer in early.values {
                #expect(answer.status == 503 && answer.headers["retry-after"] == "1", "\(answer.text)")
                let problem = try ProblemDetails.of(answer)
                #expect(problem.slug == "overloaded" && problem.detail.contains("nothing was appended"), "\(problem.object)")
            }

            hold.release()
            for task in sent { try await task.value }
            let replies = answered.replies.withLock { $0 }
            var appended = 0
            for (i, answer) in replies.sorted(by: { $0.key < $1.key }) {
                #expect(answer.status == 201 || answer.status == 503, "\(answer.text)")
                if answer.status == 201 { appended += 1 }
                exchanges.record("POST", "/streams/case-o\(i)", answer)
            }
            let refused = replies.count - appended
            #expect(refused >= 1 && appended >= 1 && replies.count == 6, "\(appended) appended, \(refused) refused")
            let after = try await api.object("/digest", as: .auditor)["seq"] as? Int
            #expect(after == before.map { $0 + appended }, "only the taken appends are in the log")

            // Drained, the refused ones are taken as they were.
            let retried = try await api.post("/streams/case-o5", as: .practitioner, body: bodies[5])
            #expect(retried.status == 201 || retried.status == 200, "\(retried.text)")
            let metrics = try await api.get("/metrics", as: .integration).text
            #expect(metrics.contains(#"ledgerd_refused_appends_total{reason="overloaded"} \#(refused)"#), "\(metrics)")
        }
        // The 503 is as schemas/openapi.yaml documents it.
        let validation = try exchanges.validate(allOperations: false, in: ledger.directory)
        #expect(validation.status == 0, "the 503 breaks schemas/openapi.yaml:\n\(validation.report)")
    }

    /// Long work asked by requests (a replay for an answer about the past, a verification of
    /// the whole ledger) past its `WorkLimit` is a 503 `<name>-busy` with `Retry-After`, while
    /// other requests go on; once the work in progress ends, the same request is answered.
    @Test(arguments: [
        ("replays", "/views/overdue?on=2020-01-01", Role.manager, "answers about the past"),  // before the seed: a replay
        ("verifications", "/verify", Role.auditor, "verifications of the whole ledger"),
    ])
    func tooMuchLongWorkAtOnceIsA503AndTheRestIsStillAnswered(name: String, path: String, role: Role, activity: String) async throws {
        var r = Requests()
        var configuration = LedgerServer.Configuration()
        let limit = WorkLimit(name: name, activity: activity, maximumRunning: 1, maximumWaiting: 0, retryAfterSeconds: 7)
        if name == "replays" { configuration.replays = limit } else { configuration.verifications = limit }
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1"), r.overdueAction("c1", "a1")], configuration: configuration)
        let exchanges = ExchangeRecorder()
        try await ledger.serve { api in
            // Work in progress, held by the test on a thread of its own.
            let started = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            Thread {
                _ = try? limit.run {
                    started.signal()
                    release.wait()
                }
            }.start()
            started.wait()
            defer { release.signal() }
            let busy = try await api.get(path, as: role)
            #expect(busy.status == 503 && busy.headers["retry-after"] == "7", "\(busy.status) \(busy.text)")
            let problem = try ProblemDetails.of(busy)
            #expect(problem.slug == "\(name)-busy" && problem.detail.contains("1 \(activity)"), "\(problem.object)")
            exchanges.record("GET", path, busy)
            let today = try await api.get("/views/overdue", as: .manager)
            #expect(today.status == 200, "an answer about today is not held up: \(today.text)")
            release.signal()
            // The slot is free once the held work ends.
            let deadline = Date().addingTimeInterval(10)
            while limit.load.running > 0, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
            let answered = try await api.get(path, as: role)
            #expect(answered.status == 200, "\(answered.text)")
            #expect(limit.load == (0, 0) ? true : false, "\(limit.load)")
        }
        let validation = try exchanges.validate(allOperations: false, in: ledger.directory)
        #expect(validation.status == 0, "the 503 breaks schemas/openapi.yaml:\n\(validation.report)")
    }
}
