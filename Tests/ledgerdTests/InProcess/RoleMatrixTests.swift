import Foundation
import Hummingbird
import Testing

@testable import ledgerd

/// Who may call what, over every route the application serves (`RouteTable`, where each
/// route's permission is declared) and every `Role`: a role carrying the route's permission
/// gets its answer, any other a 403 problem naming role and permission; no token, another
/// scheme or an unknown token is a 401 with `WWW-Authenticate: Bearer`.
@Suite struct RoleMatrixTests {
    /// Waits for the checkpoint the daemon signs at start (proofs and audit packs need one).
    static func awaitCheckpoint(_ api: LedgerClient) async throws {
        let deadline = Date().addingTimeInterval(20)
        while try await api.get("/checkpoint", as: .manager).status != 200, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func everyRoleReachesExactlyTheRoutesItsPermissionsAllow() async throws {
        let ledger = try InProcessLedger(lines: RouteExamples.seed, signed: true)
        let routes = ledger.routes
        // Every route has an example, every example a route: a new route cannot slip by.
        let served = Set(routes.keys.map(\.description))
        #expect(served.count >= 25, "the route table is missing routes: \(served.sorted())")
        #expect(served.subtracting(RouteExamples.all.keys).isEmpty, "routes without an example in RouteExamples: \(served.subtracting(RouteExamples.all.keys).sorted())")
        #expect(Set(RouteExamples.all.keys).subtracting(served).isEmpty, "examples of routes not served: \(Set(RouteExamples.all.keys).subtracting(served).sorted())")
        // Every permission guards some route (one guarding nothing is a role matrix gone stale).
        let guarding = Set(routes.values.compactMap(\.permission))
        #expect(guarding == Set(Permission.allCases), "permissions no route needs: \(Set(Permission.allCases).subtracting(guarding))")

        try await ledger.serve { api in
            try await Self.awaitCheckpoint(api)
            for (route, access) in routes.sorted(by: { $0.key < $1.key }) {
                let example = try #require(RouteExamples.all[route.description])
                let method = HTTPRequest.Method(route.method) ?? .get
                for role in Role.allCases {
                    let reply = try await api.request(method, example.path, as: role, body: example.body?())
                    switch access {
                    case .anyone:
                        #expect(reply.status == example.allowedStatus, "\(role) \(route): \(reply.status) \(reply.text.prefix(200))")
                    case .requires(let permission) where role.permissions.contains(permission):
                        #expect(reply.status == example.allowedStatus, "\(role) \(route): \(reply.status) \(reply.text.prefix(200))")
                    case .requires(let permission):
                        #expect(reply.status == 403, "\(role) \(route) without \(permission): \(reply.status) \(reply.text.prefix(200))")
                        let problem = try ProblemDetails.of(reply)
                        #expect(problem.slug == "forbidden" && problem["role"] as? String == role.rawValue)
                        #expect(problem["permission"] as? String == permission.rawValue && problem.detail.contains(role.rawValue))
                    }
                }
                let anonymous = try await api.request(method, example.path, body: example.body?())
                if access == .anyone {
                    #expect(anonymous.status == example.allowedStatus, "anonymous \(route): \(anonymous.status)")
                } else {
                    #expect(anonymous.status == 401, "anonymous \(route): \(anonymous.status)")
                    #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
                    #expect(try ProblemDetails.of(anonymous).slug == "unauthenticated")
                }
            }
        }
    }

    @Test func aTokenThatIsNotOneOfOursIsA401SayingWhy() async throws {
        let ledger = try InProcessLedger(lines: RouteExamples.seed)
        try await ledger.serve { api in
            let unknown = try await api.get("/events", token: "ldg_" + String(repeating: "0", count: 40))
            #expect(unknown.status == 401 && unknown.headers["www-authenticate"]?.contains("invalid_token") == true)
            let problem = try ProblemDetails.of(unknown)
            #expect(problem.slug == "invalid-token" && problem.detail.contains("unknown or has been revoked"), "\(problem.object)")
            let basic = try await api.get("/events", headers: [("Authorization", "Basic dXNlcjpwYXNz")])
            #expect(try basic.status == 401 && ProblemDetails.of(basic).slug == "unauthenticated")
            // Probes answer without a token, and with a wrong one.
            #expect(try await api.get("/health", token: "ldg_nope").status == 200)
        }
    }
}
