import Foundation
import Testing

/// The access trail against the real daemon: every kind of read that carries case data is
/// recorded with its caller, route and cases; failed reads and reads of no case are not;
/// auditors alone read the trail, over HTTP and from the CLI.
@Suite struct AccessTrailTests {
    /// The whole trail (or a filtered part), as `ledgerd access-log --format json` lists it.
    static func trail(_ daemon: ServingDaemon, _ filters: [String] = []) throws -> [[String: Any]] {
        let listed = try LedgerdProcess.run(["access-log", "--data", daemon.data, "--format", "json"] + filters)
        try #require(listed.status == 0, "access-log failed: \(listed.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    /// Each token's id, by role.
    static func tokenIds(_ daemon: ServingDaemon) throws -> [String: String] {
        let listed = try LedgerdProcess.run(["token", "list", "--data", daemon.data, "--format", "json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: records.compactMap { r in
            (r["role"] as? String).flatMap { role in (r["id"] as? String).map { (role, $0) } }
        })
    }

    /// The entries recorded since `count`, after asking `read` (polled briefly: a live
    /// stream's entry is in the trail before its frames, so no wait should be needed).
    static func newEntries(_ daemon: ServingDaemon, after count: Int) throws -> [[String: Any]] {
        Array(try trail(daemon).dropFirst(count))
    }

    @Test func everyKindOfReadIsRecordedWithItsCallerRouteAndCases() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2"), r.caseOpened("c3"), r.overdueAction("c1", "a1")])
        let ids = try Self.tokenIds(daemon)
        var seen = 0
        /// Reads with `role`, expects 200, and returns the entries it added.
        func read(_ path: String, _ role: String) throws -> [[String: Any]] {
            let reply = try daemon.request("GET", path, role: role)
            #expect(reply.status == 200, "\(path): \(reply.status) \(reply.text.prefix(300))")
            let added = try Self.newEntries(daemon, after: seen)
            seen += added.count
            return added
        }
        func expectOne(_ added: [[String: Any]], route: String, path: String, cases: [String], role: String) {
            #expect(added.count == 1, "\(route): \(added)")
            guard let entry = added.first else { return }
            #expect(entry["route"] as? String == route)
            #expect(entry["path"] as? String == path)
            #expect(entry["cases"] as? [String] == cases, "\(route): \(entry)")
            #expect(entry["principal"] as? String == ServingDaemon.testPrincipal[role])
            #expect(entry["tokenId"] as? String == ids[role])
        }
        expectOne(try read("/cases/c1", "manager"), route: "GET /cases/{caseId}", path: "/cases/c1", cases: ["c1"], role: "manager")
        expectOne(
            try read("/cases/case-c2/history", "practitioner"), route: "GET /cases/{caseId}/history", path: "/cases/case-c2/history",
            cases: ["c2"], role: "practitioner")
        expectOne(
            try read("/views/overdue?on=2025-06-01", "manager"), route: "GET /views/overdue", path: "/views/overdue?on=2025-06-01",
            cases: ["c1"], role: "manager")
        expectOne(try read("/views/unled", "auditor"), route: "GET /views/unled", path: "/views/unled", cases: ["c1", "c2", "c3"], role: "auditor")
        expectOne(
            try read("/streams/case-c3", "integration"), route: "GET /streams/{stream}", path: "/streams/case-c3", cases: ["c3"],
            role: "integration")
        #expect(try read("/streams/agency-sc", "integration").isEmpty, "the directory's streams are no child's record")
        expectOne(
            try read("/events?from=1&limit=100", "auditor"), route: "GET /events", path: "/events?from=1&limit=100",
            cases: ["c1", "c2", "c3"], role: "auditor")
        #expect(try read("/events?from=1&limit=3", "auditor").isEmpty, "the first three events are the directory's")

        // The live tail: the batch of case events is recorded before its frames arrive.
        var live = try LiveTailTests.subscribe(daemon, "?from=1")
        #expect(try LiveTailTests.ids(&live, count: 7) == Array(1...7))
        let tailed = try Self.newEntries(daemon, after: seen)
        seen += tailed.count
        expectOne(tailed, route: "GET /events/live", path: "/events/live?from=1", cases: ["c1", "c2", "c3"], role: "integration")
        #expect(try daemon.request("POST", "/streams/case-c2", role: "practitioner", body: r.consent("c2")).status == 201)
        #expect(try LiveTailTests.ids(&live, count: 1) == [8])
        let appended = try Self.newEntries(daemon, after: seen)
        seen += appended.count
        expectOne(appended, route: "GET /events/live", path: "/events/live?from=1", cases: ["c2"], role: "integration")
        live.connection.close()

        // An inclusion proof carries its event; wait for a checkpoint that covers seq 5 (c2's opening).
        let deadline = Date().addingTimeInterval(10)
        var proof = try daemon.request("GET", "/proofs/inclusion?seq=5", role: "integration")
        while proof.status == 404, Date() < deadline {
            usleep(20_000)
            proof = try daemon.request("GET", "/proofs/inclusion?seq=5", role: "integration")
        }
        #expect(proof.status == 200, "\(proof.text)")
        let proved = try Self.newEntries(daemon, after: seen)
        seen += proved.count
        expectOne(proved, route: "GET /proofs/inclusion", path: "/proofs/inclusion?seq=5", cases: ["c2"], role: "integration")
        expectOne(
            try read("/tile/entries/000.p/8", "auditor"), route: "GET /tile/entries/**", path: "/tile/entries/000.p/8",
            cases: ["c1", "c2", "c3"], role: "auditor")

        // Failed reads disclose nothing, and are not recorded; nor are reads of no case data.
        #expect(try daemon.request("GET", "/cases/nope", role: "manager").status == 404)
        #expect(try daemon.request("GET", "/cases/c1/history?on=bad", role: "manager").status == 400)
        #expect(try daemon.request("GET", "/cases/c1", role: "integration").status == 403)
        #expect(try daemon.request("GET", "/checkpoint", role: "manager").status == 200)
        #expect(try daemon.request("GET", "/digest", role: "auditor").status == 200)
        #expect(try Self.trail(daemon).count == seen)

        // The trail verifies, from the CLI and with the independent script.
        let verified = try LedgerdProcess.run(["access-log", "--data", daemon.data, "--verify"])
        #expect(verified.status == 0 && verified.stdout.contains("verified \(seen) entries"), "\(verified.stdout)\(verified.stderr)")
        let listing = try LedgerdProcess.run(["access-log", "--data", daemon.data, "--format", "json"])
        let file = try daemon.directory.write("trail.json", [listing.stdout])
        let script = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_access_log.py").path
        let independent = try LedgerdProcess.shellOutput("python3", [script, file])
        #expect(independent.status == 0 && independent.output.contains("verified \(seen) entries"), "\(independent.output)")
    }

