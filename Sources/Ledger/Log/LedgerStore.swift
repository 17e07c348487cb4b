/// The ledger's databases inside one LMDB environment.
///
/// - `events`: seq → the recorded event, as canonical JSON including its hash (exports are
///   these bytes verbatim).
/// - `streamIndex`: stream NUL version → seq.
/// - `streams`: stream → last version and the append rules' state for that stream.
/// - `eventIds`: eventId (16 bytes) → seq, for idempotent retries.
/// - `meta`: the chain head and the storage format version.
struct LedgerStore: Sendable {
    let environment: LMDBEnvironment
    let events: LMDBDatabase
    let streamIndex: LMDBDatabase
    let streams: LMDBDatabase
    let eventIds: LMDBDatabase
    let meta: LMDBDatabase

    /// Bumped when the stored layout changes incompatibly; a newer ledger is refused, not misread.
    static let formatVersion: UInt8 = 1

    /// Databases the ledger opens; projections (later modules) may open more in the same environment.
    static let maximumDatabases: UInt32 = 32

    init(environment: LMDBEnvironment) throws {
        self.environment = environment
        events = try environment.openDatabase("events")
        streamIndex = try environment.openDatabase("streamIndex")
        streams = try environment.openDatabase("streams")
        eventIds = try environment.openDatabase("eventIds")
        meta = try environment.openDatabase("meta")
        let meta = self.meta
        try environment.write { txn in
                if let stored = try txn.get(meta, Keys.format) {
                    guard stored.count == 1, stored[0] <= Self.formatVersion else {
                        throw LedgerError.corrupt("ledger format \(stored.first ?? 0) is newer than this ledgerd understands (\(Self.formatVersion))")
                    }
                } else {
                    try txn.put(meta, Keys.format, [Self.formatVersion])
                }
            }
    }

    func head(_ txn: LMDBTransaction) throws(LedgerError) -> ChainHead {
        guard let bytes = try txn.get(meta, Keys.head) else { return .empty }
        return try ChainHead(decoding: bytes)
    }
}
