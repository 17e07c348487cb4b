import Ledger

/// What the data directory knows about one bearer token; the token itself is never stored
/// (see `AccessToken`). Kept as canonical JSON in the `access.tokens` database.
struct TokenRecord: Sendable, Equatable {
    /// `tok-` and the digest's first 8 hex digits: names the token in lists, logs and the
    /// access trail.
    var id: String
    var name: String
    var role: Role
    /// Whom it speaks for; nil only for tokens made before tokens were bound to principals,
    /// which are refused (made again with `ledgerd token add`).
    var principal: Principal?
    /// For integrations: the stream prefixes (e.g. `case-`) and event types it may read;
    /// empty means every one.
    var streams: [String] = []
    var types: [String] = []
    var createdAt: Timestamp
    var expiresAt: Timestamp?
    var revokedAt: Timestamp?
    /// When it was last used, to the minute (`TokenUse` writes it at most once a minute).
    var lastUsedAt: Timestamp?

    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id)), ("name", .string(name)), ("role", .string(role.rawValue)),
            ("principal", principal.map { .string($0.description) } ?? .null),
            ("streams", .array(streams.map(JSONValue.string))), ("types", .array(types.map(JSONValue.string))),
            ("createdAt", .string(createdAt.description)),
        ]
        if let expiresAt { members.append(("expiresAt", .string(expiresAt.description))) }
        if let revokedAt { members.append(("revokedAt", .string(revokedAt.description))) }
        if let lastUsedAt { members.append(("lastUsedAt", .string(lastUsedAt.description))) }
        return .object(JSONObject(members))
    }

    init(
        id: String, name: String, role: Role, principal: Principal?, streams: [String] = [], types: [String] = [],
        createdAt: Timestamp, expiresAt: Timestamp? = nil, revokedAt: Timestamp? = nil, lastUsedAt: Timestamp? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.principal = principal
        self.streams = streams
        self.types = types
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// Decodes a stored record; one that does not decode is corruption, reported, never a crash.
    init(decoding bytes: UnsafeRawBufferPointer) throws {
        guard let object = try? JSONParser.parse(bytes).objectValue,
            let id = object["id"]?.stringValue, let name = object["name"]?.stringValue,
            let role = object["role"]?.stringValue.flatMap(Role.init(rawValue:)),
            let createdAt = object["createdAt"]?.stringValue.flatMap(Timestamp.init(parsing:))
        else { throw LedgerError.corrupt("an access token record does not decode") }
        func timestamp(_ key: String) throws -> Timestamp? {
            guard let value = object[key], value != .null else { return nil }
            guard let time = value.stringValue.flatMap(Timestamp.init(parsing:)) else {
                throw LedgerError.corrupt("access token \(id): \(key) is not a timestamp")
            }
            return time
        }
        func strings(_ key: String) throws -> [String] {
            guard let value = object[key] else { return [] }
            guard let items = value.arrayValue?.compactMap(\.stringValue), items.count == value.arrayValue?.count else {
                throw LedgerError.corrupt("access token \(id): \(key) is not a list of strings")
            }
            return items
        }
        var principal: Principal?
        if let text = object["principal"]?.stringValue {
            guard let parsed = Principal(parsing: text) else { throw LedgerError.corrupt("access token \(id): principal \(text)") }
            principal = parsed
        }
        self.init(
            id: id, name: name, role: role, principal: principal, streams: try strings("streams"), types: try strings("types"),
            createdAt: createdAt, expiresAt: try timestamp("expiresAt"), revokedAt: try timestamp("revokedAt"),
            lastUsedAt: try timestamp("lastUsedAt"))
    }

    /// `principal` for the table: what the token speaks for, with its limits.
    var scopeDescription: String {
        var parts: [String] = []
        if !streams.isEmpty { parts.append("streams " + streams.joined(separator: ",")) }
        if !types.isEmpty { parts.append("types " + types.joined(separator: ",")) }
        return parts.joined(separator: "; ")
    }
}
