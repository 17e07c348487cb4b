import Foundation
import Ledger
import Testing

/// SIGTERM: the daemon stops accepting, finishes and acknowledges in-flight appends, ends
/// open event streams cleanly, and exits 0.
@Suite struct ShutdownTests {
    final class Acknowledged: @unchecked Sendable {
        // @unchecked: guarded by `lock`.
        private let lock = NSLock()
        private var ids: [String] = []
        private var failures: [String] = []

        func add(_ id: String) { lock.withLock { ids.append(id) } }
        func fail(_ reason: String) { lock.withLock { failures.append(reason) } }
        var all: [String] { lock.withLock { ids } }
        var problems: [String] { lock.withLock { failures } }
    }

    @Test func sigtermEndsStreamsCleanlyAndKeepsEveryAcknowledgedAppend() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])
        var stream = try LiveTailTests.subscribe(daemon, "?from=1")
        #expect(try LiveTailTests.ids(&stream, count: 4) == [1, 2, 3, 4])

        // Appenders keep appending over their keep-alive connections until the daemon goes.
        let acknowledged = Acknowledged()
        let port = daemon.port
        let token = daemon.token("practitioner")
        let appenders = (0..<4).map { _ in
            Thread {
                var requests = Requests()
                guard let connection = try? HTTPConnection(port: port) else { return }
                while true {
                    let line = requests.consent("c1")
                    let id = String(line.split(separator: "\"")[3])
                    guard let reply = try? connection.request("POST", "/streams/case-c1", token: token, body: line, timeout: 20) else {
                        return  // the daemon closed the connection: this request was never acknowledged
                    }
                    if reply.status == 201 {
                        acknowledged.add(id)
                    } else if reply.status != 503 {
                        acknowledged.fail("\(reply.status) \(reply.text)")
                    }
                }
            }
        }
        appenders.forEach { $0.start() }
        // SIGTERM lands mid-stream: once appends are flowing.
        let flowing = Date().addingTimeInterval(20)
        while acknowledged.all.count < 20, Date() < flowing { usleep(10_000) }
        let status = daemon.terminate()
        #expect(status == 0, "ledgerd serve exited \(String(describing: status)) after SIGTERM")

        // The stream was finished, not cut: the zero-size chunk arrived.
        while try stream.next(timeout: 10) != nil {}
        #expect(stream.ended, "the live stream was cut instead of ended")
        #expect(acknowledged.problems.isEmpty, "\(acknowledged.problems)")

        // Every acknowledged append is in the ledger.
        let read = try LedgerdProcess.run(["read", "--data", daemon.data, "case-c1"])
        #expect(read.status == 0, "\(read.stderr)")
        let stored = Set(read.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["eventId"] as? String
        })
        let missing = acknowledged.all.filter { !stored.contains($0) }
        #expect(!acknowledged.all.isEmpty && missing.isEmpty, "acknowledged \(acknowledged.all.count), missing \(missing)")
        let verified = try LedgerdProcess.run(["verify", "--data", daemon.data])
        #expect(verified.status == 0, "\(verified.stderr)")
        // It signed the log as it stopped: the newest stored checkpoint covers every event.
        let ledger = try Ledger(path: daemon.data)
        let newest = try #require(try ledger.latestCheckpoint(), "no checkpoint was stored")
        #expect(try Checkpoint(text: newest.text).size == ledger.lastSeq(), "the newest checkpoint does not cover the last event")
    }
}
