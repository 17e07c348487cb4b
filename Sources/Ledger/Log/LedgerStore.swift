/// The ledger's databases inside one LMDB environment.
///
/// - `events`: seq → the recorded event, as canonical JSON including its hash (exports are
///   these bytes verbatim). The last one is the chain head.
/// - `streams`: stream NUL version → seq for every event, and stream NUL FF…FF → the stream's
///   last version and the append rules' state. The state sorts right after the stream's
///   newest index entry, so an append usually dirties one page here, not two: durable
///   commits are bound by the pages they write.
/// - `eventIds`: eventId (16 bytes) → seq, for idempotent retries.
/// - `tree`: the Merkle tree over the log (VERIFIABLE_LOG.md §1): every complete subtree's
///   hash once, in the order appends complete them (`TreeLayout`), packed 63 to a value
///   (`TreeBlocks`: block number, 8 bytes big-endian → up to 2,016 bytes). Written in the
///   same transaction as the events.
/// - `checkpoints`: tree size (8 bytes, big-endian) → the signed checkpoint of that size,
///   with the cosignatures gathered for it: every checkpoint the log signed, to show later.
/// - `meta`: the storage format version.
struct LedgerStore: Sendable {
    let environment: LMDBEnvironment
    let events: LMDBDatabase
    let streams: LMDBDatabase
    let eventIds: LMDBDatabase
    let meta: LMDBDatabase
    let tree: LMDBDatabase
    let checkpoints: LMDBDatabase

    /// Bumped when the stored layout changes incompatibly; a newer ledger is refused, not misread.
    /// 2: the tree's hashes packed into blocks (1 stored one hash per entry).
    static let formatVersion: UInt8 = 2

    /// Most databases in the log's environment (the ledger's, and the daemon's access tokens).
    static let maximumDatabases: UInt32 = 32

    init(environment: LMDBEnvironment) throws {
        self.environment = environment
        events = try environment.openDatabase("events")
        streams = try environment.openDatabase("streams")
        eventIds = try environment.openDatabase("eventIds")
        meta = try environment.openDatabase("meta")
        tree = try environment.openDatabase("tree")
        checkpoints = try environment.openDatabase("checkpoints")
        let meta = self.meta
        let store = self
        try environment.write { txn in
                if let stored = try txn.get(meta, Keys.format) {
                    guard stored.count == 1, stored[0] <= Self.formatVersion else {
                        throw LedgerError.corrupt("ledger format \(stored.first ?? 0) is newer than this ledgerd understands (\(Self.formatVersion))")
                    }
                    if stored[0] < 2 {
                        // Format 1's tree, a hash per entry, is derived data: dropped here and
                        // built again in blocks from the events just below, in this transaction.
                        try txn.clear(store.tree)
                        try txn.put(meta, Keys.format, [Self.formatVersion])
                    }
                } else {
                    try txn.put(meta, Keys.format, [Self.formatVersion])
                }
                // A ledger made before the tree, or appended to by a ledgerd without it, gets
                // its missing hashes here, once (after the format check: a newer ledger is
                // refused before anything is written to it).
                _ = try store.treeFrontier(txn, headSeq: try store.head(txn).seq)
            }
    }

    /// The newest event's position, hash and time, read from the event itself.
    func head(_ txn: LMDBTransaction) throws -> ChainHead {
        try txn.withCursor(events) { cursor in
            guard let (key, value) = try cursor.last() else { return .empty }
            let seq = try Keys.decodeSeq(key)
            let event = try RecordedEvent(decoding: value)
            guard event.seq == seq, let hash = Hex.decodeHash(event.hash),
                let recordedAt = Timestamp(parsing: event.recordedAt)
            else {
                throw LedgerError.corrupt("the newest event (key \(seq)) does not decode as recorded")
            }
            return ChainHead(seq: event.seq, hash: hash, recordedAt: recordedAt)
        }
    }
}
