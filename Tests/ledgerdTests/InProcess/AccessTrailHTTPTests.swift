import Foundation
import Ledger
import Testing

@testable import ledgerd

/// The access trail, in-process: every kind of read that carries case data is recorded with
/// its caller, route and cases; failed reads and reads of no case are not; auditors alone read
/// the trail, over HTTP and from the CLI. (The live tail's entries: `LiveTailTests`.)
@Suite struct AccessTrailHTTPTests {
    @Test func everyKindOfReadIsRecordedWithItsCallerRouteAndCases() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(
            lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2"), r.caseOpened("c3"), r.overdueAction("c1", "a1")], signed: true)
        let ids = try ledger.tokenIds()
        let principals = ledger.principals
        try await ledger.serve { api in
            var seen = 0
            func expectOne(_ path: String, _ role: Role, route: String, cases: [String]) async throws {
                let reply = try await api.get(path, as: role)
                #expect(reply.status == 200, "\(path): \(reply.status) \(reply.text.prefix(300))")
                let added = Array(try ledger.trail().dropFirst(seen))
                seen += added.count
                #expect(added.count == 1, "\(route): \(added)")
                guard let entry = added.first else { return }
                #expect(entry["route"] as? String == route && entry["path"] as? String == path, "\(entry)")
                #expect(entry["cases"] as? [String] == cases, "\(route): \(entry)")
                #expect(entry["principal"] as? String == principals[role]?.description && entry["tokenId"] as? String == ids[role])
            }
            func expectNone(_ path: String, _ role: Role, status: Int) async throws {
                let reply = try await api.get(path, as: role)
                #expect(reply.status == status, "\(path): \(reply.status) \(reply.text.prefix(300))")
                #expect(try ledger.trail().count == seen, "\(path) as \(role) was recorded")
            }
            try await expectOne("/cases/c1", .manager, route: "GET /cases/{caseId}", cases: ["c1"])
            try await expectOne("/cases/case-c2/history", .practitioner, route: "GET /cases/{caseId}/history", cases: ["c2"])
            try await expectOne("/views/overdue?on=2025-06-01", .manager, route: "GET /views/overdue", cases: ["c1"])
            try await expectOne("/views/unled", .auditor, route: "GET /views/unled", cases: ["c1", "c2", "c3"])
            try await expectOne("/streams/case-c3", .integration, route: "GET /streams/{stream}", cases: ["c3"])
            try await expectNone("/streams/agency-sc", .integration, status: 200)  // the directory is no child's record
            try await expectOne("/events?from=1&limit=100", .auditor, route: "GET /events", cases: ["c1", "c2", "c3"])
            try await expectNone("/events?from=1&limit=3", .auditor, status: 200)  // the first three events are the directory's

            // An inclusion proof carries its event; wait for a checkpoint that covers seq 5 (c2's opening).
            try await RoleMatrixTests.awaitCheckpoint(api)
            try await expectOne("/proofs/inclusion?seq=5", .integration, route: "GET /proofs/inclusion", cases: ["c2"])
            try await expectOne("/tile/entries/000.p/7", .auditor, route: "GET /tile/entries/**", cases: ["c1", "c2", "c3"])

            // Failed reads disclose nothing, and are not recorded; nor are reads of no case data.
            try await expectNone("/cases/nope", .manager, status: 404)
            try await expectNone("/cases/c1/history?on=bad", .manager, status: 400)
            try await expectNone("/cases/c1", .integration, status: 403)
            try await expectNone("/checkpoint", .manager, status: 200)
            try await expectNone("/digest", .auditor, status: 200)
        }
        // The trail verifies, from the CLI and with the independent script.
        let count = try ledger.trail().count
        let verified = try LedgerdProcess.run(["access-log", "--data", ledger.data, "--verify"])
        #expect(verified.status == 0 && verified.stdout.contains("verified \(count) entries"), "\(verified.stdout)\(verified.stderr)")
        let listing = try LedgerdProcess.run(["access-log", "--data", ledger.data, "--format", "json"])
        let file = ledger.directory + "/trail.json"
        try listing.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let script = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_access_log.py").path
        let independent = try LedgerdProcess.shellOutput("python3", [script, file])
        #expect(independent.status == 0 && independent.output.contains("verified \(count) entries"), "\(independent.output)")
        // What is not the whole trail verifies nothing: a listing with an entry left out, one
        // page of GET /access-log, an empty array.
        var entries = try #require(try JSONParser.parse(listing.stdout).arrayValue)
        try #require(entries.count >= 3, "a trail with an entry to leave out")
        entries.remove(at: 1)
        let gap = String(decoding: CompactJSON.bytes(.array(entries)), as: UTF8.self)
        for (name, text, says) in [
            ("gap.json", gap, "entries are missing"), ("page.json", #"{"entries":[]}"#, "one page of GET /access-log"),
            ("empty.json", "[]", "nothing was verified"),
        ] {
            let path = ledger.directory + "/" + name
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let refused = try LedgerdProcess.shellOutput("python3", [script, path])
            #expect(refused.status == 1 && refused.output.contains(says), "\(name): \(refused.output)")
        }
    }

    @Test func auditorsAloneReadTheTrailAndTheirReadingIsRecorded() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2")])
        try await ledger.serve { api in
            #expect(try await api.get("/cases/c1", as: .manager).status == 200)
            #expect(try await api.get("/cases/c2", as: .practitioner).status == 200)
            for role in Role.allCases where role != .auditor {
                let refused = try await api.get("/access-log", as: role)
                #expect(try refused.status == 403 && ProblemDetails.of(refused)["permission"] as? String == "readAccessLog", "\(role)")
            }
            #expect(try await api.get("/access-log").status == 401)

            let answer = try await api.get("/access-log?case=c1", as: .auditor)
            #expect(answer.status == 200 && answer.contentType == "application/json", "\(answer.text)")
            let page = try #require(try answer.json() as? [String: Any])
            let entries = try #require(page["entries"] as? [[String: Any]])
            #expect(entries.count == 1 && entries[0]["cases"] as? [String] == ["c1"] && page["next"] is NSNull)
            #expect(entries[0]["principal"] as? String == "agency:sc")

            // Reading the trail disclosed c1: that read is in the trail too.
            let after = try ledger.trail()
            #expect(after.count == 3)
            #expect(after.last?["route"] as? String == "GET /access-log" && after.last?["cases"] as? [String] == ["c1"])
            #expect(after.last?["principal"] as? String == "authority:la1")

            // Paging and filters.
            let first = try await api.object("/access-log?limit=1", as: .auditor)
            #expect((first["entries"] as? [Any])?.count == 1 && first["next"] as? Int == 1)
            let second = try await api.object("/access-log?limit=1&after=1", as: .auditor)
            #expect(((second["entries"] as? [[String: Any]])?.first?["seq"] as? Int) == 2)
            let byPrincipal = try await api.object("/access-log?principal=practitioner:sw1", as: .auditor)
            #expect((byPrincipal["entries"] as? [[String: Any]])?.map { $0["cases"] as? [String] ?? [] } == [["c2"]])
            let future = try await api.object("/access-log?since=2199-01-01", as: .auditor)
            #expect((future["entries"] as? [Any])?.isEmpty == true)

            // Wrong questions are errors, never empty answers.
            let unknown = try await api.get("/access-log?case=c3", as: .auditor)
            #expect(unknown.status == 404 && unknown.text.contains("no case c3") && unknown.text.contains("did you mean"), "\(unknown.text)")
            #expect(try await api.get("/access-log?since=yesterday", as: .auditor).status == 400)
            #expect(try await api.get("/access-log?cases=c1", as: .auditor).status == 400)
        }
    }

