/// Writes keys given in strictly increasing order into one database.
///
/// Keys beyond the database's last key go in with `MDB_APPEND`: LMDB then skips the search
/// and, when a page is full, starts a new one instead of splitting it in half, so a run of
/// new keys fills its pages. Keys that fall among existing ones (or replace them) are
/// ordinary puts. LMDB itself refuses an append that is not past the last key, so a caller
/// breaking the order gets an error, never a misplaced key.
struct SortedPutter {
    private let txn: LMDBTransaction
    private let database: LMDBDatabase
    /// The database's last key when this began; nil once past it (or if it was empty).
    private var lastExisting: [UInt8]?

    init(txn: LMDBTransaction, database: LMDBDatabase) throws {
        self.txn = txn
        self.database = database
        lastExisting = try txn.withCursor(database) { cursor in try cursor.last().map { Array($0.key) } }
    }

    /// Stores `value` under `key`, which must follow the previous key.
    mutating func put(_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws {
        if let last = lastExisting {
            // LMDB's default order: bytewise, a prefix before its extensions.
            guard last.lexicographicallyPrecedes(key) else {
                try txn.put(database, key, value)
                return
            }
            lastExisting = nil
        }
        try txn.put(database, key, value, append: true)
    }
}
