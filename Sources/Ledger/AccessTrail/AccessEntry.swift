/// What one response disclosed, as the daemon hands it to the access trail: who asked (the
/// token's id and the principal it stands for, an opaque string), what they asked
/// (`route`, the method and matched path template; `path`, the path and query as sent) and
/// which cases the response carried.
public struct Disclosure: Sendable, Equatable {
    /// The id of the token that asked (never the token itself): which credential to revoke.
    public var tokenId: String
    /// Who the token stands for (`token:NAME`, `practitioner:ID`…): what a subject access
    /// request is answered by.
    public var principal: String
    /// The method and matched route template (`GET /cases/{id}`): what kind of read it was.
    public var route: String
    /// The path and query as sent (cut at `AccessEntry.maximumPathBytes`).
    public var path: String
    /// Case IDs (without `case-`), in any order, repeats allowed: the entry keeps them sorted
    /// and once each.
    public var cases: [String]

    /// A disclosure as the daemon saw it; `AccessTrail` checks it before recording.
    public init(tokenId: String, principal: String, route: String, path: String, cases: [String]) {
        self.tokenId = tokenId
        self.principal = principal
        self.route = route
        self.path = path
        self.cases = cases
    }
}

/// One entry of the access trail, chained like the ledger's events: `hash` is
/// SHA-256(prevHash's 32 bytes ‖ RFC 8785 canonical JSON of the entry without `hash`), in
/// lowercase hex, and `prevHash` of entry 1 is 64 zeros. A short script re-verifies it from
/// `ledgerd access-log --format json` (see `scripts/verify_access_log.py`).
///
/// A disclosure of more than `maximumCases` cases is recorded as several entries of the same
/// request, numbered `part` of `parts` and committed together; an entry of one part has neither.
public struct AccessEntry: Sendable, Equatable {
    /// The entry's position in the trail, from 1; its key, and what the chain follows.
    public var seq: UInt64
    /// When the trail recorded it (the commit's clock, never earlier than the entry before).
    public var at: Timestamp
    /// The id of the token that asked.
    public var tokenId: String
    /// Who the token stands for.
    public var principal: String
    /// The method and matched route template.
    public var route: String
    /// The path and query as sent, cut to `maximumPathBytes`.
    public var path: String
    /// Sorted by UTF-8 bytes, no repeats.
    public var cases: [String]
    /// Which part of its disclosure this entry is, from 1 (1 when the disclosure fit one entry).
    public var part: Int
    /// How many entries its disclosure took (1 for most).
    public var parts: Int
    /// The hash of the entry before (64 zeros for entry 1): the chain's link.
    public var prevHash: String
    /// SHA-256 over `prevHash`'s bytes and the canonical form without `hash`, in lowercase hex.
    public var hash: String

    /// Most case IDs in one entry (each at most 64 bytes by the contract).
    public static let maximumCases = 1_024
    /// The longest token id recorded, in bytes; a longer one is refused.
    public static let maximumTokenIdBytes = 128
    /// An opaque principal (`token:NAME` now, `practitioner:ID` and the like later); LMDB's
    /// keys are at most 511 bytes and the principal index's key is this plus 9.
    public static let maximumPrincipalBytes = 400
    /// The longest route template recorded, in bytes; a longer one is refused.
    public static let maximumRouteBytes = 256
    /// The path and query as sent are cut here (at a character boundary, marked by `…`): the
    /// route and the cases say what was disclosed; the rest of a long query adds nothing.
    public static let maximumPathBytes = 2_048
    /// The most bytes a stored entry may have: the limits above, with room to spare.
    public static let maximumSize = 96 * 1_024

    /// The `prevHash` of entry 1: 64 zeros.
    public static let zeroHash = String(repeating: "0", count: 64)

    static let fields: Set<String> = [
        "at", "cases", "hash", "part", "parts", "path", "prevHash", "principal", "route", "seq", "tokenId",
    ]

