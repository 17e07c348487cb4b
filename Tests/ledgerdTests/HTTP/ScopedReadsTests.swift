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
        let token = try LedgerdProcess.addToken(
            daemon.data, ["--role", "integration", "--system", "dw", "--streams", "case-c1", "--types", "ConsentRecorded"])
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

    /// Two authorities, two agencies in the first: each token reads the cases its principal
    /// may, and a case outside answers exactly as one that does not exist.
    @Test func casesViewsAndEventsAreScopedToThePrincipal() throws {
        var r = Requests()
        func practitioner(_ id: String, _ agency: String) -> String {
            r.line(
                "PractitionerRegistered", "practitioner-\(id)",
                #"{"practitionerId":"\#(id)","name":"P \#(id)","agencyId":"\#(agency)","role":"health-visitor","lineManagerId":null}"#)
        }
        func agency(_ id: String, _ authority: String) -> String {
            r.line(
                "AgencyRegistered", "agency-\(id)",
                #"{"agencyId":"\#(id)","name":"Agency \#(id)","authorityId":"\#(authority)","sector":"statutory","service":"health"}"#)
        }
        func opened(_ caseId: String, by practitionerId: String) -> String {
            r.line(
                "CaseOpened", "case-\(caseId)",
                #"{"caseId":"\#(caseId)","childId":"ch-\#(caseId)","dateOfBirth":null,"gender":"female","ethnicity":"WBRI","openedOn":"2025-03-04","openedBy":"\#(practitionerId)"}"#,
                actor: practitionerId)
        }
        let second = r.line("LocalAuthorityRegistered", "authority-la2", #"{"authorityId":"la2","name":"LA 2","directorOfChildrensServices":"E"}"#)
        let lines =
            r.directory() + [
                agency("hv", "la1"), practitioner("hv1", "hv"), second, agency("x", "la2"), practitioner("x1", "x"),
                r.caseOpened("c1"), r.overdueAction("c1", "a1"), opened("c2", by: "hv1"), opened("c3", by: "x1"),
            ]
        let daemon = try ServingDaemon(lines: lines)
        func token(_ arguments: [String]) throws -> String { try LedgerdProcess.addToken(daemon.data, arguments) }
        let sw1 = try token(["--role", "practitioner", "--practitioner", "sw1"])
        let hvManager = try token(["--role", "manager", "--agency", "hv"])
        let la1Auditor = try token(["--role", "auditor", "--authority", "la1"])
        let la2Auditor = try token(["--role", "auditor", "--authority", "la2"])
        func get(_ path: String, _ token: String) throws -> HTTPReply { try daemon.connect().request("GET", path, token: token) }
        func status(_ path: String, _ token: String) throws -> Int {
            let reply = try get(path, token)
            return reply.status
        }

        // A practitioner: their own case, not another's, nor its history; indistinguishable from absence.
        #expect(try status("/cases/c1", sw1) == 200)
        let hidden = try get("/cases/c2", sw1)
        let absent = try get("/cases/c9", sw1)
        #expect(hidden.status == 404 && absent.status == 404)
        #expect(hidden.text.replacingOccurrences(of: "c2", with: "c9") == absent.text, "\(hidden.text) vs \(absent.text)")
        #expect(!hidden.text.contains("c3") && !absent.text.contains("c2"), "no invisible case is suggested: \(hidden.text)")
        #expect(try status("/cases/c2/history", sw1) == 404 && status("/cases/c1/history", sw1) == 200)

        // An agency's manager: cases involving its practitioners; views filtered to them.
        #expect(try status("/cases/c2", hvManager) == 200 && status("/cases/c1", hvManager) == 404)
        let overdue = try #require(try get("/views/overdue", hvManager).json() as? [[String: Any]])
        #expect(overdue.isEmpty, "c1's overdue action is not the hv manager's: \(overdue)")
        let unled = try #require(try get("/views/unled", hvManager).json() as? [[String: Any]])
        #expect(unled.compactMap { $0["caseId"] as? String }.allSatisfy { $0 == "c2" })
        #expect(try status("/views/caseload?agency=sc", hvManager) == 404, "a filter outside the scope is an error, not an empty view")

        // Authorities: each auditor sees its own cases, on views and on the event routes.
        let la1Overdue = try #require(try get("/views/overdue", la1Auditor).json() as? [[String: Any]])
        #expect(la1Overdue.compactMap { $0["caseId"] as? String } == ["c1"])
        #expect(try status("/cases/c3", la1Auditor) == 404 && status("/cases/c3", la2Auditor) == 200)
        #expect(try status("/streams/case-c3", la1Auditor) == 404 && status("/streams/case-c3", la2Auditor) == 200)
        let la1Events = try #require(try get("/events", la1Auditor).json() as? [[String: Any]])
        let streams = Set(la1Events.compactMap { $0["stream"] as? String })
        #expect(streams.contains("case-c1") && streams.contains("case-c2") && !streams.contains("case-c3"), "\(streams)")
        #expect(streams.contains("authority-la2"), "directory streams are reference data, read by every event reader")
        let la2Events = try #require(try get("/events", la2Auditor).json() as? [[String: Any]])
        #expect(Set(la2Events.compactMap { $0["stream"] as? String }).filter { $0.hasPrefix("case-") } == ["case-c3"])

        // A case opened after the auditor's tail began is judged when its events arrive.
        let connection = try daemon.connect()
        try connection.send("GET", "/events/live", headers: [("Authorization", "Bearer \(la2Auditor)")])
        #expect(try connection.readHead(deadline: Date().addingTimeInterval(30)).status == 200)
        var tail = SSEReader(connection)
        _ = try tail.next(timeout: 0.2)
        let late = [opened("c4", by: "hv1"), opened("c5", by: "x1")].map(Requests.withoutStream)
        #expect(try daemon.request("POST", "/streams/case-c4", role: "writer", body: late[0]).status == 201)
        #expect(try daemon.request("POST", "/streams/case-c5", role: "writer", body: late[1]).status == 201)
        let arrived = try #require(try tail.next(timeout: 10))
        #expect(arrived.data.contains(#""stream":"case-c5""#), "la2's auditor sees c5, not c4: \(arrived.data)")
        connection.close()
    }
}
