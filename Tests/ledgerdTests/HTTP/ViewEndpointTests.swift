import Foundation
import Testing

/// The views over HTTP are the CLI's views: same parameters, same bytes; and an append by
/// another process shows in them while the daemon runs.
@Suite struct ViewEndpointTests {
    static func demo(cases: Int, seed: Int) throws -> [String] {
        let demo = try LedgerdProcess.run(["demo", "--cases", String(cases), "--seed", String(seed)])
        try #require(demo.status == 0, "\(demo.stderr)")
        return demo.stdout.split(separator: "\n").map(String.init)
    }

    @Test func everyViewMatchesTheCLIByteForByte() throws {
        let daemon = try ServingDaemon(lines: try Self.demo(cases: 40, seed: 11))
        let overdue = try daemon.request("GET", "/views/overdue", role: "manager")
        #expect(overdue.status == 200)
        let items = try #require(try overdue.json() as? [[String: Any]])
        let item = try #require(items.first, "the demo has overdue actions")
        let caseId = try #require(item["caseId"] as? String)
        let actionId = try #require(item["actionId"] as? String)
        let owner = (item["owner"] as? [String: Any])?["practitionerId"] as? String ?? "prac-000001"
        let agency = item["ownerAgencyId"] as? String ?? "nm-yot"

        let pairs: [(http: String, cli: [String])] = [
            ("/views/overdue", ["overdue"]),
            ("/views/overdue?agency=\(agency)", ["overdue", "--agency", agency]),
            ("/views/overdue?practitioner=\(owner)&on=2026-01-31", ["overdue", "--practitioner", owner, "--on", "2026-01-31"]),
            ("/views/overdue?case=case-\(caseId)", ["overdue", "--case", "case-\(caseId)"]),
            ("/views/overdue?on=2025-06-30&knownAt=2030-01-01T00:00:00Z", ["overdue", "--on", "2025-06-30", "--known-at", "2030-01-01T00:00:00Z"]),
            ("/views/reviews", ["reviews"]),
            ("/views/unled?on=2025-12-01", ["unled", "--on", "2025-12-01"]),
            ("/views/caseload?agency=\(agency)", ["caseload", "--agency", agency]),
            ("/views/flags", ["flags"]),
            ("/views/flags?flag=review-overdue", ["flags", "--flag", "review-overdue"]),
            ("/cases/\(caseId)", ["case", caseId]),
            ("/cases/case-\(caseId)?on=2025-01-01", ["case", caseId, "--on", "2025-01-01"]),
            ("/cases/\(caseId)/history", ["history", caseId]),
            ("/cases/\(caseId)/history?on=2025-06-30", ["history", caseId, "--on", "2025-06-30"]),
            ("/accountability/cases/\(caseId)", ["accountability", "--case", caseId]),
            ("/accountability/actions/\(caseId)/\(actionId)", ["accountability", "--action", "\(caseId)/\(actionId)"]),
            ("/accountability/practitioners/\(owner)", ["accountability", "--practitioner", owner]),
            ("/exports/annex-a?inspectionDate=2026-10-01", ["annex-a", "--inspection-date", "2026-10-01"]),
        ]
        for pair in pairs {
            let reply = try daemon.request("GET", pair.http, role: "auditor")
            let cli = try LedgerdProcess.run(pair.cli + ["--data", daemon.data, "--format", "json"])
            // A case that did not exist yet on that date: both say so (404 / exit 3).
            if cli.status == 3 {
                #expect(reply.status == 404, "\(pair.http): \(reply.status)")
                continue
            }
            #expect(reply.status == 200, "\(pair.http): \(reply.status) \(reply.text.prefix(300))")
            #expect(reply.contentType == "application/json")
            let difference = zip(reply.body, cli.stdout.utf8).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(reply.body.count, cli.stdout.utf8.count)
            #expect(
                reply.text == cli.stdout,
                "\(pair.http) differs from ledgerd \(pair.cli.joined(separator: " ")) at byte \(difference): \(reply.text.utf8.dropFirst(difference).prefix(80))")
        }
        let csv = try daemon.request("GET", "/exports/annex-a?inspectionDate=2026-10-01&format=csv", role: "manager")
        let cliCSV = try LedgerdProcess.run(["annex-a", "--data", daemon.data, "--inspection-date", "2026-10-01", "--format", "csv"])
        #expect(csv.contentType.hasPrefix("text/csv") && csv.text == cliCSV.stdout)

        let unknown = try daemon.request("GET", "/cases/EH-1999-000001", role: "manager")
        #expect(unknown.status == 404 && unknown.text.contains("EH-1999-000001"))
        let badDate = try daemon.request("GET", "/views/overdue?on=2025-02-30", role: "manager")
        #expect(badDate.status == 400 && badDate.text.contains("\"field\":\"on\""))
        let badFlag = try daemon.request("GET", "/views/flags?flag=late", role: "manager")
        #expect(badFlag.status == 400 && badFlag.text.contains("review-overdue"))
        let noDate = try daemon.request("GET", "/exports/annex-a", role: "manager")
        #expect(noDate.status == 400 && noDate.text.contains("inspectionDate"))
    }

    @Test func anAppendByTheCLIShowsInTheServedViewPromptly() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])
        let before = try daemon.request("GET", "/views/overdue?case=c1", role: "manager")
        #expect(before.text == "[]\n")

        let file = try daemon.directory.write("action.ndjson", [r.overdueAction("c1", "act-1")])
        #expect(try LedgerdProcess.run(["append", "--data", daemon.data, file]).status == 0)
        let appended = Date()
        var seen: TimeInterval?
        while Date().timeIntervalSince(appended) < 5 {
            let reply = try daemon.request("GET", "/views/overdue?case=c1", role: "manager")
            if reply.text.contains("\"act-1\"") {
                seen = Date().timeIntervalSince(appended)
                break
            }
            usleep(2000)
        }
        let latency = try #require(seen, "the CLI's append never showed in the daemon's view")
        // The daemon notices within milliseconds (BENCHMARKS.md); a loaded CI machine gets slack.
        #expect(latency < 1, "took \(latency) s")
        let health = try daemon.request("GET", "/health")
        #expect(health.text.contains("\"headSeq\":5") && health.text.contains("\"projectionSeq\":5"), "\(health.text)")
    }
}
