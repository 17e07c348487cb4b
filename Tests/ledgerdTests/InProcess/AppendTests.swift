import Foundation
import Testing

@testable import ledgerd

/// `POST /streams/{stream}` in-process: every status the API documents for it, and reading
/// back what was appended.
@Suite struct AppendTests {
    @Test func appendsRetriesAndRefusalsCarryTheDocumentedStatusesAndNames() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory())
        try await ledger.serve { [r] api in
            var r = r
            let openedId = r.eventId()
            let opened = r.caseOpened("c1", eventId: openedId)
            let created = try await api.post("/streams/case-c1", as: .practitioner, body: opened)
            #expect(created.status == 201, "\(created.text)")
            let outcome = try #require(try created.json() as? [String: Any])
            #expect(outcome["seq"] as? Int == 4 && outcome["version"] as? Int == 0 && outcome["duplicate"] == nil)

            // An identical retry: 200, the original positions, nothing appended.
            let retry = try await api.post("/streams/case-c1", as: .practitioner, body: opened)
            #expect(retry.status == 200)
            let again = try #require(try retry.json() as? [String: Any])
            #expect(again["seq"] as? Int == 4 && again["duplicate"] as? Bool == true)

            // The same eventId with other content is refused by a ledger rule: 422, nothing appended.
            let altered = r.caseOpened("c1", ethnicity: "WIRI", eventId: openedId)
            let refused = try await api.post("/streams/case-c1", as: .practitioner, body: altered)
            #expect(refused.status == 422, "\(refused.text)")
            #expect(try ProblemDetails.of(refused).index == 0)

            // A batch (stream taken from the path) is one atomic append: 201 with an array.
            let batch = "[" + [r.consent("c1"), r.consent("c1")].map(Requests.withoutStream).joined(separator: ",") + "]"
            let appended = try await api.post("/streams/case-c1", as: .practitioner, body: batch)
            #expect(appended.status == 201, "\(appended.text)")
            let outcomes = try #require(try appended.json() as? [[String: Any]])
            #expect(outcomes.map { $0["seq"] as? Int } == [5, 6])
            #expect(outcomes.map { $0["version"] as? Int } == [1, 2])

            // expectedVersion that does not match: 409 with the stream's actual version.
            let stale = try await api.post("/streams/case-c1", as: .practitioner, body: r.consent("c1", expectedVersion: 0))
            #expect(stale.status == 409, "\(stale.text)")
            let conflict = try ProblemDetails.of(stale)
            #expect(conflict["actualVersion"] as? Int == 2 && conflict["expectedVersion"] as? Int == 0)
            #expect(conflict.field == "expectedVersion" && conflict["eventId"] != nil && conflict.slug == "version-conflict")

            // A batch whose second event breaks the document appends nothing: 400 naming it.
            let good = r.consent("c1")
            let bad = r.consent("c1").replacingOccurrences(of: "\"parent\"", with: "\"uncle\"")
            let mixed = try await api.post("/streams/case-c1", as: .practitioner, body: "[\(good),\(bad)]")
            #expect(mixed.status == 400, "\(mixed.text)")
            let problem = try ProblemDetails.of(mixed)
            #expect(problem.index == 1 && problem.field == "data.givenBy" && problem.detail.contains("givenBy"), "\(problem.object)")
            let head = try await api.object("/digest", as: .auditor)
            #expect(head["seq"] as? Int == 6, "the refused batch left a trace: \(head)")

            // Malformed bodies: 400, naming what was wrong; a stream that contradicts the path is
            // valid by the document, and refused by a rule it cannot state: 422.
            let notJSON = try await api.post("/streams/case-c1", as: .practitioner, body: "{\"eventId\":")
            #expect(try notJSON.status == 400 && ProblemDetails.of(notJSON).detail.contains("not JSON"), "\(notJSON.text)")
            let elsewhere = try await api.post("/streams/case-c9", as: .practitioner, body: r.consent("c1"))
            #expect(try elsewhere.status == 422 && ProblemDetails.of(elsewhere).field == "stream", "\(elsewhere.text)")
            #expect(try await api.post("/streams/nonsense", as: .practitioner, body: r.consent("c1")).status == 400)
            #expect(try await api.post("/streams/case-c1", as: .practitioner, body: "[]").status == 400)
        }
    }

    @Test func readsStreamsAndPagesThroughTheLog() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1"), r.consent("c1"), r.consent("c1")])
        try await ledger.serve { api in
            let events = try await api.objects("/streams/case-c1?fromVersion=1", as: .auditor)
            #expect(events.map { $0["version"] as? Int } == [1, 2])
            #expect(events.allSatisfy { ($0["hash"] as? String)?.count == 64 })

            let missing = try await api.get("/streams/case-nope", as: .auditor)
            #expect(try missing.status == 404 && ProblemDetails.of(missing).slug == "not-found")

            let page = try await api.get("/events?from=2&limit=3", as: .integration)
            #expect(try #require(try page.json() as? [[String: Any]]).map { $0["seq"] as? Int } == [2, 3, 4])
            #expect(page.headers["link"] == "</events?from=5&limit=3>; rel=\"next\"")
            let last = try await api.get("/events?from=5&limit=3", as: .integration)
            #expect(try (last.json() as? [[String: Any]])?.count == 2 && last.headers["link"] == nil)
            let invalid = try await api.get("/events?from=0", as: .integration)
            #expect(try invalid.status == 400 && ProblemDetails.of(invalid).field == "from")
        }
    }
}
