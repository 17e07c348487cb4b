import Foundation
import Testing

/// `POST /streams/{stream}` on the real daemon: every status the API documents for it.
@Suite struct AppendEndpointTests {
    @Test func appendsRetriesAndRefusalsCarryTheDocumentedStatusesAndNames() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory())
        let opened = r.caseOpened("c1")

        let created = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: opened)
        #expect(created.status == 201, "\(created.text)")
        let outcome = try #require(try created.json() as? [String: Any])
        #expect(outcome["seq"] as? Int == 4 && outcome["version"] as? Int == 0 && outcome["duplicate"] == nil)

        // An identical retry: 200, the original positions, nothing appended.
        let retry = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: opened)
        #expect(retry.status == 200)
        let again = try #require(try retry.json() as? [String: Any])
        #expect(again["seq"] as? Int == 4 && again["duplicate"] as? Bool == true)

        // The same eventId with other content is refused by a ledger rule: 422, nothing appended.
        let altered = opened.replacingOccurrences(of: "\"WBRI\"", with: "\"WIRI\"")
        let refused = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: altered)
        #expect(refused.status == 422 && refused.contentType == "application/problem+json", "\(refused.text)")
        #expect(try (refused.json() as? [String: Any])?["index"] as? Int == 0)

        // A batch (stream taken from the path) is one atomic append: 201 with an array.
        let batch = "[" + [r.consent("c1"), r.consent("c1")].map(Requests.withoutStream).joined(separator: ",") + "]"
        let appended = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: batch)
        #expect(appended.status == 201, "\(appended.text)")
        let outcomes = try #require(try appended.json() as? [[String: Any]])
        #expect(outcomes.map { $0["seq"] as? Int } == [5, 6])
        #expect(outcomes.map { $0["version"] as? Int } == [1, 2])

        // expectedVersion that does not match: 409 with the stream's actual version.
        let stale = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: r.consent("c1", expectedVersion: 0))
        #expect(stale.status == 409, "\(stale.text)")
        let conflict = try #require(try stale.json() as? [String: Any])
        #expect(conflict["actualVersion"] as? Int == 2 && conflict["expectedVersion"] as? Int == 0)
        #expect(conflict["field"] as? String == "expectedVersion" && conflict["eventId"] != nil)

        // A batch whose second event is refused appends nothing, and the problem names it.
        let good = r.consent("c1")
        let bad = r.consent("c1").replacingOccurrences(of: "\"parent\"", with: "\"uncle\"")
        let mixed = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: "[\(good),\(bad)]")
        #expect(mixed.status == 400, "\(mixed.text)")
        let problem = try #require(try mixed.json() as? [String: Any])
        #expect(problem["index"] as? Int == 1 && problem["field"] as? String == "data.givenBy", "\(problem)")
        #expect((problem["detail"] as? String)?.contains("givenBy") == true)
        let head = try daemon.request("GET", "/digest", role: "auditor")
        #expect(try (head.json() as? [String: Any])?["seq"] as? Int == 6, "the refused batch left a trace: \(head.text)")

        // Malformed bodies: 400, naming what was wrong; a stream that contradicts the path is
        // valid by the document, and refused by a rule it cannot state: 422.
        let notJSON = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: "{\"eventId\":")
        #expect(notJSON.status == 400 && notJSON.text.contains("not JSON"))
        let elsewhere = try daemon.request("POST", "/streams/case-c9", role: "practitioner", body: r.consent("c1"))
        #expect(elsewhere.status == 422 && elsewhere.text.contains("\"field\":\"stream\""), "\(elsewhere.text)")
        let badStream = try daemon.request("POST", "/streams/nonsense", role: "practitioner", body: r.consent("c1"))
        #expect(badStream.status == 400)
        let empty = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: "[]")
        #expect(empty.status == 400)
    }

    @Test func readsStreamsAndPagesThroughTheLog() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1"), r.consent("c1"), r.consent("c1")])
        let stream = try daemon.request("GET", "/streams/case-c1?fromVersion=1", role: "auditor")
        #expect(stream.status == 200)
        let events = try #require(try stream.json() as? [[String: Any]])
        #expect(events.map { $0["version"] as? Int } == [1, 2])
        #expect(events.allSatisfy { ($0["hash"] as? String)?.count == 64 })

        let missing = try daemon.request("GET", "/streams/case-nope", role: "auditor")
        #expect(missing.status == 404 && missing.contentType == "application/problem+json")

        let page = try daemon.request("GET", "/events?from=2&limit=3", role: "integration")
        let seqs = try #require(try page.json() as? [[String: Any]]).map { $0["seq"] as? Int }
        #expect(seqs == [2, 3, 4])
        #expect(page.headers["link"] == "</events?from=5&limit=3>; rel=\"next\"")
        let last = try daemon.request("GET", "/events?from=5&limit=3", role: "integration")
        #expect(try (last.json() as? [[String: Any]])?.count == 2 && last.headers["link"] == nil)
        let invalid = try daemon.request("GET", "/events?from=0", role: "integration")
        #expect(invalid.status == 400 && invalid.text.contains("\"field\":\"from\""))
    }
}
