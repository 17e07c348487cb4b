import Foundation

/// Who has seen which child's record: every response that carried case data, chained like
/// the ledger, in an LMDB environment of its own (`DIR/access/`, private like the others).
///
/// Its own environment, because recording a read must never take the log's writer lock (an
/// append never waits for a read's trail), and because its commits are durable (`.full`,
/// unlike the projections): a response is sent only once its entry is synced.
///
/// Databases:
/// - `entries`: seq (8 bytes, big-endian) → the entry's canonical JSON (`AccessEntry`), appended.
/// - `cases`: case ID NUL seq → empty: "who has seen this child's record" is a range scan.
/// - `principals`: principal NUL seq → empty (a principal never holds NUL).
/// - `meta`: `head` → seq (8) ‖ hash (32) ‖ at (8, microseconds): what the next entry chains to;
///   `indexed` → seq (8): the entries up to it are in both indexes.
///
/// A read waits only for its entry's journal write (`AccessJournal`, `AccessRecorder`): the
/// recorder moves journaled entries here, with their index keys, in batches a few times a
/// second, so a read's durable write is one small flush rather than an LMDB commit. Queries
/// and `verify` read LMDB and then the journal's entries after it, so they are complete
/// either way; the next recorder to open the trail moves whatever a crash left in the journal.
/// (`indexed` can still trail `head` for entries recorded directly with `record(_:indexing:)`;
/// queries read those entries directly.)
///
/// Nothing edits or deletes an entry: the only writers are `record(_:)` and `store(_:bytes:)`, which append.
public final class AccessTrail: Sendable {
    /// The trail's own LMDB environment (`DIR/access/`), apart from the ledger's.
    public let environment: LMDBEnvironment
    let entries: LMDBDatabase
    let cases: LMDBDatabase
    let principals: LMDBDatabase
    let meta: LMDBDatabase
    let clock: @Sendable () -> Timestamp

    /// The trail's directory inside the data directory.
    public static let directoryName = "access"
    static let maximumDatabases: UInt32 = 4
    static let headKey = Array("head".utf8)
    static let indexedKey = Array("indexed".utf8)

    /// `DIR/access` for the ledger in `ledgerPath`.
    public static func path(inLedgerAt ledgerPath: String) -> String {
        ledgerPath + "/" + directoryName
    }

    /// Whether the ledger in `ledgerPath` has a trail yet (a daemon has served it).
    public static func exists(inLedgerAt ledgerPath: String) -> Bool {
        FileManager.default.fileExists(atPath: path(inLedgerAt: ledgerPath) + "/data.mdb")
    }

    /// Opens (creating if needed) the trail of the ledger in `ledgerPath`. One per process:
    /// LMDB forbids opening an environment twice in a process.
    public init(ledgerPath: String, clock: @escaping @Sendable () -> Timestamp = Ledger.systemClock) throws(LedgerError) {
        environment = try LMDBEnvironment(
            path: Self.path(inLedgerAt: ledgerPath), maxDatabases: Self.maximumDatabases, mapSize: 64 << 20, durability: .full)
        do {
            entries = try environment.openDatabase("entries")
            cases = try environment.openDatabase("cases")
            principals = try environment.openDatabase("principals")
            meta = try environment.openDatabase("meta")
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .storage(operation: "open the access trail", code: -1, message: "\(error)")
        }
        self.clock = clock
        do {
            try catchUpIndexes()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .storage(operation: "index the access trail", code: -1, message: "\(error)")
        }
    }

    /// The newest entry's seq, hash and time: what the next one chains to.
    public struct Head: Sendable, Equatable {
        /// 0 for an empty trail.
        public var seq: UInt64
        /// The last entry's hash (32 zero bytes for an empty trail): what the next entry chains to.
        public var hash: [UInt8]
        /// The last entry's time: the next entry's `at` is never earlier.
        public var at: Timestamp

        /// The head of an empty trail.
        public static let empty = Head(seq: 0, hash: [UInt8](repeating: 0, count: 32), at: Timestamp(microseconds: 0))

        var bytes: [UInt8] {
            Keys.seq(seq) + hash + withUnsafeBytes(of: at.microseconds.bigEndian) { Array($0) }
        }

        init(seq: UInt64, hash: [UInt8], at: Timestamp) {
            self.seq = seq
            self.hash = hash
            self.at = at
        }