    @Test func auditorsAloneReadTheTrailAndTheirReadingIsRecorded() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2")])
        #expect(try daemon.request("GET", "/cases/c1", role: "manager").status == 200)
        #expect(try daemon.request("GET", "/cases/c2", role: "practitioner").status == 200)
        for role in ["manager", "practitioner", "integration"] {
            let refused = try daemon.request("GET", "/access-log", role: role)
            #expect(refused.status == 403 && refused.text.contains("readAccessLog"), "\(role): \(refused.status)")
        }
        #expect(try daemon.request("GET", "/access-log").status == 401)

        let answer = try daemon.request("GET", "/access-log?case=c1", role: "auditor")
        #expect(answer.status == 200 && answer.contentType == "application/json", "\(answer.text)")
        let page = try #require(try answer.json() as? [String: Any])
        let entries = try #require(page["entries"] as? [[String: Any]])
        #expect(entries.count == 1 && entries[0]["cases"] as? [String] == ["c1"] && page["next"] is NSNull)
        #expect(entries[0]["principal"] as? String == "agency:sc")

        // Reading the trail disclosed c1: that read is in the trail too.
        let after = try Self.trail(daemon)
        #expect(after.count == 3)
        #expect(after.last?["route"] as? String == "GET /access-log" && after.last?["cases"] as? [String] == ["c1"])
        #expect(after.last?["principal"] as? String == "authority:la1")