    @Test func theCommandLineAnswersWhoHasSeenACase() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2")])
        let data = ledger.data
        try await ledger.serve { api in
            let before = try LedgerdProcess.run(["access-log", "--data", data])
            #expect(before.status == 0 && before.stdout.contains("(none)") && before.stderr.contains("no reads recorded yet"), "\(before)")
            for (path, role) in [("/cases/c1", Role.manager), ("/cases/c2/history", .auditor), ("/cases/c1/history", .practitioner)] {
                #expect(try await api.get(path, as: role).status == 200)
            }
            let c1 = try ledger.trail(["--case", "case-c1"])
            #expect(c1.map { $0["principal"] as? String ?? "" } == ["agency:sc", "practitioner:sw1"])
            let table = try LedgerdProcess.run(["access-log", "--data", data, "--case", "c1"])
            #expect(table.status == 0 && table.stdout.contains("GET /cases/{caseId}/history") && !table.stdout.contains("auditor"), "\(table.stdout)")
            let csv = try LedgerdProcess.run(["access-log", "--data", data, "--principal", "authority:la1", "--format", "csv"])
            #expect(
                csv.stdout.hasPrefix("Entry,Recorded at,Principal kind,Principal ID,Token ID,Route,Path,Case IDs\r\n") && csv.stdout.contains(",c2\r\n"),
                "\(csv.stdout)")
            #expect(try ledger.trail(["--since", "2199-01-01"]).isEmpty)
            #expect(try ledger.trail(["--until", "2000-01-01T00:00:00Z"]).isEmpty)

