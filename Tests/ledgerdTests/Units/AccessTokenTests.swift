import Foundation
import Ledger
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
    @Test func recordCacheDecodesEachDistinctRecordOnce() throws {
        let cache = TokenRecordCache()
        let digest = AccessToken.digest(AccessToken.generate())
        let now = Timestamp(microseconds: 1_700_000_000_000_000)
        var record = TokenRecord(id: "tok-1", name: "a", role: .manager, principal: .agency("sc"), createdAt: now)
        func cached(_ record: TokenRecord) throws -> TokenRecord {
            try CanonicalJSON.bytes(record.json).withUnsafeBytes { try cache.record(digest: digest, stored: $0) }
        }
        #expect(try cached(record) == record)
        record.revokedAt = now
        #expect(try cached(record).revokedAt == now, "a changed record is decoded again")
        #expect(throws: (any Error).self) {
            try Array("not json".utf8).withUnsafeBytes { try cache.record(digest: digest, stored: $0) }
        }
    }

    @Test func recordsRoundTripThroughTheirStoredForm() throws {
        let now = Timestamp(microseconds: 1_700_000_000_000_000)
        let records = [
            TokenRecord(
                id: "tok-1", name: "dw", role: .integration, principal: .system("dw"), streams: ["case-"], types: ["CaseOpened"],
                createdAt: now, expiresAt: Timestamp(microseconds: now.microseconds + 1), revokedAt: now, lastUsedAt: now),
            TokenRecord(id: "tok-2", name: "sw", role: .practitioner, principal: .practitioner("sw1"), createdAt: now),
            TokenRecord(id: "tok-3", name: "old", role: .auditor, principal: nil, createdAt: now),
        ]
        for record in records {
            #expect(try CanonicalJSON.bytes(record.json).withUnsafeBytes { try TokenRecord(decoding: $0) } == record)
        }
        // A record made before principals (no such member) still reads, with none.
        let legacy = #"{"createdAt":"2026-01-01T00:00:00Z","id":"tok-4","name":"n","role":"auditor"}"#
        #expect(try Array(legacy.utf8).withUnsafeBytes { try TokenRecord(decoding: $0) }.principal == nil)
        for bad in [#"{"createdAt":"x","id":"t","name":"n","role":"auditor"}"#, #"{"createdAt":"2026-01-01T00:00:00Z","id":"t","name":"n","role":"auditor","principal":"king:x"}"#] {
            #expect(throws: (any Error).self) { try Array(bad.utf8).withUnsafeBytes { try TokenRecord(decoding: $0) } }
        }
    }

    /// A token made before principals is refused with what to do; uses are written together,
    /// to the minute, and only when they are news.
    @Test func legacyTokensAreRefusedAndUsesAreCoalesced() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let ledger = try Ledger(path: directory.path + "/ledger")
        let store = try TokenStore(ledger: ledger)
        let now = Timestamp(microseconds: 1_700_000_030_000_000)
        let legacyToken = AccessToken.generate()
        try ledger.environment.write { txn in
            let record = TokenRecord(id: "tok-old", name: "old", role: .auditor, principal: nil, createdAt: now)
            try txn.put(store.tokens, AccessToken.digest(legacyToken), CanonicalJSON.bytes(record.json))
        }
        #expect(throws: TokenStore.Rejected.self) { try store.authenticate(legacyToken, now: now) }
        let (token, _) = try store.add(name: "dw", role: .integration, principal: .system("dw"), now: now)
        for second: Int64 in [0, 1, 2] {
            _ = try store.authenticate(token, now: Timestamp(microseconds: now.microseconds + second * 1_000_000))
        }
        try store.flushUses()
        let used = try #require(try store.list().first { $0.name == "dw" }?.lastUsedAt)
        #expect(used.microseconds == now.microseconds - now.microseconds % 60_000_000)
        #expect(store.uses.take().isEmpty, "flushed uses are not written twice")
        #expect(throws: TokenStore.Refused.self) {
            try store.add(name: "x", role: .practitioner, principal: .system("dw"), now: now)
        }
        #expect(throws: TokenStore.Refused.self) {
            try store.add(name: "y", role: .auditor, principal: .authority("la1"), expiresAt: now, now: now)
        }
    }

    /// What must hold whatever the matrix becomes (the matrix itself is `Role`'s, and the
    /// documents' tables are held to it by `RoleMatrixDocumentationTests`).
    @Test func rolesKeepTheInvariantsTheMatrixRestsOn() {
        #expect(Role.allCases.filter { $0.permissions.contains(.append) } == [.practitioner, .writer], "only those who write for practitioners append")
        #expect(Role.allCases.filter { $0.permissions.contains(.readAccessLog) } == [.auditor], "the access trail is the auditors'")
        #expect(Role.allCases.allSatisfy { !$0.principalKinds.isEmpty }, "every role is bound to a principal")
        #expect(Role.allCases.allSatisfy { $0.permissions.contains(.readTree) }, "checkpoints and hash tiles carry no case data")
    }
}
