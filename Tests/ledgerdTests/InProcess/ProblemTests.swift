import Foundation
import Testing

@testable import ledgerd

/// The daemon never crashes and never gives a reassuring answer to a wrong question: poison
/// values are refused, out-of-calendar dates and unknown parameters are 400s, filters that
/// name nothing are 404s with suggestions, a failed verification is not a 200, and a full
/// disk is a 507 that passes once space returns, while reads the access trail can record go
/// on. Every refusal is problem details of the same shape.
@Suite struct ProblemTests {
    @Test func wrongQuestionsAreProblemsAndTheDaemonSurvivesThem() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(
            lines: InProcessLedger.demo(cases: 20, seed: 3) + r.directory(), principals: InProcessLedger.demoPrincipals)
        try await ledger.serve { [r] api in
            var r = r
            let poison = Requests.withoutStream(
                r.line(
                    "CaseOpened", "case-poison",
                    #"{"caseId":"poison","childId":"ch-p","dateOfBirth":"9990-01-01","gender":"male","ethnicity":"WBRI","openedOn":"2025-03-04","openedBy":"sw1"}"#,
                    actor: "sw1"))
            let refused = try await api.post("/streams/case-poison", as: .practitioner, body: poison)
            #expect(try refused.status == 400 && ProblemDetails.of(refused).field == "data.dateOfBirth", "\(refused.text)")

            let questions: [(path: String, status: Int, says: String)] = [
                ("/exports/annex-a?inspectionDate=0001-01-01", 400, "1900–2199"),
                ("/views/flags?on=9999-12-31", 400, "1900–2199"),
                ("/views/overdue?knownAt=2200-01-01T00:00:00Z", 400, "knownAt"),
                ("/views/overdue?agncy=nm-yot", 400, "agncy"),
                ("/cases/EH-2023-000001?colour=blue", 400, "colour"),
                ("/events?from=1&page=2", 400, "page"),
                ("/events?from=99999999999999999999", 400, "from"),
                ("/events?limit=0", 400, "limit"),
                ("/streams/case-EH-2023-000001?fromVersion=3586043201437745", 400, "fromVersion"),
                ("/verify?digest=18446744073709551616:00", 400, "digest"),
                ("/views/overdue?agency=nm-yott", 404, "did you mean nm-yot"),
                ("/views/caseload?practitioner=prac-9999", 404, "prac-9999"),
                ("/views/overdue?case=EH-2023-00001", 404, "did you mean EH-2023-000001"),
                // Two answers asked for at once: neither is given silently.
                ("/views/overdue?on=2025-06-30&on=2025-07-01", 400, "on is given more than once (on=2025-06-30, on=2025-07-01)"),
                ("/events?from=1&limit=5&limit=6", 400, "limit is given more than once"),
                // A filter that cannot be an ID is a mistake in the question, not a search.
                ("/views/overdue?agency=", 400, "agency= is not an ID"),
                ("/views/caseload?practitioner=../../etc", 400, "practitioner=../../etc is not an ID"),
                ("/views/overdue?case=EH%202023", 400, "case=EH 2023 is not an ID"),
                // A question with no answer is refused, not answered with an empty list.
                ("/exports/annex-a?inspectionDate=2026-10-01&on=2020-01-01", 422, "before the list's window (2026-04-01 to 2026-10-01)"),
                // Names before values: a misspelt parameter is named as such first.
                ("/views/overdue?agency=bad%20id&agncy=x", 400, "unknown query parameter agncy"),
                ("/views/caseload?agency=bad%20id&agency=ok", 400, "agency is given more than once"),
            ]
            for question in questions {
                let reply = try await api.get(question.path, as: .auditor)
                #expect(reply.status == question.status, "\(question.path): \(reply.status) \(reply.text)")
                #expect(try ProblemDetails.of(reply).detail.contains(question.says), "\(question.path): \(reply.text)")
            }
            // A method a path does not take is 405 naming what it takes, not a 404 for the path.
            let put = try await api.request(.put, "/streams/case-EH-2023-000001", as: .practitioner)
            #expect(put.status == 405 && put.headers["allow"] == "GET, HEAD, POST", "\(put.status) \(put.headers) \(put.text)")
            #expect(try ProblemDetails.of(put).detail.contains("PUT is not served at /streams/case-EH-2023-000001"))
            let delete = try await api.request(.delete, "/tile/entries/x001/000")
            #expect(delete.status == 405 && delete.headers["allow"] == "GET, HEAD", "\(delete.headers)")
            #expect(try await api.request(.post, "/no/such/path").status == 404)
            // HEAD is answered wherever GET is: its headers, the length of what GET sends, no body.
            let get = try await api.get("/cases/EH-2023-000001", as: .auditor)
            let head = try await api.request(.head, "/cases/EH-2023-000001", as: .auditor)
            #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(get.body.count), "\(head.headers)")
            #expect(try await api.request(.head, "/cases/EH-2023-000001").status == 401, "HEAD needs the GET's token")
            #expect(try await api.request(.head, "/health").status == 200)
            // The largest Last-Event-ID a client can send is refused, not overflowed.
            let resume = try await api.get("/events/live", as: .auditor, headers: [("Last-Event-ID", "18446744073709551615")])
            #expect(resume.status == 400 && resume.text.contains("Last-Event-ID"), "\(resume.text)")
            // `from` beyond its range is refused even when Last-Event-ID decides where to
            // start (schemathesis's find: it streamed from seq 1).
            let both = try await api.get("/events/live?from=9223372036854775808", as: .auditor, headers: [("Last-Event-ID", "0")])
            #expect(both.status == 400 && both.text.contains("from"), "\(both.text)")
            // Still serving, and the same views without the mistakes answer.
            #expect(try await api.get("/views/flags", as: .manager).status == 200)
            #expect(try await api.get("/views/overdue?agency=nm-yot", as: .manager).status == 200)
            #expect(try await api.get("/views/overdue?case=case-EH-2023-000001", as: .manager).status == 200)
            #expect(try await api.get("/health").status == 200)
        }
    }

    /// 400 is what the API document can state (a shape, an enumeration, a bound); 422 what it
    /// cannot (a rule over the ledger or between fields).
    @Test func invalidBy400AndRefusedByARuleIs422() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1")])
        try await ledger.serve { [r] api in
            var r = r
            let invalid = try await api.post("/streams/case-c1", as: .practitioner, body: r.consent("c1").replacingOccurrences(of: "\"assessment\"", with: "\"everything\""))
            #expect(invalid.status == 400, "\(invalid.text)")
            let problem400 = try ProblemDetails.of(invalid)
            #expect(problem400.field == "data.scope" && problem400.slug == "invalid-event", "\(problem400.object)")
            // Valid by the document, but the case is not open: a ledger rule.
            let unopened = try await api.post("/streams/case-c2", as: .practitioner, body: r.consent("c2"))
            #expect(unopened.status == 422, "\(unopened.text)")
            let problem422 = try ProblemDetails.of(unopened)
            #expect(problem422.slug == "refused" && problem422.index == 0 && problem422["eventId"] != nil, "\(problem422.object)")
        }
    }

    @Test func aFailedVerificationIsNotA200() async throws {
        let ledger = try InProcessLedger(lines: InProcessLedger.demo(cases: 5, seed: 9), principals: InProcessLedger.demoPrincipals)
        let file = ledger.data + "/data.mdb"
        try await ledger.serve { api in
            #expect(try await api.get("/verify", as: .auditor).status == 200)
            let wrongDigest = try await api.get("/verify?digest=1:" + String(repeating: "0", count: 64), as: .auditor)
            // The chain verified, the digest is not held: the auditor's finding, a 409, never a 200.
            #expect(wrongDigest.status == 409, "\(wrongDigest.text)")
            #expect(wrongDigest.text.contains(#""verified":false"#) && wrongDigest.text.contains("digest-not-held"), "\(wrongDigest.text)")
            let beyond = try await api.get("/verify?digest=999999:" + String(repeating: "0", count: 64), as: .auditor)
            #expect(beyond.status == 409 && beyond.text.contains("digest names seq 999999"), "\(beyond.text)")

            // Alter one stored byte under the serving application: its reads see the file's pages.
            try Self.flipAByteOfAChildId(file)
            let broken = try await api.get("/verify", as: .auditor)
            #expect(broken.status == 500 && broken.text.contains("hash does not match"), "\(broken.text)")
            #expect(try await api.get("/health").status == 200)
        }
    }

    static func flipAByteOfAChildId(_ file: String) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: file))
        defer { try? handle.close() }
        let bytes = [UInt8](handle.readDataToEndOfFile())
        let needle = Array(#""childId":""#.utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) }) + needle.count
        try handle.seek(toOffset: UInt64(at))
        handle.write(Data([bytes[at] == UInt8(ascii: "Z") ? UInt8(ascii: "Y") : UInt8(ascii: "Z")]))
        try handle.synchronize()
    }
}
