import Ledger
import Synchronization

/// The data directory's bearer tokens, stored hashed in the ledger's own LMDB environment
/// (database `access.tokens`: SHA-256 of the token → its `TokenRecord` as canonical JSON).
///
/// Keeping them in LMDB rather than a file makes `token add` and `token revoke` atomic and
/// visible at once to a running daemon, which looks each request's token up in a read
/// transaction (a B-tree probe, microseconds).
struct TokenStore: Sendable {
    /// A token operation a user asked for that cannot be done, with the reason.
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    /// Why a presented token is not accepted (401), said to its holder.
    struct Rejected: Error, CustomStringConvertible {
        var description: String
    }

    static let maximumNameLength = 64

    let ledger: Ledger
    let tokens: LMDBDatabase
    private let cache = TokenRecordCache()
    /// Last uses not yet written (see `TokenUse`).
    let uses = TokenUse()

    init(ledger: Ledger) throws {
        self.ledger = ledger
        tokens = try ledger.environment.openDatabase("access.tokens")
    }

    /// Creates a token for `role` bound to `principal`; returns the token (shown once, never
    /// again) and its record. The principal must suit the role and be registered (a
    /// practitioner who has not left).
    func add(
        name: String, role: Role, principal: Principal, streams: [String] = [], types: [String] = [], expiresAt: Timestamp? = nil,
        now: Timestamp
    ) throws -> (token: String, record: TokenRecord) {
        guard !name.isEmpty, name.count <= Self.maximumNameLength, name.allSatisfy({ !$0.isNewline }) else {
            throw Refused(description: "a token name is 1–\(Self.maximumNameLength) characters on one line")
        }
        guard role.principalKinds.contains(principal.kind) else {
            let kinds = role.principalKinds.map { "--\($0.rawValue)" }.joined(separator: " or ")
            throw Refused(description: "a \(role.rawValue) token is bound with \(kinds), not --\(principal.kind.rawValue)")
        }
        guard role == .integration || (streams.isEmpty && types.isEmpty) else {
            throw Refused(description: "only integration tokens are limited to streams or types")
        }
        if let expiresAt, expiresAt <= now { throw Refused(description: "the token would expire before it is made") }
        return try ledger.environment.write { txn in
            try checkRegistered(principal, txn)
            let existing = try records(txn)
            if existing.contains(where: { $0.name == name && $0.revokedAt == nil }) {
                throw Refused(description: "an active token is already named \(name); revoke it or choose another name")
            }
            while true {
                let token = AccessToken.generate()
                let digest = AccessToken.digest(token)
                let id = "tok-" + Hex.encode(digest.prefix(4))
                if existing.contains(where: { $0.id == id }) { continue }  // 1 in 4 billion: draw again
                let record = TokenRecord(
                    id: id, name: name, role: role, principal: principal, streams: streams, types: types, createdAt: now,
                    expiresAt: expiresAt)
                try txn.put(tokens, digest, CanonicalJSON.bytes(record.json))
                return (token, record)
            }
        }
    }

