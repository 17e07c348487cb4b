import Foundation
import Testing

/// Tokens bound to principals and authenticated authorship (issue #15 items 1–2), against the
/// real daemon: who may append as whom, what is recorded as `recordedBy`, and the tokens that
/// stop working (expired, a practitioner who has left).
@Suite struct AuthorshipTests {
    @Test func aPractitionerAppendsOnlyAsThemselfAndIsRecordedAsTheAuthor() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])

        // Their own actor: appended, and recorded as theirs.
        let own = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: r.consent("c1"))
        #expect(own.status == 201, "\(own.text)")

        // Another practitioner's name: 403 naming actor, nothing appended.
        let forged = r.consent("c1").replacingOccurrences(of: #""actor":"sw1""#, with: #""actor":"sw2""#)
        let refused = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: forged)
        #expect(refused.status == 403, "\(refused.text)")
        let problem = try #require(try refused.json() as? [String: Any])
        #expect(problem["field"] as? String == "actor" && problem["type"] as? String == "urn:ledgerd:problem:not-yours")
        #expect((problem["detail"] as? String)?.contains("sw2") == true && problem["eventId"] != nil)
        // A batch with one forged event appends none of it.
        let mixed = try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: "[\(r.consent("c1")),\(forged)]")
        let mixedIndex = (try mixed.json() as? [String: Any])?["index"] as? Int
        #expect(mixed.status == 403 && mixedIndex == 1)

        let stream = try #require(try daemon.request("GET", "/streams/case-c1", role: "auditor").json() as? [[String: Any]])
        #expect(stream.count == 2, "only the own-name append landed")
        #expect(stream.last?["recordedBy"] as? String == "practitioner:sw1")
        // Imported by the operator through the CLI: recorded as the local account.
        #expect((stream.first?["recordedBy"] as? String)?.hasPrefix("local:") == true, "\(stream.first ?? [:])")
        let history = try #require(try daemon.request("GET", "/cases/c1/history", role: "auditor").json() as? [[String: Any]])
        #expect(history.map { $0["recordedBy"] as? String }.last == "practitioner:sw1")

        // The chain, recordedBy included, verifies with the independent script.
        let export = try LedgerdProcess.run(["export", "--data", daemon.data])
        let file = try daemon.directory.write("export.ndjson", [export.stdout.trimmingCharacters(in: .newlines)])
        let script = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_chain.py").path
        let verified = try LedgerdProcess.shellOutput("python3", [script, file])
        #expect(verified.status == 0, "\(verified.output)")
    }

    @Test func aWriterAppendsForAnyRegisteredPractitionerOrItsOwnSystem() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])
        let forPractitioner = try daemon.request("POST", "/streams/case-c1", role: "writer", body: r.consent("c1"))
        #expect(forPractitioner.status == 201, "\(forPractitioner.text)")
        // Its own system name (directory events): allowed; another system's: refused.
        let agency = r.line(
            "AgencyRegistered", "agency-hv",
            #"{"agencyId":"hv","name":"Health Visiting","authorityId":"la1","sector":"statutory","service":"health"}"#)
        #expect(try daemon.request("POST", "/streams/agency-hv", role: "writer", body: agency).status == 201)
        let other = r.line(
            "AgencyRegistered", "agency-yt",
            #"{"agencyId":"yt","name":"YOT","authorityId":"la1","sector":"statutory","service":"youth-justice"}"#,
            actor: "system:elsewhere")
        let refused = try daemon.request("POST", "/streams/agency-yt", role: "writer", body: other)
        #expect(refused.status == 403 && refused.text.contains("system:test"), "\(refused.text)")
        // An unregistered practitioner is refused by the ledger's own rule.
        let ghost = r.consent("c1").replacingOccurrences(of: #""actor":"sw1""#, with: #""actor":"ghost""#)
        #expect(try daemon.request("POST", "/streams/case-c1", role: "writer", body: ghost).status == 422)
        // Neither managers nor integrations append at all.
        #expect(try daemon.request("POST", "/streams/case-c1", role: "integration", body: r.consent("c1")).status == 403)
        let stream = try #require(try daemon.request("GET", "/streams/case-c1", role: "auditor").json() as? [[String: Any]])
        #expect(stream.last?["recordedBy"] as? String == "system:test")
    }

    @Test func expiredTokensAndDepartedPractitionersStopWorking() throws {
        var r = Requests()
        let sw2 = r.line(
            "PractitionerRegistered", "practitioner-sw2",
            #"{"practitionerId":"sw2","name":"S W 2","agencyId":"sc","role":"social-worker","lineManagerId":null}"#)
        let daemon = try ServingDaemon(lines: r.directory() + [sw2, r.caseOpened("c1")])
        let shortLived = try LedgerdProcess.addToken(daemon.data, ["--role", "auditor", "--authority", "la1", "--expires-in", "2s"])
        let departing = try LedgerdProcess.addToken(daemon.data, ["--role", "practitioner", "--practitioner", "sw2"])
        let connection = { try daemon.connect() }
        #expect(try connection().request("GET", "/digest", token: shortLived).status == 200)
        #expect(try connection().request("GET", "/cases/c1", token: departing).status != 401)

        let left = r.line("PractitionerLeft", "practitioner-sw2", #"{"practitionerId":"sw2","leftOn":"2025-06-30"}"#)
        #expect(try daemon.request("POST", "/streams/practitioner-sw2", role: "writer", body: left).status == 201)
        let refused = try connection().request("GET", "/cases/c1", token: departing)
        #expect(refused.status == 401 && refused.text.contains("has left"), "\(refused.text)")

        let deadline = Date().addingTimeInterval(10)
        var expired = try connection().request("GET", "/digest", token: shortLived)
        while expired.status == 200, Date() < deadline {
            usleep(200_000)
            expired = try connection().request("GET", "/digest", token: shortLived)
        }
        #expect(expired.status == 401 && expired.text.contains("expired"), "\(expired.text)")
        // No new token for a practitioner who has left.
        let again = try LedgerdProcess.run(["token", "add", "--data", daemon.data, "--role", "practitioner", "--name", "x", "--practitioner", "sw2"])
        #expect(again.status == 3 && again.stderr.contains("has left"), "\(again.stderr)")
    }

    @Test func tokenAddRequiresTheRightPrincipalAndNamesWhatIsWrong() throws {
        var r = Requests()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = directory.path + "/ledger"
        #expect(try LedgerdProcess.run(["import", "--data", data, try directory.write("d.ndjson", r.directory())]).status == 0)
        func add(_ arguments: [String]) throws -> LedgerdProcess.Result {
            try LedgerdProcess.run(["token", "add", "--data", data, "--name", "t\(arguments.count)-\(UUID().uuidString.prefix(6))"] + arguments)
        }
        let missing = try add(["--role", "practitioner"])
        #expect(missing.status == 64 && missing.stderr.contains("--practitioner"), "\(missing.stderr)")
        let wrongKind = try add(["--role", "auditor", "--agency", "sc"])
        #expect(wrongKind.status == 64 && wrongKind.stderr.contains("--authority"), "\(wrongKind.stderr)")
        let twoPrincipals = try add(["--role", "manager", "--agency", "sc", "--authority", "la1"])
        #expect(twoPrincipals.status == 64)
        let limitsOnManager = try add(["--role", "manager", "--agency", "sc", "--streams", "case-"])
        #expect(limitsOnManager.status == 64)
        let typo = try add(["--role", "practitioner", "--practitioner", "sw2"])
        #expect(typo.status == 3 && typo.stderr.contains("did you mean sw1"), "\(typo.stderr)")
        let unknownAgency = try add(["--role", "manager", "--agency", "nowhere"])
        #expect(unknownAgency.status == 3 && unknownAgency.stderr.contains("agency nowhere is not registered"))
        let badType = try add(["--role", "integration", "--system", "dw", "--types", "CaseOpend"])
        #expect(badType.status == 64 && badType.stderr.contains("CaseOpened"), "\(badType.stderr)")
        let badExpiry = try add(["--role", "auditor", "--authority", "la1", "--expires-in", "soon"])
        #expect(badExpiry.status == 64)
        let integration = try add(["--role", "integration", "--system", "dw", "--streams", "case-", "--types", "CaseOpened,CaseClosed"])
        #expect(integration.status == 0, "\(integration.stderr)")
        let list = try LedgerdProcess.run(["token", "list", "--data", data, "--format", "json"])
        #expect(list.stdout.contains(#""principal":"system:dw""#) && list.stdout.contains(#""streams":["case-"]"#), "\(list.stdout)")
        #expect(list.stdout.contains(#""types":["CaseOpened","CaseClosed"]"#))
        let table = try LedgerdProcess.run(["token", "list", "--data", data])
        #expect(table.stdout.contains("system:dw") && table.stdout.contains("PRINCIPAL"))
    }
}
