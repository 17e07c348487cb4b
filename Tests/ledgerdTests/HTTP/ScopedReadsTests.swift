import Foundation
import Testing

/// Reads scoped to the token's principal (issue #15 item 3), against the real daemon: what is
/// outside answers as if it did not exist.
@Suite struct ScopedReadsTests {
    /// An integration limited to stream prefixes and event types reads only those, on every
    /// route that carries events.
    @Test func anIntegrationLimitedToStreamsAndTypesSeesOnlyThose() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2"), r.consent("c1"), r.consent("c2")])
        let made = try LedgerdProcess.run([
            "token", "add", "--data", daemon.data, "--role", "integration", "--name", "consents of c1", "--system", "dw",
            "--streams", "case-c1", "--types", "ConsentRecorded",
        ])
        try #require(made.status == 0, "\(made.stderr)")
        let token = try #require(made.stdout.split(separator: "\n").last.map(String.init))
        func get(_ path: String) throws -> HTTPReply { try daemon.connect().request("GET", path, token: token) }

        let stream = try get("/streams/case-c1")
        let events = try #require(try stream.json() as? [[String: Any]])
        #expect(events.map { $0["type"] as? String } == ["ConsentRecorded"], "\(stream.text)")
        let outside = try get("/streams/case-c2")
        let absent = try daemon.request("GET", "/streams/case-nope", role: "auditor").text
        #expect(outside.status == 404 && outside.text == absent.replacingOccurrences(of: "case-nope", with: "case-c2"), "indistinguishable from absence")

        let all = try #require(try get("/events").json() as? [[String: Any]])
        #expect(all.count == 1 && all.first?["stream"] as? String == "case-c1" && all.first?["type"] as? String == "ConsentRecorded")
        let unscoped = try #require(try daemon.request("GET", "/events", role: "integration").json() as? [[String: Any]])
        #expect(unscoped.count == 7, "an unlimited integration still reads everything")

        // The live tail from the start carries the same one event, then nothing more of the log.
        let connection = try daemon.connect()
        try connection.send("GET", "/events/live?from=1", headers: [("Authorization", "Bearer \(token)")])
        #expect(try connection.readHead(deadline: Date().addingTimeInterval(30)).status == 200)
        var tail = SSEReader(connection)
        let first = try #require(try tail.next(timeout: 10))
        #expect(first.data.contains(#""stream":"case-c1""#) && first.data.contains("ConsentRecorded"), "\(first.data)")
        #expect(try tail.next(timeout: 0.5)?.data == nil, "nothing else in scope")
        connection.close()

        // Entry bundles hold every event: not for a limited token.
        #expect(try get("/tile/entries/000.p/7").status == 404)
        #expect(try daemon.request("GET", "/tile/entries/000.p/7", role: "integration").status == 200)
    }
}