            let unknown = try LedgerdProcess.run(["access-log", "--data", data, "--case", "c3"])
            #expect(unknown.status == 3 && unknown.stderr.contains("no case c3") && unknown.stderr.contains("did you mean"), "\(unknown.stderr)")
            #expect(try LedgerdProcess.run(["access-log", "--data", data, "--since", "soon"]).status == 64)
            // A principal the directory does not know is a mistake, not "saw nothing"; a system
            // is not in the directory, so any name is taken; a period that ends before it starts
            // is refused.
            let typo = try LedgerdProcess.run(["access-log", "--data", data, "--principal", "practitioner:sw2"])
            #expect(typo.status == 3 && typo.stderr.contains("no practitioner sw2 in the directory; did you mean sw1"), "\(typo.stderr)")
            #expect(try LedgerdProcess.run(["access-log", "--data", data, "--principal", "system:warehouse"]).status == 0)
            let backwards = try LedgerdProcess.run(["access-log", "--data", data, "--since", "2026-02-01", "--until", "2026-01-01"])
            #expect(backwards.status == 64 && backwards.stderr.contains("the period is empty"), "\(backwards.stderr)")
            let overHTTP = try await api.get("/access-log?principal=agency:scx", as: .auditor)
            #expect(overHTTP.status == 404 && overHTTP.text.contains("no agency scx in the directory"), "\(overHTTP.text)")
            let inverted = try await api.get("/access-log?since=2026-02-01&until=2026-01-01", as: .auditor)
            #expect(inverted.status == 422 && inverted.text.contains("the period is empty"), "\(inverted.text)")
            #expect(try LedgerdProcess.run(["access-log", "--data", data, "--verify", "--case", "c1"]).status == 64)
        }
        // A ledger no daemon has served has no trail: an empty answer, said on stderr.
        let fresh = ledger.directory + "/fresh"
        #expect(try LedgerdProcess.run(["import", "--data", fresh, "-"], input: r.directory().joined(separator: "\n") + "\n").status == 0)
        let empty = try LedgerdProcess.run(["access-log", "--data", fresh, "--format", "json"])
        #expect(empty.status == 0 && empty.stdout == "[]\n" && empty.stderr.contains("no reads recorded yet"), "\(empty)")
        #expect(!FileManager.default.fileExists(atPath: fresh + "/access"), "listing creates nothing")
    }
}