    /// Every token ever added, oldest first, revoked ones included (they are history).
    func list() throws -> [TokenRecord] {
        try ledger.environment.read { txn in try records(txn) }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Revokes the active token with this id or name; it stops working at once.
    func revoke(_ idOrName: String, now: Timestamp) throws -> TokenRecord {
        try ledger.environment.write { txn in
            let named = try entries(txn).last {
                $0.record.revokedAt == nil && ($0.record.id == idOrName || $0.record.name == idOrName)
            }
            guard let (digest, record) = named else { throw Refused(description: "no active token has the id or name \(idOrName)") }
            var revoked = record
            revoked.revokedAt = now
            try txn.put(tokens, digest, CanonicalJSON.bytes(revoked.json))
            return revoked
        }
    }

    /// The caller a presented token authenticates, or `Rejected` saying why not: unknown or
    /// revoked, expired, made before principals, or its practitioner has left. The use is
    /// noted for `lastUsedAt` without a write.
    func authenticate(_ token: some StringProtocol, now: Timestamp) throws -> Caller {
        let digest = AccessToken.digest(token)
        let caller = try ledger.environment.read { txn -> Caller in
            guard let bytes = try txn.get(tokens, digest) else { throw Rejected(description: "the token is unknown or has been revoked") }
            let record = try cache.record(digest: digest, stored: bytes)
            guard record.revokedAt == nil else { throw Rejected(description: "the token is unknown or has been revoked") }
            if let expiresAt = record.expiresAt, expiresAt <= now {
                throw Rejected(description: "token \(record.id) expired at \(expiresAt)")
            }
            guard let principal = record.principal else {
                throw Rejected(
                    description: "token \(record.id) was made before tokens were bound to a principal; make a new one with `ledgerd token add`")
            }
            if case .practitioner(let id) = principal, try practitionerHasLeft(id, txn) {
                throw Rejected(description: "token \(record.id) speaks for practitioner \(id), who has left")
            }
            return Caller(tokenId: record.id, role: record.role, principal: principal, streams: record.streams, types: record.types)
        }
        uses.note(digest, at: now)
        return caller
    }

    /// Writes the last uses noted since the previous call into the tokens' records, in one
    /// transaction; a record already showing a use in the same minute is left alone.
    func flushUses() throws {
        let noted = uses.take()
        guard !noted.isEmpty else { return }
        try ledger.environment.write { txn in
            for (digest, at) in noted {
                guard let bytes = try txn.get(tokens, digest) else { continue }
                var record = try TokenRecord(decoding: bytes)
                let minute = Timestamp(microseconds: at.microseconds - at.microseconds % 60_000_000)
                guard record.lastUsedAt.map({ $0 < minute }) ?? true else { continue }
                record.lastUsedAt = minute
                try txn.put(tokens, digest, CanonicalJSON.bytes(record.json))
            }
        }
    }

    private func practitionerHasLeft(_ id: String, _ txn: LMDBTransaction) throws -> Bool {
        guard case .practitioner(let state)? = try ledger.streamState(of: StreamName(kind: .practitioner, id: id), in: txn) else {
            return true  // no longer registered at all (a restored ledger): nobody to speak for
        }
        return state.hasLeft
    }

    private func checkRegistered(_ principal: Principal, _ txn: LMDBTransaction) throws {
        // A system is not in the directory: any name is taken.
        guard let stream = principal.directoryStream else { return }
        guard let state = try ledger.streamState(of: stream, in: txn) else {
            throw Refused(description: "\(principal.kind.rawValue) \(principal.id) is not registered\(try principal.suggestion(in: ledger, txn))")
        }
        if case .practitioner(let practitioner) = state, practitioner.hasLeft {
            throw Refused(description: "practitioner \(principal.id) has left")
        }
    }

    private func records(_ txn: LMDBTransaction) throws -> [TokenRecord] {
        try entries(txn).map(\.record)
    }

    /// Every stored record with the digest it is keyed by, in key order.
    private func entries(_ txn: LMDBTransaction) throws -> [(digest: [UInt8], record: TokenRecord)] {
        var entries: [(digest: [UInt8], record: TokenRecord)] = []
        try txn.forEach(tokens) { entries.append((Array($0.key), try TokenRecord(decoding: $0.value))) }
        return entries
    }
}

/// Records of tokens already looked up, each with the stored bytes it was decoded from.
///
/// Every request still reads its token's record from LMDB (a revocation by any process
/// applies to the very next request); only when the record is byte for byte the one seen
/// before is decoding it skipped. Bounded: past `maximumEntries` tokens it starts afresh.
final class TokenRecordCache: Sendable {
    private struct Entry {
        var stored: [UInt8]
        var record: TokenRecord
    }

    private let entries = Mutex<[[UInt8]: Entry]>([:])
    static let maximumEntries = 1_024

    func record(digest: [UInt8], stored: UnsafeRawBufferPointer) throws -> TokenRecord {
        let known = entries.withLock { entries -> TokenRecord? in
            guard let entry = entries[digest], entry.stored.elementsEqual(stored) else { return nil }
            return entry.record
        }
        if let known { return known }
        let record = try TokenRecord(decoding: stored)
        entries.withLock { entries in
            if entries.count >= Self.maximumEntries { entries.removeAll() }
            entries[digest] = Entry(stored: Array(stored), record: record)
        }
        return record
    }
}

/// Token uses noted per request and written later, together: `lastUsedAt` without a write
/// per request (the daemon flushes every minute and when it stops).
final class TokenUse: Sendable {
    private let noted = Mutex<[[UInt8]: Timestamp]>([:])
    /// Most distinct tokens held between flushes; beyond it the oldest news is dropped, not
    /// memory grown (a use is news, not a record).
    static let maximumNoted = 4_096

    func note(_ digest: [UInt8], at time: Timestamp) {
        noted.withLock { noted in
            if noted.count >= Self.maximumNoted, noted[digest] == nil { return }
            noted[digest] = max(noted[digest] ?? time, time)
        }
    }

    func take() -> [[UInt8]: Timestamp] {
        noted.withLock { noted in
            defer { noted = [:] }
            return noted
        }
    }
}
