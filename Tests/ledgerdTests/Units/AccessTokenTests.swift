import Testing

@testable import ledgerd

@Suite struct AccessTokenTests {
    @Test func tokensAreRandomPrefixedAndParsedFromBearerHeaders() {
        let a = AccessToken.generate()
        let b = AccessToken.generate()
        #expect(a != b && a.hasPrefix("ldg_") && a.count == 4 + 2 * AccessToken.randomBytes)
        #expect(AccessToken.digest(a).count == 32 && AccessToken.digest(a) != AccessToken.digest(b))
        #expect(AccessToken.fromAuthorization("Bearer \(a)") == Substring(a))
        #expect(AccessToken.fromAuthorization("bearer   \(a)") == Substring(a))
        #expect(AccessToken.fromAuthorization("Basic dXNlcjpwYXNz") == nil)
        #expect(AccessToken.fromAuthorization("Bearer ") == nil)
        #expect(AccessToken.fromAuthorization("Bearer") == nil)
    }

    @Test func rolesCarryExactlyTheirPermissions() {
        #expect(Role.practitioner.permissions == [.append, .readCases, .operate])
        #expect(!Role.manager.permissions.contains(.append) && Role.manager.permissions.contains(.readViews))
        #expect(Role.auditor.permissions.isSuperset(of: [.readEvents, .audit, .readViews, .readCases]))
        #expect(!Role.auditor.permissions.contains(.append))
        #expect(Role.integration.permissions == [.readEvents, .operate])
    }
}
