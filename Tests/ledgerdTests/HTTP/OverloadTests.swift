import Foundation
import Ledger
import Testing

/// `POST /streams/{stream}` when the writer's queue is full: 503 with `Retry-After` and an
/// `overloaded` problem, nothing appended, and appends taken again once it drains.
///
/// The daemon's queue is one request (`--max-queued-appends 1`), and this process holds the
/// data directory's LMDB write lock: the daemon's writer takes the first request and waits
/// on the lock, the second waits in the queue, and the rest find it full.
@Suite struct OverloadTests {
    /// This process's write transaction on the daemon's environment, held until `release`.
    final class WriterHold: Sendable {
        private let held = DispatchSemaphore(value: 0)
        private let released = DispatchSemaphore(value: 0)
        private let finished = DispatchSemaphore(value: 0)

        init(_ environment: LMDBEnvironment) {
            let thread = Thread { [held, released, finished] in
                _ = try? environment.write { _ in
                    held.signal()
                    released.wait()
                }
                finished.signal()
            }
            thread.start()
            held.wait()
        }

        func release() {
            released.signal()
            finished.wait()
        }
    }

    /// One request's reply, filled in by the thread that sent it.
    final class Reply: @unchecked Sendable {
        // @unchecked: `value` is written once before `done` is signalled, read after.
        var value: Result<HTTPReply, any Error>?
        let done = DispatchSemaphore(value: 0)
    }

    @Test func aFullQueueIsA503WithRetryAfterAndNothingAppended() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory(), extraArguments: ["--max-queued-appends", "1"])
        // The checkpoint the daemon signs at start writes too: let it, before holding the lock.
        let signedBy = Date().addingTimeInterval(10)
        while try daemon.request("GET", "/checkpoint", role: "manager").status != 200, Date() < signedBy { usleep(20_000) }
        let before = try #require(try daemon.request("GET", "/digest", role: "auditor").json() as? [String: Any])["seq"] as? Int

        let ledger = try Ledger(path: daemon.data)
        let hold = WriterHold(ledger.environment)
        let bodies = (0..<6).map { r.caseOpened("o\($0)") }
        let port = daemon.port
        let token = daemon.token("practitioner")
        var replies: [Reply] = []
        for (i, body) in bodies.enumerated() {
            let reply = Reply()
            replies.append(reply)
            let sent = Thread {
                reply.value = Result {
                    try HTTPConnection(port: port).request("POST", "/streams/case-o\(i)", token: token, body: body)
                }
                reply.done.signal()
            }
            sent.start()
            usleep(100_000)  // in order: the first reaches the writer before the second arrives
        }
        // Nothing can be committed while the lock is held: every reply so far is a refusal.
        usleep(300_000)
        for reply in replies where reply.done.wait(timeout: .now()) == .success {
            let answer = try #require(try reply.value?.get())
            #expect(answer.status == 503, "\(answer.text)")
            #expect(answer.headers["retry-after"] == "1" && answer.contentType == "application/problem+json")
            let problem = try #require(try answer.json() as? [String: Any])
            #expect(problem["type"] as? String == "urn:ledgerd:problem:overloaded" && problem["status"] as? Int == 503)
            #expect((problem["detail"] as? String)?.contains("nothing was appended") == true, "\(problem)")
            reply.done.signal()  // waited for again below
        }

        hold.release()
        var appended = 0
        var refused = 0
        var exchanges: [[String: Any]] = []
        for (i, reply) in replies.enumerated() {
            reply.done.wait()
            let answer = try #require(try reply.value?.get())
            #expect(answer.status == 201 || answer.status == 503, "\(answer.text)")
            if answer.status == 201 { appended += 1 } else { refused += 1 }
            exchanges.append([
                "method": "POST", "path": "/streams/case-o\(i)", "status": answer.status, "contentType": answer.contentType,
                "body": answer.text,
            ])
        }
        #expect(refused >= 1, "six appends met a queue of one and none was refused")
        #expect(appended + refused == 6 && appended >= 1)
        let after = try #require(try daemon.request("GET", "/digest", role: "auditor").json() as? [String: Any])["seq"] as? Int
        #expect(after == before.map { $0 + appended }, "only the taken appends are in the log")

        // Drained, the refused ones are taken as they were.
        let retried = try daemon.request("POST", "/streams/case-o5", role: "practitioner", body: bodies[5])
        #expect(retried.status == 201 || retried.status == 200, "\(retried.text)")
        let metrics = try daemon.request("GET", "/metrics", role: "integration").text
        #expect(metrics.contains(#"ledgerd_refused_appends_total{reason="overloaded"} \#(refused)"#), "\(metrics)")

        // The 503 is as schemas/openapi.yaml documents it.
        let file = daemon.directory.path + "/overload-exchanges.json"
        try JSONSerialization.data(withJSONObject: exchanges).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ViewSchemaTests.root.appendingPathComponent("scripts/validate_http.py").path, file]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the 503 breaks schemas/openapi.yaml:\n\(report)")
    }
}
