import Foundation
import Testing

/// `ledgerd token add|list|revoke`: the principal each role needs, said when wrong; a listing
/// that never shows a token; revocation.
@Suite struct TokenCommandTests {
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
        // A limit that lists nothing would be stored as no limit: refused, never widened.
        for types in ["", ",", "CaseOpened,,CaseClosed"] {
            let empty = try add(["--role", "integration", "--system", "dw", "--types", types])
            #expect(empty.status == 64 && empty.stderr.contains("must list event types"), "\(types): \(empty.stderr)")
        }
        let badExpiry = try add(["--role", "auditor", "--authority", "la1", "--expires-in", "soon"])
        #expect(badExpiry.status == 64)
        let integration = try add(
            ["--role", "integration", "--system", "dw", "--streams", "case-", "--streams", "case-", "--types", "CaseOpened,CaseClosed,CaseOpened"])
        #expect(integration.status == 0, "\(integration.stderr)")
        let list = try LedgerdProcess.run(["token", "list", "--data", data, "--format", "json"])
        #expect(list.stdout.contains(#""principal":"system:dw""#) && list.stdout.contains(#""streams":["case-"]"#), "\(list.stdout)")
        #expect(list.stdout.contains(#""types":["CaseOpened","CaseClosed"]"#))
        let table = try LedgerdProcess.run(["token", "list", "--data", data])
        #expect(table.stdout.contains("system:dw") && table.stdout.contains("PRINCIPAL"))
    }

    @Test func tokenListNeverShowsATokenAndRevokeSaysWhatItDid() throws {
        var r = Requests()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let data = directory.path + "/ledger"
        #expect(try LedgerdProcess.run(["import", "--data", data, try directory.write("d.ndjson", r.directory())]).status == 0)
        let token = try LedgerdProcess.addToken(data, ["--role", "manager", "--agency", "sc"])
        let name = try #require(
            try LedgerdProcess.run(["token", "list", "--data", data, "--format", "json"]).stdout.firstMatch(of: #/"name":"(t-[^"]+)"/#)?.1)
        let revoked = try LedgerdProcess.run(["token", "revoke", "--data", data, String(name)])
        #expect(revoked.status == 0 && revoked.stdout.contains("revoked tok-"), "\(revoked.stdout)\(revoked.stderr)")
        let list = try LedgerdProcess.run(["token", "list", "--data", data, "--format", "json"])
        #expect(!list.stdout.contains(token) && !list.stdout.contains("ldg_"), "token list must never show a token")
        #expect(list.stdout.contains("\"revokedAt\""))
        #expect(try LedgerdProcess.run(["token", "revoke", "--data", data, String(name)]).status == 3, "nothing active by that name")
    }
}