        init(decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
            guard bytes.count == 48 else { throw .corrupt("the access trail's head is \(bytes.count) bytes, not 48") }
            seq = try Keys.decodeSeq(UnsafeRawBufferPointer(rebasing: bytes[0..<8]))
            hash = Array(bytes[8..<40])
            at = Timestamp(microseconds: Int64(bigEndian: UnsafeRawBufferPointer(rebasing: bytes[40..<48]).loadUnaligned(as: Int64.self)))
        }
    }

    /// The trail's head as LMDB holds it (entries still only in the journal are not counted).
    /// Throws `.corrupt` for a malformed stored head.
    public func head() throws -> Head {
        try environment.read { txn in try head(txn) }
    }

    func head(_ txn: LMDBTransaction) throws -> Head {
        guard let bytes = try txn.get(meta, Self.headKey) else { return .empty }
        return try Head(decoding: bytes)
    }

    /// A disclosure the trail will not record, with the reason (the response is not sent).
    public struct Refused: Error, Sendable, Equatable, CustomStringConvertible {
        /// Why the disclosure cannot be recorded (a field too long, a malformed case ID).
        public var description: String
    }

    /// Records each disclosure in one transaction, durably, before returning: each gets the
    /// seqs of its entries (several when it disclosed more than `AccessEntry.maximumCases`
    /// cases), or `Refused` (nothing of it recorded; the others are). Throws `LedgerError` if
    /// storage failed: then nothing was recorded. The indexes are brought up to date in the
    /// same transaction.
    public func record(_ disclosures: [Disclosure]) throws -> [Result<[UInt64], Refused>] {
        try record(disclosures, indexing: true).results
    }

    /// `record`, with the indexes left for `index(_:)` unless `indexing`; also returns the
    /// entries written, for that.
    func record(_ disclosures: [Disclosure], indexing: Bool) throws -> (results: [Result<[UInt64], Refused>], added: [AccessEntry]) {
        let checked = disclosures.map(Self.check)
        return try environment.write { txn in
            if indexing { try catchUpIndexes(txn) }
            var head = try head(txn)
            var added: [AccessEntry] = []
            // Never earlier than the entry before, so `--since` can binary-search by seq.
            let at = max(clock(), head.at)
            var results: [Result<[UInt64], Refused>] = []
            results.reserveCapacity(checked.count)
            for disclosure in checked {
                switch disclosure {
                case .failure(let refused): results.append(.failure(refused))
                case .success(let disclosure):
                    var seqs: [UInt64] = []
                    for entry in Self.entries(for: disclosure, after: &head, at: at) {
                        try put(entry, txn)
                        if indexing { try putIndexes(entry, txn) }
                        seqs.append(entry.seq)
                        added.append(entry)
                    }
                    results.append(.success(seqs))
                }
            }
            try txn.put(meta, Self.headKey, head.bytes)
            if indexing { try txn.put(meta, Self.indexedKey, Keys.seq(head.seq)) }
            return (results, added)
        }
    }

    /// The last entry the indexes hold.
    func indexed(_ txn: LMDBTransaction) throws -> UInt64 {
        guard let bytes = try txn.get(meta, Self.indexedKey) else { return 0 }
        return try Keys.decodeSeq(bytes)
    }

    /// Adds `entries` (recorded without their index keys, in seq order) to the indexes, with
    /// any stored entries before them that still lack theirs.
    func index(_ entries: [AccessEntry]) throws {
        try environment.write { txn in
            try catchUpIndexes(txn, through: entries.first.map { $0.seq - 1 })
            var indexed = try indexed(txn)
            for entry in entries where entry.seq > indexed {
                // The indexed mark is read from the file: a gap there is corruption, reported.
                guard entry.seq == indexed + 1 else {
                    throw LedgerError.corrupt("access entry \(entry.seq) would be indexed after entry \(indexed)")
                }
                try putIndexes(entry, txn)
                indexed = entry.seq
            }
            try txn.put(meta, Self.indexedKey, Keys.seq(indexed))
        }
    }

    /// Indexes the stored entries the indexes lack (after a restart, or a failed batch).
    func catchUpIndexes() throws {
        let behind = try environment.read { txn in try indexed(txn) < head(txn).seq }
        if behind { try environment.write { txn in try catchUpIndexes(txn) } }
    }

    func catchUpIndexes(_ txn: LMDBTransaction, through last: UInt64? = nil) throws {
        let last = try last ?? head(txn).seq
        var indexed = try indexed(txn)
        guard indexed < last else { return }
        while indexed < last {
            indexed += 1
            try putIndexes(try entry(indexed, txn), txn)
        }
        try txn.put(meta, Self.indexedKey, Keys.seq(indexed))
    }

