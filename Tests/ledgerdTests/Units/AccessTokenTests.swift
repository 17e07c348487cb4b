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
        #expect(AccessToken.fromAuthorization("BEARER \(a)") == Substring(a))
        #expect(AccessToken.fromAuthorization("Bearex \(a)") == nil)
        #expect(AccessToken.fromAuthorization("Bearer_\(a)") == nil)
        #expect(AccessToken.fromAuthorization("Bearer\t\(a)") == nil)
    }

    /// The cache skips decoding only a record byte for byte the same as one decoded before:
    /// a changed record (a revocation) is decoded again, whatever was cached.
    @Test func roleCacheDecodesEachDistinctRecordOnce() throws {
        let cache = TokenRoleCache()
        let digest = AccessToken.digest(AccessToken.generate())
        var decoded = 0
        func role(_ record: String, _ answer: Role?) throws -> Role? {
            try Array(record.utf8).withUnsafeBytes { bytes in
                try cache.role(digest: digest, record: bytes) { _ in
                    decoded += 1
                    return answer
                }
            }
        }
        #expect(try role("active", .manager) == .manager)
        #expect(try role("active", nil) == .manager, "the same record is answered from the cache")
        #expect(decoded == 1)
        #expect(try role("revoked", nil) == nil, "a changed record is decoded again")
        #expect(decoded == 2)
        #expect(try role("revoked", .manager) == nil)
        #expect(decoded == 2)
        let other = AccessToken.digest(AccessToken.generate())
        _ = try Array("active".utf8).withUnsafeBytes { bytes in
            try cache.role(digest: other, record: bytes) { _ in decoded += 1; return .auditor }
        }
        #expect(decoded == 3, "another token's identical record is its own entry")
    }

    @Test func rolesCarryExactlyTheirPermissions() {
        #expect(Role.practitioner.permissions == [.append, .readCases, .operate, .readTree])
        #expect(!Role.manager.permissions.contains(.append) && Role.manager.permissions.contains(.readViews))
        #expect(Role.auditor.permissions.isSuperset(of: [.readEvents, .audit, .readViews, .readCases]))
        #expect(!Role.auditor.permissions.contains(.append))
        #expect(Role.integration.permissions == [.readEvents, .operate, .readTree])
        #expect(Role.allCases.allSatisfy { $0.permissions.contains(.readTree) }, "checkpoints and hash tiles carry no case data")
    }
}
