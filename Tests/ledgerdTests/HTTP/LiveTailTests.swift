import Foundation
import Testing

/// `GET /events/live`: Server-Sent Events from a position, resumed after a dropped
/// connection with `Last-Event-ID`, filtered, scoped to the token, recorded in the access
/// trail, with heartbeats, and never held up by a slow subscriber.
///
/// Against the real daemon and a socket client that reads the stream frame by frame: the
/// in-process tests (`InProcess/`) get a response only once its body has ended, which a live
/// stream never does.
@Suite struct LiveTailTests {
    /// Opens a live stream; returns its reader once the response head has arrived.
    static func subscribe(
        _ daemon: ServingDaemon, _ query: String = "", lastEventID: UInt64? = nil, role: String = "integration", token: String? = nil
    ) throws -> SSEReader {
        let connection = try daemon.connect()
        var headers = [("Authorization", "Bearer \(token ?? daemon.token(role))")]
        if let lastEventID { headers.append(("Last-Event-ID", String(lastEventID))) }
        try connection.send("GET", "/events/live" + query, headers: headers)
        let head = try connection.readHead(deadline: Date().addingTimeInterval(30))
        #expect(head.status == 200)
        #expect(head.contentType == "text/event-stream")
        return SSEReader(connection)
    }

    static func ids(_ reader: inout SSEReader, count: Int, timeout: Double = 30) throws -> [UInt64] {
        var ids: [UInt64] = []
        while ids.count < count, let event = try reader.next(timeout: timeout) {
            let id = try #require(event.id)
            // The data is the recorded event itself: its seq is the id.
            let object = try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any]
            #expect(object?["seq"] as? Int == Int(id))
            ids.append(id)
        }
        return ids
    }

    @Test func resumesAfterADroppedConnectionWithoutGapsOrDuplicates() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])
        var first = try Self.subscribe(daemon, "?from=2")
        #expect(try Self.ids(&first, count: 3) == [2, 3, 4])
        first.connection.close()  // the client drops

        // Appended while nobody listens.
        let batch = "[" + (0..<5).map { _ in r.consent("c1") }.joined(separator: ",") + "]"
        #expect(try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: batch).status == 201)

        // The reconnect names the last id it saw; the header wins over the URL's `from`.
        var second = try Self.subscribe(daemon, "?from=1", lastEventID: 4)
        #expect(try Self.ids(&second, count: 5) == [5, 6, 7, 8, 9])

        // Live: each append arrives on the open stream, in order.
        for _ in 0..<3 {
            #expect(try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: r.consent("c1")).status == 201)
        }
        #expect(try Self.ids(&second, count: 3) == [10, 11, 12])

        // No `from` and no header: only what is appended from now on.
        var fresh = try Self.subscribe(daemon)
        #expect(try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: r.consent("c1")).status == 201)
        #expect(try Self.ids(&fresh, count: 1) == [13])
    }

    @Test func filtersByStreamPrefixAndTypeAndBeatsWhenIdle() throws {
        var r = Requests()
        let daemon = try ServingDaemon(
            lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2"), r.consent("c1"), r.consent("c2")], heartbeat: 0.2)
        var consents = try Self.subscribe(daemon, "?from=1&type=ConsentRecorded")
        #expect(try Self.ids(&consents, count: 2) == [6, 7])
        var c2 = try Self.subscribe(daemon, "?from=1&stream=case-c2")
        #expect(try Self.ids(&c2, count: 2) == [5, 7])
        var both = try Self.subscribe(daemon, "?from=1&type=CaseOpened,AgencyRegistered")
        #expect(try Self.ids(&both, count: 3) == [2, 4, 5])
        // `type` may also be repeated (the one parameter that may): the same filter.
        var repeated = try Self.subscribe(daemon, "?from=1&type=CaseOpened&type=AgencyRegistered")
        #expect(try Self.ids(&repeated, count: 3) == [2, 4, 5])
        let twice = try daemon.request("GET", "/events/live?from=1&from=2", role: "integration")
        #expect(twice.status == 400 && twice.text.contains("from is given more than once"), "\(twice.text)")

        // Idle: heartbeat comments, no events.
        #expect(try c2.next(timeout: 1) == nil)
        #expect(c2.comments.contains("heartbeat"), "\(c2.comments)")

        let typo = try daemon.request("GET", "/events/live?type=ConsentGiven", role: "integration")
        #expect(typo.status == 400 && typo.text.contains("ConsentGiven"))
        let badResume = try daemon.request("GET", "/events/live", role: "integration", headers: [("Last-Event-ID", "x")])
        #expect(badResume.status == 400)
    }

    /// Frames with a field but no `data:` (a bare `retry:`), which some clients surface as an
    /// event with empty data; comment-only frames every client ignores.
    static func framesWithoutData(_ frames: [String]) -> [String] {
        frames.filter { frame in
            let fields = frame.split(separator: "\n").filter { !$0.hasPrefix(":") }
            return !fields.isEmpty && !fields.contains { $0.hasPrefix("data:") }
        }
    }

    @Test func theFirstFrameIsACommentAndNoFrameIsAnEventWithoutData() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")], heartbeat: 0.2)
        // From a position: events at once.
        var replaying = try Self.subscribe(daemon, "?from=1")
        #expect(try Self.ids(&replaying, count: 4) == [1, 2, 3, 4])
        // From now on: nothing to send at first (heartbeats pass), then an append.
        var fresh = try Self.subscribe(daemon)
        usleep(500_000)
        #expect(try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: r.consent("c1")).status == 201)
        #expect(try Self.ids(&fresh, count: 1) == [5])
        #expect(fresh.comments.contains("heartbeat"), "\(fresh.frames)")
        for reader in [replaying, fresh] {
            #expect(reader.frames.first == ": ledgerd live tail", "\(reader.frames)")
            #expect(Self.framesWithoutData(reader.frames).isEmpty, "\(reader.frames)")
            // Reconnection advice rides with the first event, once.
            let withRetry = reader.frames.filter { $0.contains("retry: ") }
            #expect(withRetry.count == 1 && withRetry[0].hasPrefix("retry: 1000\nid: "), "\(reader.frames)")
        }
    }

    @Test func aStalledSubscriberHoldsUpNeitherAppendsNorOtherSubscribers() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])
        // Subscribes from the start and never reads: its socket buffers fill and stay full.
        let stalled = try daemon.connect()
        try stalled.send("GET", "/events/live?from=1", headers: [("Authorization", "Bearer \(daemon.token("auditor"))")])

        let batches = 20
        let perBatch = 500
        let started = Date()
        for _ in 0..<batches {
            let batch = "[" + (0..<perBatch).map { _ in r.consent("c1") }.joined(separator: ",") + "]"
            let reply = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: batch)
            try #require(reply.status == 201, "\(reply.text)")
        }
        let appending = Date().timeIntervalSince(started)

        var reader = try Self.subscribe(daemon, "?from=1")
        let total = 4 + batches * perBatch
        let ids = try Self.ids(&reader, count: total, timeout: 60)
        #expect(ids == Array(1...UInt64(total)))
        #expect(appending < 60, "appends took \(appending) s with a stalled subscriber")
        stalled.close()
    }

    /// An integration limited to stream prefixes and event types tails only those; an auditor
    /// of one authority gets a case opened after its tail began only if the case is its own.
    @Test func theTailIsScopedToTheToken() throws {
        var r = Requests()
        let lines = ScopedReadTests.twoAuthorities()
        let daemon = try ServingDaemon(lines: lines + [r.consent("c1")])
        let limited = try LedgerdProcess.addToken(
            daemon.data, ["--role", "integration", "--system", "dw", "--streams", "case-c1", "--types", "ConsentRecorded"])
        let la2Auditor = try LedgerdProcess.addToken(daemon.data, ["--role", "auditor", "--authority", "la2"])

        // From the start: the one event in scope, then nothing more of the log.
        var scoped = try Self.subscribe(daemon, "?from=1", token: limited)
        let first = try #require(try scoped.next(timeout: 10))
        #expect(first.data.contains(#""stream":"case-c1""#) && first.data.contains("ConsentRecorded"), "\(first.data)")
        #expect(try scoped.next(timeout: 0.5)?.data == nil, "nothing else in scope")
        scoped.connection.close()

        // A case opened after the tail began is judged when its events arrive.
        var tail = try Self.subscribe(daemon, token: la2Auditor)
        _ = try tail.next(timeout: 0.2)
        let late = [ScopedReadTests.opened("c4", by: "hv1", &r), ScopedReadTests.opened("c5", by: "x1", &r)].map(Requests.withoutStream)
        #expect(try daemon.request("POST", "/streams/case-c4", role: "writer", body: late[0]).status == 201)
        #expect(try daemon.request("POST", "/streams/case-c5", role: "writer", body: late[1]).status == 201)
        let arrived = try #require(try tail.next(timeout: 10))
        #expect(arrived.data.contains(#""stream":"case-c5""#), "la2's auditor sees c5, not c4: \(arrived.data)")
        tail.connection.close()
    }

    /// Each batch of case events the tail sends is in the access trail before its frames; the
    /// open stream counts as a live subscriber; and its head and first frames are as
    /// `schemas/openapi.yaml` documents them.
    @Test func eachBatchIsRecordedBeforeItsFramesAndTheStreamIsAsDocumented() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2"), r.caseOpened("c3")])
        var live = try Self.subscribe(daemon, "?from=1")
        #expect(try Self.ids(&live, count: 6) == Array(1...6))
        let tailed = try daemon.trail()
        #expect(tailed.count == 1 && tailed.first?["route"] as? String == "GET /events/live", "\(tailed)")
        #expect(tailed.first?["cases"] as? [String] == ["c1", "c2", "c3"] && tailed.first?["path"] as? String == "/events/live?from=1")
        #expect(tailed.first?["principal"] as? String == ServingDaemon.testPrincipal["integration"])
        #expect(try daemon.request("POST", "/streams/case-c2", role: "practitioner", body: r.consent("c2")).status == 201)
        #expect(try Self.ids(&live, count: 1) == [7])
        let appended = try daemon.trail().dropFirst(1)
        #expect(appended.count == 1 && appended.first?["cases"] as? [String] == ["c2"], "\(appended)")
        let metrics = try daemon.request("GET", "/metrics", role: "integration").text
        #expect(MetricsScrape(metrics).value("ledgerd_live_subscribers") == 1, "\(metrics)")
        live.connection.close()

        // The head and the first frames, against the API document.
        let connection = try daemon.connect()
        try connection.send("GET", "/events/live?from=1", headers: [("Authorization", "Bearer \(daemon.token("integration"))")])
        var head = try connection.readHead(deadline: Date().addingTimeInterval(30))
        var frames = SSEReader(connection)
        let firstEvent = try #require(try frames.next(timeout: 30))
        head.body = Array("retry: 1000\n\nid: \(firstEvent.id ?? 0)\ndata: \(firstEvent.data)\n\n".utf8)
        connection.close()
        let exchanges = ExchangeRecorder()
        exchanges.record("GET", "/events/live?from=1", head)
        let validation = try exchanges.validate(allOperations: false, in: daemon.directory.path)
        #expect(validation.status == 0, "the live stream breaks schemas/openapi.yaml:\n\(validation.report)")
    }
}
