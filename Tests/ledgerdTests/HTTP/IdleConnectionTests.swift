import Foundation
import Testing

/// `serve --idle-timeout`: a connection that sends nothing, stays idle between requests, or
/// sends a request too slowly is closed, so idle clients cannot hold the server's sockets; a
/// live stream being answered is never idle.
@Suite struct IdleConnectionTests {
    /// Waits for the server to close `connection`: true if it did within `seconds`.
    static func closedByServer(_ connection: HTTPConnection, within seconds: Double) -> Bool {
        do {
            _ = try connection.readHead(deadline: Date().addingTimeInterval(seconds))
            return false
        } catch HTTPConnection.Failure.closed {
            return true
        } catch {
            return false
        }
    }

    @Test func idleAndSlowConnectionsAreClosedButALiveStreamIsNot() throws {
        var r = Requests()
        let daemon = try ServingDaemon(
            lines: r.directory() + [r.caseOpened("c1")], heartbeat: 0.3, extraArguments: ["--idle-timeout", "1"])

        let silent = try daemon.connect()
        let keptAlive = try daemon.connect()
        #expect(try keptAlive.request("GET", "/health").status == 200)
        let slow = try daemon.connect()
        try slow.sendRaw(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))  // and never the blank line
        var stream = try LiveTailTests.subscribe(daemon, "?from=1")
        #expect(try LiveTailTests.ids(&stream, count: 4) == [1, 2, 3, 4])

        for (name, connection) in [("silent", silent), ("kept alive", keptAlive), ("slow", slow)] {
            #expect(Self.closedByServer(connection, within: 10), "\(name): still open")
        }
        // Well past the idle timeout, the stream is still open: it beats, and it delivers.
        Thread.sleep(forTimeInterval: 2.5)
        let beats = stream.comments.filter { $0.contains("heartbeat") }.count
        #expect(try stream.next(timeout: 2) == nil, "no event yet, only heartbeats")
        #expect(stream.comments.filter { $0.contains("heartbeat") }.count > beats, "\(stream.comments)")
        #expect(try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: r.consent("c1")).status == 201)
        #expect(try LiveTailTests.ids(&stream, count: 1) == [5])
    }
}
