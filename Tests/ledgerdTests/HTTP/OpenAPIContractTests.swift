import Foundation
import Testing

/// Real responses of every operation, for the statuses clients meet, checked against
/// `schemas/openapi.yaml` by an independent validator (`scripts/validate_http.py`: Python's
/// openapi-spec-validator and OpenAPI 3.1 schema validation).
@Suite struct OpenAPIContractTests {
    final class Recorder {
        let daemon: ServingDaemon
        var exchanges: [[String: Any]] = []

        init(_ daemon: ServingDaemon) { self.daemon = daemon }

        @discardableResult
        func call(_ method: String, _ path: String, role: String? = nil, headers: [(String, String)] = [], body: String? = nil)
            throws -> HTTPReply
        {
            let reply = try daemon.request(method, path, role: role, headers: headers, body: body)
            record(method, path, reply)
            return reply
        }

        func record(_ method: String, _ path: String, _ reply: HTTPReply) {
            exchanges.append([
                "method": method, "path": path, "status": reply.status, "contentType": reply.contentType, "body": reply.text,
            ])
        }
    }

    @Test func everyOperationsResponsesMatchTheDocument() throws {
        var r = Requests()
        var lines = try ViewEndpointTests.demo(cases: 20, seed: 4)
        lines += r.directory() + [r.caseOpened("c1")]
        let daemon = try ServingDaemon(lines: lines)
        let api = Recorder(daemon)

        // Appends: 201, 200, 400, 409, 422, 401, 403.
        let consent = r.consent("c1")
        try api.call("POST", "/streams/case-c1", role: "practitioner", body: consent)
        try api.call("POST", "/streams/case-c1", role: "practitioner", body: consent)
        try api.call("POST", "/streams/case-c1", role: "practitioner", body: "[\(r.consent("c1")),\(r.consent("c1"))]")
        try api.call("POST", "/streams/case-c1", role: "practitioner", body: "{}")
        try api.call("POST", "/streams/case-c1", role: "practitioner", body: r.consent("c1", expectedVersion: 0))
        try api.call("POST", "/streams/case-c1", role: "practitioner", body: consent.replacingOccurrences(of: "\"parent\"", with: "\"child\""))
        try api.call("POST", "/streams/case-c1", body: r.consent("c1"))
        try api.call("POST", "/streams/case-c1", role: "auditor", body: r.consent("c1"))

        // Reads.
        try api.call("GET", "/streams/case-c1", role: "integration")
        try api.call("GET", "/streams/case-nope", role: "integration")
        try api.call("GET", "/events?from=1&limit=5", role: "integration")
        try api.call("GET", "/events?limit=0", role: "integration")

        // The verifiable log: the checkpoint the daemon signs at start, and proofs against it.
        let signedBy = Date().addingTimeInterval(10)
        while try daemon.request("GET", "/checkpoint", role: "manager").status != 200, Date() < signedBy { usleep(20_000) }
        try api.call("GET", "/checkpoint", role: "manager")
        try api.call("GET", "/proofs/inclusion?seq=3", role: "integration")
        try api.call("GET", "/proofs/inclusion?seq=99999999", role: "auditor")
        try api.call("GET", "/proofs/inclusion", role: "auditor")
        try api.call("GET", "/proofs/inclusion?seq=3", role: "manager")
        try api.call("GET", "/proofs/consistency?from=2&to=5", role: "practitioner")
        try api.call("GET", "/proofs/consistency?from=9&to=5", role: "practitioner")
        try api.call("GET", "/cases/c1/audit-pack", role: "auditor")
        try api.call("GET", "/cases/nope/audit-pack", role: "auditor")
        try api.call("GET", "/cases/c1/audit-pack", role: "manager")
        try api.call("GET", "/tile/0/000", role: "manager")
        try api.call("GET", "/tile/0/999", role: "manager")
        try api.call("GET", "/tile/9/000", role: "manager")
        try api.call("GET", "/tile/entries/000", role: "integration")
        try api.call("GET", "/tile/entries/000", role: "manager")

        // The live stream: its head and first frames.
        let live = try daemon.connect()
        try live.send("GET", "/events/live?from=1", headers: [("Authorization", "Bearer \(daemon.token("integration"))")])
        var head = try live.readHead(deadline: Date().addingTimeInterval(30))
        var frames = SSEReader(live)
        let firstEvent = try #require(try frames.next(timeout: 30))
        head.body = Array("retry: 1000\n\nid: \(firstEvent.id ?? 0)\ndata: \(firstEvent.data)\n\n".utf8)
        api.record("GET", "/events/live?from=1", head)
        live.close()
        try api.call("GET", "/events/live?type=Nope", role: "integration")

        // Views and cases, from the demo's own IDs.
        let overdue = try api.call("GET", "/views/overdue", role: "manager")
        let item = try #require((try overdue.json() as? [[String: Any]])?.first)
        let caseId = try #require(item["caseId"] as? String)
        let actionId = try #require(item["actionId"] as? String)
        let owner = (item["owner"] as? [String: Any])?["practitionerId"] as? String ?? "sw1"
        for path in [
            "/views/overdue?agency=nm-yot&on=2026-01-31", "/views/overdue?format=csv", "/views/reviews", "/views/unled",
            "/views/caseload", "/views/flags", "/views/flags?flag=review-overdue", "/cases/\(caseId)",
            "/cases/\(caseId)?knownAt=2020-01-01T00:00:00Z", "/cases/\(caseId)/history", "/cases/nope/history",
            "/accountability/cases/\(caseId)", "/accountability/actions/\(caseId)/\(actionId)",
            "/accountability/actions/\(caseId)/no-such-action", "/accountability/practitioners/\(owner)",
            "/exports/annex-a?inspectionDate=2026-10-01", "/exports/annex-a?inspectionDate=2026-10-01&format=csv",
            "/exports/annex-a?inspectionDate=soon", "/views/unled?on=yesterday",
        ] {
            try api.call("GET", path, role: "auditor")
        }
        try api.call("GET", "/views/unled", role: "integration")
        try api.call("GET", "/views/unled", headers: [("Authorization", "Bearer ldg_nope")])

        // The access trail: every read above that carried case data is in it.
        try api.call("GET", "/access-log", role: "auditor")
        try api.call("GET", "/access-log?case=\(caseId)&limit=2", role: "auditor")
        try api.call("GET", "/access-log?principal=token:test%20integration&since=2000-01-01&until=2199-12-31", role: "auditor")
        try api.call("GET", "/access-log?case=nope", role: "auditor")
        try api.call("GET", "/access-log?since=yesterday", role: "auditor")
        try api.call("GET", "/access-log", role: "manager")

        // Audit and operations.
        let digest = try api.call("GET", "/digest", role: "auditor")
        let digestObject = try #require(try digest.json() as? [String: Any])
        try api.call("GET", "/verify", role: "auditor")
        try api.call("GET", "/verify?digest=\(digestObject["seq"] as? Int ?? 1):\(digestObject["hash"] as? String ?? "")", role: "auditor")
        try api.call("GET", "/verify?digest=1:\(String(repeating: "0", count: 64))", role: "auditor")
        try api.call("GET", "/verify?digest=yesterday", role: "auditor")
        try api.call("GET", "/health")
        try api.call("GET", "/livez")
        try api.call("GET", "/readyz")
        try api.call("GET", "/metrics", role: "integration")
        try api.call("GET", "/metrics")

        // Hand the exchanges to the independent validator.
        let file = daemon.directory.path + "/exchanges.json"
        let data = try JSONSerialization.data(withJSONObject: api.exchanges, options: [.prettyPrinted])
        try data.write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ViewSchemaTests.root.appendingPathComponent("scripts/validate_http.py").path, "--all-operations", file]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "responses break schemas/openapi.yaml:\n\(report)")
        // The statuses the tour meant to produce did occur (the validator alone would accept fewer).
        let statuses = Set(api.exchanges.compactMap { $0["status"] as? Int })
        #expect(statuses.isSuperset(of: [200, 201, 400, 401, 403, 404, 409, 422]), "\(statuses.sorted())")
    }
}
