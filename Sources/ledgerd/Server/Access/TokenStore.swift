import Ledger

/// The data directory's bearer tokens, stored hashed in the ledger's own LMDB environment
/// (database `access.tokens`: SHA-256 of the token → its record as canonical JSON).
///
/// Keeping them in LMDB rather than a file makes `token add` and `token revoke` atomic and
/// visible at once to a running daemon, which looks each request's token up in a read
/// transaction (a B-tree probe, microseconds).
struct TokenStore: Sendable {
    /// What is known about a token; the token itself is never stored.
    struct Record: Sendable, Equatable {
        /// `tok-` and the digest's first 8 hex digits: names the token in lists and logs.
        var id: String
        var name: String
        var role: Role
        var createdAt: Timestamp
        var revokedAt: Timestamp?

        var json: JSONValue {
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(id)), ("name", .string(name)), ("role", .string(role.rawValue)),
                ("createdAt", .string(createdAt.description)),
            ]
            if let revokedAt { members.append(("revokedAt", .string(revokedAt.description))) }
            return .object(JSONObject(members))
        }

        init(id: String, name: String, role: Role, createdAt: Timestamp, revokedAt: Timestamp? = nil) {
            self.id = id
            self.name = name
            self.role = role
            self.createdAt = createdAt
            self.revokedAt = revokedAt
        }

        init(decoding bytes: UnsafeRawBufferPointer) throws {
            guard let object = try? JSONParser.parse(bytes).objectValue,
                let id = object["id"]?.stringValue, let name = object["name"]?.stringValue,
                let role = object["role"]?.stringValue.flatMap(Role.init(rawValue:)),
                let createdAt = object["createdAt"]?.stringValue.flatMap(Timestamp.init(parsing:))
            else { throw LedgerError.corrupt("an access token record does not decode") }
            self.init(
                id: id, name: name, role: role, createdAt: createdAt,
                revokedAt: object["revokedAt"]?.stringValue.flatMap(Timestamp.init(parsing:)))
        }
    }

    /// A token operation a user asked for that cannot be done, with the reason.
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    static let maximumNameLength = 64

    let environment: LMDBEnvironment
    let tokens: LMDBDatabase
    private let roles = TokenRoleCache()

    init(ledger: Ledger) throws {
        environment = ledger.environment
        tokens = try ledger.environment.openDatabase("access.tokens")
    }

    /// Creates a token for `role`; returns the token (shown once, never again) and its record.
    func add(name: String, role: Role, now: Timestamp) throws -> (token: String, record: Record) {
        guard !name.isEmpty, name.count <= Self.maximumNameLength, name.allSatisfy({ !$0.isNewline }) else {
            throw Refused(description: "a token name is 1–\(Self.maximumNameLength) characters on one line")
        }
        return try environment.write { txn in
            let existing = try records(txn)
            if existing.contains(where: { $0.name == name && $0.revokedAt == nil }) {
                throw Refused(description: "an active token is already named \(name); revoke it or choose another name")
            }
            while true {
                let token = AccessToken.generate()
                let digest = AccessToken.digest(token)
                let id = "tok-" + Hex.encode(digest.prefix(4))
                if existing.contains(where: { $0.id == id }) { continue }  // 1 in 4 billion: draw again
                let record = Record(id: id, name: name, role: role, createdAt: now)
                try txn.put(tokens, digest, CanonicalJSON.bytes(record.json))
                return (token, record)
            }
        }
    }

    /// Every token ever added, oldest first, revoked ones included (they are history).
    func list() throws -> [Record] {
        try environment.read { txn in try records(txn) }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Revokes the active token with this id or name; it stops working at once.
    func revoke(_ idOrName: String, now: Timestamp) throws -> Record {
        try environment.write { txn in
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

    /// The role of an active token, nil for an unknown or revoked one.
    func role(of token: some StringProtocol) throws -> Role? {
        let digest = AccessToken.digest(token)
        return try environment.read { txn in
            guard let bytes = try txn.get(tokens, digest) else { return nil }
            return try roles.role(digest: digest, record: bytes) { bytes in
                let record = try Record(decoding: bytes)
                return record.revokedAt == nil ? record.role : nil
            }
        }
    }

    private func records(_ txn: LMDBTransaction) throws -> [Record] {
        try entries(txn).map(\.record)
    }

    /// Every stored record with the digest it is keyed by, in key order.
    private func entries(_ txn: LMDBTransaction) throws -> [(digest: [UInt8], record: Record)] {
        var entries: [(digest: [UInt8], record: Record)] = []
        try txn.withCursor(tokens) { cursor in
            var entry = try cursor.first()
            while let (key, value) = entry {
                entries.append((Array(key), try Record(decoding: value)))
                entry = try cursor.next()
            }
        }
        return entries
    }
}
