import Foundation
import Synchronization
import Testing

/// The trail loses nothing across `kill -9`: every response a client received has its entry,
/// because the entry is durable before the response is sent.
@Suite struct AccessTrailKillTests {
    static let connections = 8
    static let casesPerConnection = 4

    /// What the clients received, shared by their threads.
    final class Received: Sendable {
        let lists = Mutex<[[String]]>(Array(repeating: [], count: AccessTrailKillTests.connections))
        let total = Atomic<Int>(0)
    }

    /// Each connection reads its own cases in turn, so the trail's entries for those cases are
    /// exactly that connection's reads, in the order it made them. After SIGKILL mid-stream,
    /// every 200 a connection received must be in the trail in that order; at most one entry
    /// more (recorded, its response lost with the daemon) may follow.
    @Test func everyResponseReceivedHasItsEntryAfterKill9() throws {
        var r = Requests()
        let cases = (0..<Self.connections).map { c in (0..<Self.casesPerConnection).map { "k\(c)x\($0)" } }
        let daemon = try ServingDaemon(lines: r.directory() + cases.flatMap { $0 }.map { r.caseOpened($0) })
        let received = Received()
        let port = daemon.port
        let token = daemon.token("manager")
        let deadline = Date().addingTimeInterval(30)

        let clients = (0..<Self.connections).map { c in
            Thread {
                guard let connection = try? HTTPConnection(port: port) else { return }
                var n = 0
                while Date() < deadline {
                    let id = cases[c][n % Self.casesPerConnection]
                    guard let reply = try? connection.request("GET", "/cases/\(id)", token: token), reply.status == 200 else { return }
                    received.lists.withLock { $0[c].append(id) }
                    received.total.add(1, ordering: .relaxed)
                    n += 1
                }
            }
        }
        clients.forEach { $0.start() }
        // Kill mid-stream, once a few hundred responses have arrived (or the time is up).
        while received.total.load(ordering: .relaxed) < 400, Date() < deadline { usleep(2_000) }
        kill(daemon.process.processIdentifier, SIGKILL)
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationReason == .uncaughtSignal)
        let finished = Date().addingTimeInterval(30)
        while clients.contains(where: { !$0.isFinished }), Date() < finished { usleep(10_000) }
        #expect(clients.allSatisfy { $0.isFinished }, "clients still running after the daemon died")

        let got = received.lists.withLock { $0 }
        #expect(got.map(\.count).reduce(0, +) >= 400, "too few responses before the kill: \(got.map(\.count))")
        let trail = try daemon.trail()
        for c in 0..<Self.connections {
            let mine = Set(cases[c])
            let recorded = trail.compactMap { entry -> String? in
                guard let ids = entry["cases"] as? [String], ids.count == 1, let id = ids.first, mine.contains(id) else { return nil }
                return id
            }
            let missing = Array(zip(got[c], recorded)).firstIndex { $0 != $1 } ?? (recorded.count < got[c].count ? recorded.count : nil)
            #expect(missing == nil, "connection \(c): response \(missing ?? 0) of \(got[c].count) received has no entry in order (\(recorded.count) recorded)")
            #expect(recorded.count <= got[c].count + 1, "connection \(c): \(recorded.count) entries for \(got[c].count) responses")
        }
        let verified = try LedgerdProcess.run(["access-log", "--data", daemon.data, "--verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}
