import Foundation
import Testing

@testable import ledgerd

/// Real responses of every operation, for the statuses clients meet, checked against
/// `schemas/openapi.yaml` by an independent validator (`scripts/validate_http.py`: Python's
/// openapi-spec-validator and OpenAPI 3.1 schema validation). The live stream's frames are
/// checked by `LiveTailTests`, which reads them from a socket.
@Suite struct OpenAPIContractTests {
    @Test func everyOperationsResponsesMatchTheDocument() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(
            lines: InProcessLedger.demo(cases: 20, seed: 4) + r.directory() + [r.caseOpened("c1")], principals: InProcessLedger.demoPrincipals,
            signed: true)
        let api = ExchangeRecorder()
        try await ledger.serve { [r] client in
            var r = r
            // Appends: 201, 200, 400, 409, 422, 401, 403.
            let consentId = r.eventId()
            let consent = r.consent("c1", eventId: consentId)
            try await client.call(api, .post, "/streams/case-c1", as: .practitioner, body: consent)
            try await client.call(api, .post, "/streams/case-c1", as: .practitioner, body: consent)
            try await client.call(api, .post, "/streams/case-c1", as: .practitioner, body: "[\(r.consent("c1")),\(r.consent("c1"))]")
            try await client.call(api, .post, "/streams/case-c1", as: .practitioner, body: "{}")
            try await client.call(api, .post, "/streams/case-c1", as: .practitioner, body: r.consent("c1", expectedVersion: 0))
            try await client.call(
                api, .post, "/streams/case-c1", as: .practitioner, body: r.consent("c1", givenBy: "child", eventId: consentId))
            try await client.call(api, .post, "/streams/case-c1", body: r.consent("c1"))
            try await client.call(api, .post, "/streams/case-c1", as: .auditor, body: r.consent("c1"))

            // Reads.
            try await client.call(api, .get, "/streams/case-c1", as: .integration)
            try await client.call(api, .get, "/streams/case-nope", as: .integration)
            try await client.call(api, .get, "/events?from=1&limit=5", as: .integration)
            try await client.call(api, .get, "/events?limit=0", as: .integration)
            try await client.call(api, .get, "/events/live?type=Nope", as: .integration)

            // The verifiable log: the checkpoint the daemon signs at start, and proofs against it.
            try await RoleMatrixTests.awaitCheckpoint(client)
            for (path, role) in [
                ("/checkpoint", Role.manager), ("/proofs/inclusion?seq=3", .integration), ("/proofs/inclusion?seq=99999999", .auditor),
                ("/proofs/inclusion", .auditor), ("/proofs/inclusion?seq=3", .manager), ("/proofs/consistency?from=2&to=5", .practitioner),
                ("/proofs/consistency?from=9&to=5", .practitioner), ("/cases/c1/audit-pack", .auditor), ("/cases/nope/audit-pack", .auditor),
                ("/cases/c1/audit-pack", .manager), ("/tile/0/000", .manager), ("/tile/0/999", .manager), ("/tile/9/000", .manager),
                ("/tile/entries/000", .integration), ("/tile/entries/000", .manager),
            ] {
                try await client.call(api, .get, path, as: role)
            }

            // Views and cases, from the demo's own IDs.
            let overdue = try await client.call(api, .get, "/views/overdue", as: .manager)
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
                try await client.call(api, .get, path, as: .auditor)
            }
            try await client.call(api, .get, "/views/unled", as: .integration)
            try await client.call(api, .get, "/views/unled", token: "ldg_nope")

            // The access trail: every read above that carried case data is in it.
            try await client.call(api, .get, "/access-log", as: .auditor)
            try await client.call(api, .get, "/access-log?case=\(caseId)&limit=2", as: .auditor)
            try await client.call(api, .get, "/access-log?principal=token:test%20integration&since=2000-01-01&until=2199-12-31", as: .auditor)
            try await client.call(api, .get, "/access-log?case=nope", as: .auditor)
            try await client.call(api, .get, "/access-log?since=yesterday", as: .auditor)
            try await client.call(api, .get, "/access-log", as: .manager)

            // Audit and operations.
            let digest = try #require(try await client.call(api, .get, "/digest", as: .auditor).json() as? [String: Any])
            try await client.call(api, .get, "/verify", as: .auditor)
            try await client.call(api, .get, "/verify?digest=\(digest["seq"] as? Int ?? 1):\(digest["hash"] as? String ?? "")", as: .auditor)
            try await client.call(api, .get, "/verify?digest=1:\(String(repeating: "0", count: 64))", as: .auditor)
            try await client.call(api, .get, "/verify?digest=yesterday", as: .auditor)
            for path in ["/health", "/livez", "/readyz", "/metrics"] { try await client.call(api, .get, path) }
            try await client.call(api, .get, "/metrics", as: .integration)
        }
        let validation = try api.validate(allOperations: true, in: ledger.directory)
        #expect(validation.status == 0, "responses break schemas/openapi.yaml:\n\(validation.report)")
        // The statuses the tour meant to produce did occur (the validator alone would accept fewer).
        #expect(api.statuses.isSuperset(of: [200, 201, 400, 401, 403, 404, 409, 422]), "\(api.statuses.sorted())")
    }
}
