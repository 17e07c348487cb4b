import Foundation
import Testing

@testable import ledgerd

/// The role matrix has one source, `Role` and the permission each route declares
/// (`LedgerServer.buildRouter`); the README's tables and `schemas/openapi.yaml` restate it for
/// readers, and these tests fail naming any place where they no longer agree.
@Suite struct RoleMatrixDocumentationTests {
    static let readme = ViewSchemaTests.root.appendingPathComponent("README.md")
    static let openAPI = ViewSchemaTests.root.appendingPathComponent("schemas/openapi.yaml")

    /// Every route and who may call it, as the application declares them.
    static func routes() throws -> [RouteTable.Route: RouteTable.Access] {
        var r = Requests()
        return try InProcessLedger(lines: r.directory()).routes
    }

    static func permissionName(_ access: RouteTable.Access) -> String {
        switch access {
        case .anyone: "none (no token)"
        case .requires(let permission): permission.rawValue
        }
    }

    /// README: one row per permission (and one for the probes), the routes needing it, and a
    /// ✓ under each role that carries it.
    @Test func theReadmesRouteTableIsTheRoutesAndRolesPermissions() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let header = ["permission", "routes"] + Role.allCases.map(\.rawValue)
        let rows = try #require(
            RoleMatrixDocuments.table(in: text, header: header), "README has no table headed \(header.joined(separator: " | "))")
        var expected: [String: Set<String>] = [:]
        for (route, access) in try Self.routes() {
            expected[Self.permissionName(access), default: []].insert(RoleMatrixDocuments.documented(route))
        }
        #expect(Set(rows.map { $0.first ?? "" }) == Set(expected.keys), "README's permission rows: \(rows.map { $0.first ?? "" }), routes need \(expected.keys.sorted())")
        for row in rows where row.count == header.count {
            let name = row[0]
            let routes = Set(RoleMatrixDocuments.codeSpans(row[1]))
            let needed = expected[name] ?? []
            #expect(routes == needed, "README's \(name) row: lists \(routes.subtracting(needed).sorted()) that do not need it, misses \(needed.subtracting(routes).sorted())")
            for (role, cell) in zip(Role.allCases, row.dropFirst(2)) {
                let may = name == "none (no token)" || Permission(rawValue: name).map { role.permissions.contains($0) } == true
                #expect((cell == "✓") == may, "README's \(name) row says \(role.rawValue) \(cell == "✓" ? "may" : "may not"), but Role.\(role.rawValue) \(may ? "carries" : "lacks") it")
            }
        }
        #expect(rows.allSatisfy { $0.count == header.count }, "README's route table has a row of the wrong width")
    }

    /// README: the roles table names every role, and each with the principals `token add`
    /// binds it to.
    @Test func theReadmesRoleTableNamesEveryRoleAndItsPrincipals() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let rows = try #require(RoleMatrixDocuments.table(in: text, header: ["role", "bound to", "may"]), "README has no role table")
        let described = rows.map { $0.first ?? "" }.filter { $0 != "every role" }
        #expect(described == Role.allCases.map(\.rawValue), "README's roles: \(described)")
        for row in rows where row.count == 3 {
            guard let role = Role(rawValue: row[0]) else { continue }
            let bound = Set(RoleMatrixDocuments.codeSpans(row[1]).compactMap { $0.split(separator: " ").first.map(String.init) })
            let kinds = Set(role.principalKinds.map { "--\($0.rawValue)" })
            #expect(bound.intersection(Principal.Kind.allCases.map { "--\($0.rawValue)" }) == kinds, "README: \(role.rawValue) is bound to \(bound.sorted()), token add takes \(kinds.sorted())")
        }
    }

    /// openapi.yaml: every route is an operation saying the permission the route needs (or
    /// `security: []` for the probes), every operation a route; and the description's role
    /// table lists each role's permissions.
    @Test func theAPIDocumentStatesEachRoutesPermissionAndEachRolesPermissions() throws {
        let text = try String(contentsOf: Self.openAPI, encoding: .utf8)
        let operations = RoleMatrixDocuments.operations(inOpenAPI: text)
        let routes = try Self.routes()
        #expect(operations.count >= 25, "read too few operations from openapi.yaml: \(operations.keys.sorted())")
        for (route, access) in routes {
            let name = RoleMatrixDocuments.documented(route)
            guard let documented = operations[name] else {
                Issue.record("openapi.yaml has no operation \(name)")
                continue
            }
            #expect(documented == access, "openapi.yaml: \(name) says \(documented.map(Self.permissionName) ?? "nothing"), the route needs \(Self.permissionName(access))")
        }
        let served = Set(routes.keys.map(RoleMatrixDocuments.documented))
        #expect(Set(operations.keys).subtracting(served).isEmpty, "openapi.yaml documents operations no route serves: \(Set(operations.keys).subtracting(served).sorted())")

        let rows = try #require(
            RoleMatrixDocuments.table(in: text, header: ["role", "principal", "permissions"], indent: "    "),
            "openapi.yaml's description has no role table")
        #expect(rows.map { $0.first ?? "" } == Role.allCases.map(\.rawValue), "openapi.yaml's roles: \(rows.map { $0.first ?? "" })")
        for row in rows where row.count == 3 {
            guard let role = Role(rawValue: row[0]) else { continue }
            // "append (as themself only), readCases, …": the names, without their remarks.
            let listed = row[2].replacingOccurrences(of: #"\([^)]*\)"#, with: "", options: .regularExpression)
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Set(listed) == Set(role.permissions.map(\.rawValue)), "openapi.yaml: \(role.rawValue) lists \(listed.sorted()), Role.\(role.rawValue) carries \(role.permissions.map(\.rawValue).sorted())")
        }
    }
}
