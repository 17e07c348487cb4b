import Foundation
import Testing

/// Bearer tokens and roles: no token 401, unknown or revoked token 401, wrong role 403.
@Suite struct AccessControlTests {
    @Test func eachRoleReachesWhatItMayAndNothingElse() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])
        let routes: [(method: String, path: String, allowed: Set<String>)] = [
            ("POST", "/streams/case-c1", ["practitioner", "writer"]),
            ("GET", "/cases/c1", ["practitioner", "manager", "auditor"]),
            ("GET", "/cases/c1/history", ["practitioner", "manager", "auditor"]),
            ("GET", "/views/overdue", ["manager", "auditor"]),
            ("GET", "/accountability/practitioners/sw1", ["manager", "auditor"]),
            ("GET", "/exports/annex-a?inspectionDate=2025-06-01", ["manager", "auditor"]),
            ("GET", "/events", ["auditor", "integration"]),
            ("GET", "/streams/case-c1", ["auditor", "integration"]),
            ("GET", "/verify", ["auditor"]),
            ("GET", "/digest", ["auditor"]),
            ("GET", "/access-log", ["auditor"]),
            ("GET", "/metrics", ["practitioner", "manager", "auditor", "integration", "writer"]),
        ]
        for route in routes {
            for role in ["practitioner", "manager", "auditor", "integration", "writer"] {
                let body = route.method == "POST" ? r.consent("c1") : nil
                let reply = try daemon.request(route.method, route.path, role: role, body: body)
                if route.allowed.contains(role) {
                    #expect((200..<300).contains(reply.status), "\(role) \(route.method) \(route.path): \(reply.status) \(reply.text)")
                } else {
                    #expect(reply.status == 403, "\(role) \(route.method) \(route.path): \(reply.status)")
                    #expect(reply.text.contains(role) && reply.contentType == "application/problem+json")
                }
            }
            let anonymous = try daemon.request(route.method, route.path)
            #expect(anonymous.status == 401 && anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        }
        #expect(try daemon.request("GET", "/health").status == 200)
        let forged = try daemon.request("GET", "/events", headers: [("Authorization", "Bearer ldg_0000000000000000000000000000000000000000")])
        #expect(forged.status == 401 && forged.text.contains("invalid-token"))
        let basic = try daemon.request("GET", "/events", headers: [("Authorization", "Basic dXNlcjpwYXNz")])
        #expect(basic.status == 401)
        let metrics = try daemon.request("GET", "/metrics", role: "integration")
        #expect(metrics.text.contains("ledgerd_appended_events_total 2"), "\(metrics.text.prefix(400))")
        // The daemon's heap is jemalloc's: its counters see the daemon's own allocations
        // (they stay near zero if glibc's malloc were serving the process).
        let allocated = metrics.text.split(separator: "\n").first { $0.hasPrefix("ledgerd_heap_allocated_bytes ") }
            .flatMap { Double($0.split(separator: " ")[1]) }
        #expect((allocated ?? 0) > 1_000_000, "\(metrics.text)")

        // Revoked from the CLI while the daemon runs: refused at once.
        let revoked = try LedgerdProcess.run(["token", "revoke", "--data", daemon.data, "test manager"])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        let after = try daemon.request("GET", "/views/overdue", role: "manager")
        #expect(after.status == 401)
        let list = try LedgerdProcess.run(["token", "list", "--data", daemon.data, "--format", "json"])
        #expect(!list.stdout.contains("ldg_"), "token list must never show a token")
        #expect(list.stdout.contains("\"revokedAt\""))
        #expect(try LedgerdProcess.run(["token", "revoke", "--data", daemon.data, "test manager"]).status == 3)
    }
}
