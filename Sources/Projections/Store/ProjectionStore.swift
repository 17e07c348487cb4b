import Ledger

/// The projections' databases, in the ledger's own LMDB environment so that a projection's
/// state and its checkpoint change in the same transaction as each other, and a reader sees
/// them and the log in one snapshot.
///
/// - `projection.meta`: the format version, the checkpoint, and the directory (one record).
/// - `projection.cases`: caseId → `CaseRecord`.
/// - `projection.openActions`: see `OpenActionIndex`.
public struct ProjectionStore: Sendable {
    let meta: LMDBDatabase
    let cases: LMDBDatabase
    let openActions: LMDBDatabase

    /// Bumped whenever stored records change shape or meaning; a projection of another format
    /// is rebuilt from the log, never misread.
    static let formatVersion: UInt8 = 2

    static let formatKey = Array("format".utf8)
    static let checkpointKey = Array("checkpoint".utf8)
    static let directoryKey = Array("directory".utf8)

    public init(ledger: Ledger) throws {
        meta = try ledger.environment.openDatabase("projection.meta")
        cases = try ledger.environment.openDatabase("projection.cases")
        openActions = try ledger.environment.openDatabase("projection.openActions")
    }

    /// The checkpoint as `txn` sees it; nil for a projection never built or of another
    /// format, which must be rebuilt from seq 1.
    func checkpoint(_ txn: LMDBTransaction) throws -> ProjectionCheckpoint? {
        guard let format = try txn.get(meta, Self.formatKey), format.count == 1, format[0] == Self.formatVersion else {
            return nil
        }
        guard let bytes = try txn.get(meta, Self.checkpointKey) else { return .empty }
        return try ProjectionCheckpoint(decoding: bytes)
    }

    func caseRecord(_ caseId: String, _ txn: LMDBTransaction) throws -> CaseRecord? {
        guard let bytes = try txn.get(cases, Array(caseId.utf8)) else { return nil }
        return try CaseRecord(decoding: bytes)
    }

    /// Empties every projection database, stamped with the current format.
    func reset(_ txn: LMDBTransaction) throws {
        try txn.clear(meta)
        try txn.clear(cases)
        try txn.clear(openActions)
        try txn.put(meta, Self.formatKey, [Self.formatVersion])
    }
}