        // Paging and filters.
        let first = try #require(try daemon.request("GET", "/access-log?limit=1", role: "auditor").json() as? [String: Any])
        #expect((first["entries"] as? [Any])?.count == 1 && first["next"] as? Int == 1)
        let second = try #require(try daemon.request("GET", "/access-log?limit=1&after=1", role: "auditor").json() as? [String: Any])
        #expect(((second["entries"] as? [[String: Any]])?.first?["seq"] as? Int) == 2)
        let byPrincipal = try #require(
            try daemon.request("GET", "/access-log?principal=practitioner:sw1", role: "auditor").json() as? [String: Any])
        #expect((byPrincipal["entries"] as? [[String: Any]])?.map { $0["cases"] as? [String] ?? [] } == [["c2"]])
        let future = try #require(try daemon.request("GET", "/access-log?since=2199-01-01", role: "auditor").json() as? [String: Any])
        #expect((future["entries"] as? [Any])?.isEmpty == true)

        // Wrong questions are errors, never empty answers.
        let unknown = try daemon.request("GET", "/access-log?case=c3", role: "auditor")
        #expect(unknown.status == 404 && unknown.text.contains("no case c3") && unknown.text.contains("did you mean"), "\(unknown.text)")
        #expect(try daemon.request("GET", "/access-log?since=yesterday", role: "auditor").status == 400)
        #expect(try daemon.request("GET", "/access-log?cases=c1", role: "auditor").status == 400)
    }

    @Test func theCommandLineAnswersWhoHasSeenACase() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2")])
        let before = try LedgerdProcess.run(["access-log", "--data", daemon.data])
        #expect(before.status == 0 && before.stdout.contains("(none)") && before.stderr.contains("no reads recorded yet"), "\(before)")
        for (path, role) in [("/cases/c1", "manager"), ("/cases/c2/history", "auditor"), ("/cases/c1/history", "practitioner")] {
            #expect(try daemon.request("GET", path, role: role).status == 200)
        }
        let c1 = try Self.trail(daemon, ["--case", "case-c1"])
        #expect(c1.map { $0["principal"] as? String ?? "" } == ["agency:sc", "practitioner:sw1"])
        let table = try LedgerdProcess.run(["access-log", "--data", daemon.data, "--case", "c1"])
        #expect(table.status == 0 && table.stdout.contains("GET /cases/{caseId}/history") && !table.stdout.contains("auditor"), "\(table.stdout)")
        let csv = try LedgerdProcess.run(["access-log", "--data", daemon.data, "--principal", "authority:la1", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("Entry,Recorded at,Principal kind,Principal ID,Token ID,Route,Path,Case IDs\r\n") && csv.stdout.contains(",c2\r\n"), "\(csv.stdout)")
        #expect(try Self.trail(daemon, ["--since", "2199-01-01"]).isEmpty)
        #expect(try Self.trail(daemon, ["--until", "2000-01-01T00:00:00Z"]).isEmpty)

        let unknown = try LedgerdProcess.run(["access-log", "--data", daemon.data, "--case", "c3"])
        #expect(unknown.status == 3 && unknown.stderr.contains("no case c3") && unknown.stderr.contains("did you mean"), "\(unknown.stderr)")
        #expect(try LedgerdProcess.run(["access-log", "--data", daemon.data, "--since", "soon"]).status == 64)
        #expect(try LedgerdProcess.run(["access-log", "--data", daemon.data, "--verify", "--case", "c1"]).status == 64)

        // A ledger no daemon has served has no trail: an empty answer, said on stderr.
        let fresh = daemon.directory.path + "/fresh"
        #expect(try LedgerdProcess.run(["import", "--data", fresh, "-"], input: r.directory().joined(separator: "\n") + "\n").status == 0)
        let empty = try LedgerdProcess.run(["access-log", "--data", fresh, "--format", "json"])
        #expect(empty.status == 0 && empty.stdout == "[]\n" && empty.stderr.contains("no reads recorded yet"), "\(empty)")
        #expect(!FileManager.default.fileExists(atPath: fresh + "/access"), "listing creates nothing")
    }
}
