import Ledger

/// The projections' databases, in an LMDB environment of their own beside the log's
/// (`<data>/projections/`, see `Ledger.derivedEnvironment`). A projection's records and its
/// checkpoint change in one transaction there; the log's writer lock and flushes are left
/// to appends alone, so keeping the views current never holds an append up.
///
/// A commit here may be undone by a power loss; the checkpoint goes back with it and the
/// events after it are applied again. The checkpoint names the log event it was taken at (seq
/// and hash), so a projection that does not match the log is detected, never trusted.
///
/// - `projection.meta`: the format version, the checkpoint, and the directory (one record).
/// - `projection.cases`: caseId → `CaseRecord`.
/// - `projection.openActions`: see `OpenActionIndex`.
/// - `projection.involvement`: see `InvolvementIndex`.
public struct ProjectionStore: Sendable {
    /// Where the databases live.
    public let environment: LMDBEnvironment
    let meta: LMDBDatabase
    let cases: LMDBDatabase
    let openActions: LMDBDatabase
    let involvement: LMDBDatabase

    /// Bumped whenever stored records change shape or meaning; a projection of another format
    /// is rebuilt from the log, never misread.
    /// (3: case records carry `involved`, indexed in `projection.involvement`.)
    static let formatVersion: UInt8 = 3

    static let formatKey = Array("format".utf8)
    static let checkpointKey = Array("checkpoint".utf8)
    static let directoryKey = Array("directory".utf8)

    /// The name of the projections' environment (a directory in the data directory).
    public static let environmentName = "projections"
    /// The databases the log's environment held before the projections moved out.
    static let legacyDatabaseNames = ["projection.meta", "projection.cases", "projection.openActions"]
    static let databaseNames = ["projection.meta", "projection.cases", "projection.openActions", "projection.involvement"]

    /// Opens (creating if need be) the projections' environment beside `ledger`'s log and its
    /// databases. Throws `LedgerError` if LMDB cannot open them.
    public init(ledger: Ledger) throws {
        // Room for every database, and one to spare.
        environment = try ledger.derivedEnvironment(Self.environmentName, maxDatabases: UInt32(Self.databaseNames.count + 1))
        meta = try environment.openDatabase(Self.databaseNames[0])
        cases = try environment.openDatabase(Self.databaseNames[1])
        openActions = try environment.openDatabase(Self.databaseNames[2])
        involvement = try environment.openDatabase(Self.databaseNames[3])
        // Ledgers written before the projections moved out kept them in the log's environment.
        // (`projection.involvement` came later and was never there.)
        for name in Self.legacyDatabaseNames { try ledger.environment.dropDatabase(name) }
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

    func caseRecord(_ caseId: CaseID, _ txn: LMDBTransaction) throws -> CaseRecord? {
        guard let bytes = try txn.get(cases, Array(caseId.rawValue.utf8)) else { return nil }
        return try CaseRecord(decoding: bytes)
    }

    /// Empties every projection database, stamped with the current format.
    func reset(_ txn: LMDBTransaction) throws {
        try txn.clear(meta)
        try txn.clear(cases)
        try txn.clear(openActions)
        try txn.clear(involvement)
        try txn.put(meta, Self.formatKey, [Self.formatVersion])
    }
}