    init(
        seq: UInt64, at: Timestamp, tokenId: String, principal: String, route: String, path: String, cases: [String],
        part: Int, parts: Int, prevHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.tokenId = tokenId
        self.principal = principal
        self.route = route
        self.path = path
        self.cases = cases
        self.part = part
        self.parts = parts
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The entry as JSON, `hash` included or not.
    public func json(includingHash: Bool = true) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("seq", .number(Double(seq))), ("at", .string(at.description)), ("tokenId", .string(tokenId)),
            ("principal", .string(principal)), ("route", .string(route)), ("path", .string(path)),
            ("cases", .array(cases.map { .string($0) })),
        ]
        if parts > 1 { members += [("part", .number(Double(part))), ("parts", .number(Double(parts)))] }
        members.append(("prevHash", .string(prevHash)))
        if includingHash { members.append(("hash", .string(hash))) }
        return .object(JSONObject(members))
    }

    /// The stored bytes: the canonical form with `hash`.
    public var canonicalBytes: [UInt8] { canonical(includingHash: true) }

    /// RFC 8785 bytes of `json(includingHash:)`, written directly (every read's entry is
    /// encoded on the recorder's thread; a test holds this to `CanonicalJSON.bytes(json())`).
    /// Members in RFC 8785 order: at, cases, hash, part, parts, path, prevHash, principal,
    /// route, seq, tokenId.
    public func canonical(includingHash: Bool) -> [UInt8] {
        let unhashed = canonicalWithoutHash(atText: at.description)
        return includingHash ? Self.inserting(hash: hash, into: unhashed) : unhashed.bytes
    }

    /// The canonical form without `hash`, and where `hash` goes in it (after `cases`): the
    /// recorder hashes these bytes, then stores them with the hash spliced in, so each entry
    /// is encoded once. `atText` is `at.description`, which a whole group shares.
    func canonicalWithoutHash(atText: String) -> (bytes: [UInt8], hashOffset: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(320 + cases.count * 20 + path.utf8.count + principal.utf8.count)
        func member(_ name: StaticString, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func number(_ n: UInt64) { out.append(contentsOf: String(n).utf8) }
        out.append(UInt8(ascii: "{"))
        member("at", first: true)
        CanonicalJSON.writeString(atText, into: &out)
        member("cases")
        out.append(UInt8(ascii: "["))
        for (i, id) in cases.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeString(id, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        let hashOffset = out.count
        if parts > 1 {
            member("part")
            number(UInt64(part))
            member("parts")
            number(UInt64(parts))
        }
        member("path")
        CanonicalJSON.writeString(path, into: &out)
        member("prevHash")
        CanonicalJSON.writeString(prevHash, into: &out)
        member("principal")
        CanonicalJSON.writeString(principal, into: &out)
        member("route")
        CanonicalJSON.writeString(route, into: &out)
        member("seq")
        number(seq)
        member("tokenId")
        CanonicalJSON.writeString(tokenId, into: &out)
        out.append(UInt8(ascii: "}"))
        return (out, hashOffset)
    }

    /// `unhashed` with `,"hash":"…"` at its place.
    static func inserting(hash: String, into unhashed: (bytes: [UInt8], hashOffset: Int)) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(unhashed.bytes.count + 12 + hash.utf8.count)
        out.append(contentsOf: unhashed.bytes[..<unhashed.hashOffset])
        out.append(contentsOf: #","hash":"#.utf8)
        CanonicalJSON.writeString(hash, into: &out)
        out.append(contentsOf: unhashed.bytes[unhashed.hashOffset...])
        return out
    }

    /// The hash this entry's other members chain to.
    public func computedHash() throws(LedgerError) -> [UInt8] {
        guard let previous = Hex.decodeHash(prevHash) else {
            throw .corrupt("access entry \(seq): prevHash \(prevHash) is not 64 lowercase hex digits")
        }
        return Self.chainHash(previous, canonical(includingHash: false))
    }

    /// SHA-256(`previous` ‖ `canonicalWithoutHash`): the ledger's chain, over the trail.
    static func chainHash(_ previous: [UInt8], _ canonicalWithoutHash: [UInt8]) -> [UInt8] {
        assert(previous.count == 32, "a previous hash is 32 bytes")
        return RecordedEventEncoder.chainHash(prevHash: previous, canonicalWithoutHash: canonicalWithoutHash)
    }

    /// Reads a stored entry back; anything but the form `canonicalBytes` writes is corruption,
    /// named by `seq` (the key it was stored under).
    public init(decoding bytes: UnsafeRawBufferPointer, seq key: UInt64) throws(LedgerError) {
        func corrupt(_ what: String) -> LedgerError { .corrupt("access entry \(key): \(what)") }
        guard bytes.count <= Self.maximumSize else { throw corrupt("\(bytes.count) bytes, more than \(Self.maximumSize)") }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw corrupt("not JSON: \(error)") }
        guard let object = value.objectValue else { throw corrupt("not an object") }
        for member in object.members where !Self.fields.contains(member.key) { throw corrupt("unknown field \(member.key)") }
        func string(_ name: String) throws(LedgerError) -> String {
            guard let text = object[name]?.stringValue else { throw corrupt("lacks string \(name)") }
            return text
        }
        func integer(_ name: String, default fallback: Int64? = nil) throws(LedgerError) -> Int64 {
            guard let member = object[name] else {
                if let fallback { return fallback }
                throw corrupt("lacks integer \(name)")
            }
            guard let n = member.integerValue, n >= 1 else { throw corrupt("\(name) is not a positive integer") }
            return n
        }
        let seq = UInt64(try integer("seq"))
        guard seq == key else { throw corrupt("stored under seq \(key) but says seq \(seq)") }
        guard let at = Timestamp(parsing: try string("at")) else { throw corrupt("at is not an RFC 3339 UTC timestamp") }
        guard let list = object["cases"]?.arrayValue else { throw corrupt("lacks array cases") }
        var cases: [String] = []
        cases.reserveCapacity(list.count)
        for item in list {
            guard let id = item.stringValue else { throw corrupt("cases holds a \(item.typeName), not a case ID") }
            cases.append(id)
        }
        let part = try integer("part", default: 1)
        let parts = try integer("parts", default: 1)
        guard part <= parts, (object["part"] == nil) == (parts == 1) else { throw corrupt("part \(part) of \(parts)") }
        self.init(
            seq: seq, at: at, tokenId: try string("tokenId"), principal: try string("principal"), route: try string("route"),
            path: try string("path"), cases: cases, part: Int(part), parts: Int(parts), prevHash: try string("prevHash"),
            hash: try string("hash"))
        // The pair of the checks made before the put (`AccessTrail.entries(for:)`).
        guard cases.count <= Self.maximumCases, Self.isSortedAndUnique(cases) else {
            throw corrupt("cases are not sorted, unique and at most \(Self.maximumCases)")
        }
    }

    /// Whether `ids` are in strictly increasing byte order (so sorted and without repeats).
    static func isSortedAndUnique(_ ids: [String]) -> Bool {
        // Compared in place: a copy of each side's bytes per comparison cost a view of 2,048
        // cases tens of thousands of allocations on the journal's thread.
        zip(ids, ids.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `ids` sorted by UTF-8 bytes, each once (neighbours equal byte for byte are one).
    static func sortedUnique(_ ids: [String]) -> [String] {
        let sorted = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var unique: [String] = []
        unique.reserveCapacity(sorted.count)
        for id in sorted where !(unique.last?.utf8.elementsEqual(id.utf8) ?? false) {
            unique.append(id)
        }
        assert(isSortedAndUnique(unique), "sorted and once each")
        return unique
    }

    /// `text` cut to at most `limit` UTF-8 bytes at a character boundary, marked with `…`.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var kept = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            if bytes + size > limit - 3 { break }  // "…" is 3 bytes
            kept.append(character)
            bytes += size
        }
        return kept + "…"
    }
}
