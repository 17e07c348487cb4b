import Foundation
import Ledger
import Testing

@testable import ledgerd

/// Tokens bound to principals and authenticated authorship (issue #15 items 1–2), in-process:
/// who may append as whom, what is recorded as `recordedBy`, and the tokens that stop working
/// (revoked, expired, a practitioner who has left).
@Suite struct AuthorshipTests {
    @Test func aPractitionerAppendsOnlyAsThemselfAndIsRecordedAsTheAuthor() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1")])
        try await ledger.serve { [r] api in
            var r = r
            // Their own actor: appended, and recorded as theirs.
            let own = try await api.post("/streams/case-c1", as: .practitioner, body: r.consent("c1"))
            #expect(own.status == 201, "\(own.text)")

            // Another practitioner's name: 403 naming actor, nothing appended.
            let forged = r.consent("c1", actor: "sw2")
            let refused = try await api.post("/streams/case-c1", as: .practitioner, body: forged)
            #expect(refused.status == 403, "\(refused.text)")
            let problem = try ProblemDetails.of(refused)
            #expect(problem.field == "actor" && problem.slug == "not-yours")
            #expect(problem.detail.contains("sw2") && problem["eventId"] != nil)
            // A batch with one forged event appends none of it.
            let mixed = try await api.post("/streams/case-c1", as: .practitioner, body: "[\(r.consent("c1")),\(forged)]")
            #expect(try mixed.status == 403 && ProblemDetails.of(mixed).index == 1)

            let stream = try await api.objects("/streams/case-c1", as: .auditor)
            #expect(stream.count == 2, "only the own-name append landed")
            #expect(stream.last?["recordedBy"] as? String == "practitioner:sw1")
            // Imported by the operator: recorded as the local account.
            #expect((stream.first?["recordedBy"] as? String)?.hasPrefix("local:") == true, "\(stream.first ?? [:])")
            let history = try await api.objects("/cases/c1/history", as: .auditor)
            #expect(history.map { $0["recordedBy"] as? String }.last == "practitioner:sw1")
        }
        // The chain, recordedBy included, verifies with the independent script.
        let export = try LedgerdProcess.run(["export", "--data", ledger.data])
        let file = ledger.directory + "/export.ndjson"
        try export.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let script = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_chain.py").path
        let verified = try LedgerdProcess.shellOutput("python3", [script, file])
        #expect(export.status == 0 && verified.status == 0, "\(export.stderr)\(verified.output)")
    }

    @Test func aWriterAppendsForAnyRegisteredPractitionerOrItsOwnSystem() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1")])
        try await ledger.serve { [r] api in
            var r = r
            let forPractitioner = try await api.post("/streams/case-c1", as: .writer, body: r.consent("c1"))
            #expect(forPractitioner.status == 201, "\(forPractitioner.text)")
            // Its own system name (directory events): allowed; another system's: refused.
            let agency = r.line(
                .agencyRegistered(agencyId: "hv", name: "Health Visiting", authorityId: "la1", sector: "statutory", service: "health"),
                "agency-hv")
            #expect(try await api.post("/streams/agency-hv", as: .writer, body: agency).status == 201)
            let other = r.line(
                .agencyRegistered(agencyId: "yt", name: "YOT", authorityId: "la1", sector: "statutory", service: "youth-justice"),
                "agency-yt", actor: "system:elsewhere")
            let refused = try await api.post("/streams/agency-yt", as: .writer, body: other)
            #expect(try refused.status == 403 && ProblemDetails.of(refused).detail.contains("system:test"), "\(refused.text)")
            // An unregistered practitioner is refused by the ledger's own rule.
            let ghost = r.consent("c1", actor: "ghost")
            #expect(try await api.post("/streams/case-c1", as: .writer, body: ghost).status == 422)
            let stream = try await api.objects("/streams/case-c1", as: .auditor)
            #expect(stream.last?["recordedBy"] as? String == "system:test")
        }
    }

    @Test func revokedExpiredAndDepartedTokensStopWorkingAtOnce() async throws {
        var r = Requests()
        let sw2 = r.line(
            .practitionerRegistered(practitionerId: "sw2", name: "S W 2", agencyId: "sc", role: "social-worker", lineManagerId: nil),
            "practitioner-sw2")
        let ledger = try InProcessLedger(lines: r.directory() + [sw2, r.caseOpened("c1")])
        let store = try TokenStore(ledger: ledger.ledger)
        let departing = try store.add(name: "departing", role: .practitioner, principal: .practitioner("sw2"), now: Ledger.systemClock()).token
        try await ledger.serve { [r] api in
            var r = r
            // Made while serving, as `token add --expires-in` would: a token works at once, and
            // one whose time has passed is refused, with no restart. Two tokens, so that a slow
            // first request on a loaded machine cannot outlast the one that must still work.
            let now = Ledger.systemClock()
            let lasting = try store.add(
                name: "lasting", role: .auditor, principal: .authority("la1"),
                expiresAt: Timestamp(microseconds: now.microseconds + 600_000_000), now: now
            ).token
            let shortLived = try store.add(
                name: "short", role: .auditor, principal: .authority("la1"), expiresAt: Timestamp(microseconds: now.microseconds + 1_000_000),
                now: now
            ).token
            let works = try await api.get("/digest", token: lasting)
            #expect(works.status == 200, "\(works.text)")
            #expect(try await api.get("/cases/c1", token: departing).status != 401)

            // Revoked (as `token revoke` does, on the data directory) while serving: refused at once.
            _ = try store.revoke("test manager", now: Ledger.systemClock())
            let revoked = try await api.get("/views/overdue", as: .manager)
            #expect(try revoked.status == 401 && ProblemDetails.of(revoked).detail.contains("revoked"), "\(revoked.text)")

            let left = r.line(.practitionerLeft(practitionerId: "sw2", leftOn: CalendarDate(dayNumber: 20_269)), "practitioner-sw2")
            #expect(try await api.post("/streams/practitioner-sw2", as: .writer, body: left).status == 201)
            let gone = try await api.get("/cases/c1", token: departing)
            #expect(try gone.status == 401 && ProblemDetails.of(gone).detail.contains("has left"), "\(gone.text)")

            // Past its expiry (the clock the daemon reads), whatever the load.
            while Ledger.systemClock().microseconds <= now.microseconds + 1_100_000 { try await Task.sleep(for: .milliseconds(50)) }
            let expired = try await api.get("/digest", token: shortLived)
            #expect(try expired.status == 401 && ProblemDetails.of(expired).detail.contains("expired"), "\(expired.text)")
        }
    }
}