    /// The disclosure with its cases sorted and once each, or why it cannot be recorded.
    static func check(_ disclosure: Disclosure) -> Result<Disclosure, Refused> {
        func refuse(_ why: String) -> Result<Disclosure, Refused> { .failure(Refused(description: why)) }
        let principal = disclosure.principal.utf8
        guard !principal.isEmpty, principal.count <= AccessEntry.maximumPrincipalBytes, !principal.contains(0) else {
            return refuse("a principal is 1–\(AccessEntry.maximumPrincipalBytes) bytes without NUL, not \(principal.count) bytes")
        }
        guard !disclosure.tokenId.isEmpty, disclosure.tokenId.utf8.count <= AccessEntry.maximumTokenIdBytes else {
            return refuse("a token id is 1–\(AccessEntry.maximumTokenIdBytes) bytes")
        }
        guard !disclosure.route.isEmpty, disclosure.route.utf8.count <= AccessEntry.maximumRouteBytes else {
            return refuse("a route is 1–\(AccessEntry.maximumRouteBytes) bytes")
        }
        if let bad = disclosure.cases.first(where: { !IdentifierRule.isValid($0) }) {
            return refuse("\(bad.prefix(80)) is not a case ID (\(IdentifierRule.pattern))")
        }
        var checked = disclosure
        checked.cases = AccessEntry.sortedUnique(disclosure.cases)
        checked.path = AccessEntry.truncated(disclosure.path, to: AccessEntry.maximumPathBytes)
        return .success(checked)
    }

    /// The chained entries of one checked disclosure, advancing `head` past them.
    static func entries(for disclosure: Disclosure, after head: inout Head, at: Timestamp) -> [AccessEntry] {
        encodedEntries(for: disclosure, after: &head, at: at, atText: at.description).map(\.entry)
    }

    /// `entries(for:after:at:)` with each entry's stored bytes, encoded once (`atText` is
    /// `at.description`, shared by a whole group).
    static func encodedEntries(
        for disclosure: Disclosure, after head: inout Head, at: Timestamp, atText: String
    ) -> [(entry: AccessEntry, bytes: [UInt8])] {
        let count = disclosure.cases.count
        let chunks = stride(from: 0, to: max(count, 1), by: AccessEntry.maximumCases).map {
            Array(disclosure.cases[$0..<min($0 + AccessEntry.maximumCases, count)])
        }
        return chunks.enumerated().map { index, cases in
            var entry = AccessEntry(
                seq: head.seq + 1, at: at, tokenId: disclosure.tokenId, principal: disclosure.principal, route: disclosure.route,
                path: disclosure.path, cases: cases, part: index + 1, parts: chunks.count, prevHash: Hex.encode(head.hash), hash: "")
            let unhashed = entry.canonicalWithoutHash(atText: atText)
            let hash = AccessEntry.chainHash(head.hash, unhashed.bytes)
            entry.hash = Hex.encode(hash)
            head = Head(seq: entry.seq, hash: hash, at: at)
            return (entry, AccessEntry.inserting(hash: entry.hash, into: unhashed))
        }
    }

    func put(_ entry: AccessEntry, _ txn: LMDBTransaction, bytes encoded: [UInt8]? = nil) throws {
        let bytes = encoded ?? entry.canonicalBytes
        // The pair of the checks `AccessEntry(decoding:)` makes after a read.
        precondition(bytes.count <= AccessEntry.maximumSize, "access entry \(entry.seq) is \(bytes.count) bytes")
        precondition(entry.cases.count <= AccessEntry.maximumCases && AccessEntry.isSortedAndUnique(entry.cases))
        assert(
            bytes.withUnsafeBytes { (try? AccessEntry(decoding: $0, seq: entry.seq)) == entry },
            "access entry \(entry.seq)'s stored bytes read back as the entry")
        try txn.put(entries, Keys.seq(entry.seq), bytes, append: true)
    }

    func putIndexes(_ entry: AccessEntry, _ txn: LMDBTransaction) throws {
        for id in entry.cases { try txn.put(cases, Self.indexKey(id, entry.seq), []) }
        try txn.put(principals, Self.indexKey(entry.principal, entry.seq), [])
    }

    /// `name NUL seq`: one name's keys are contiguous and in seq order.
    static func indexKey(_ name: String, _ seq: UInt64) -> [UInt8] {
        var key = Array(name.utf8)
        key.append(0)
        key.append(contentsOf: Keys.seq(seq))
        return key
    }

    /// Entries in the trail (LMDB's statistics, no scan).
    public func count() throws -> Int {
        try environment.read { txn in try environment.count(entries, in: txn) }
    }
}
