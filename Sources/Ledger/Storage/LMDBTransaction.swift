import CLMDB

/// A transaction handle, valid only inside the closure that received it.
///
/// Buffers returned by `get` and cursors point into the memory map: they are valid until the
/// transaction ends (or, in a write transaction, until the next write). Decode or copy them
/// inside the closure; never let them escape it.
public struct LMDBTransaction {
    let handle: OpaquePointer
    /// Whether this is a read transaction: writes in one are a programming error (they trap).
    public let isReadOnly: Bool

    /// The value stored under `key`, or nil.
    public func get(_ database: LMDBDatabase, _ key: UnsafeRawBufferPointer) throws(LedgerError) -> UnsafeRawBufferPointer? {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let rc = mdb_get(handle, database.dbi, &k, &v)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_get \(database.name)")
        return UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
    }

    /// `get` with the key in an array.
    public func get(_ database: LMDBDatabase, _ key: [UInt8]) throws(LedgerError) -> UnsafeRawBufferPointer? {
        let result: Result<UnsafeRawBufferPointer?, LedgerError> = key.withUnsafeBytes { k in
            do throws(LedgerError) { return .success(try get(database, k)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Stores `value` under `key`. `append` (keys strictly increasing) skips the search.
    public func put(
        _ database: LMDBDatabase, _ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer, append: Bool = false
    ) throws {
        precondition(!isReadOnly, "put in a read-only transaction")
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        let rc = mdb_put(handle, database.dbi, &k, &v, append ? UInt32(MDB_APPEND) : 0)
        if rc == MDB_MAP_FULL { throw LMDBMapFull.full }
        try check(rc, "mdb_put \(database.name)")
    }

    /// `put` with key and value in arrays. Throws `LedgerError.storage` (or the internal
    /// map-full signal the environment handles by growing the map).
    public func put(_ database: LMDBDatabase, _ key: [UInt8], _ value: [UInt8], append: Bool = false) throws {
        try key.withUnsafeBytes { k in
            try value.withUnsafeBytes { v in try put(database, k, v, append: append) }
        }
    }

    /// Deletes `key`; returns whether it was there.
    @discardableResult
    public func delete(_ database: LMDBDatabase, _ key: UnsafeRawBufferPointer) throws(LedgerError) -> Bool {
        precondition(!isReadOnly, "delete in a read-only transaction")
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        let rc = mdb_del(handle, database.dbi, &k, nil)
        if rc == MDB_NOTFOUND { return false }
        try check(rc, "mdb_del \(database.name)")
        return true
    }

    /// `delete` with the key in an array.
    @discardableResult
    public func delete(_ database: LMDBDatabase, _ key: [UInt8]) throws(LedgerError) -> Bool {
        let result: Result<Bool, LedgerError> = key.withUnsafeBytes { k in
            do throws(LedgerError) { return .success(try delete(database, k)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Empties `database` (it stays open).
    public func clear(_ database: LMDBDatabase) throws(LedgerError) {
        precondition(!isReadOnly, "clear in a read-only transaction")
        try check(mdb_drop(handle, database.dbi, 0), "mdb_drop \(database.name)")
    }

    /// Runs `body` with a cursor on `database`, closing it afterwards.
    public func withCursor<T>(_ database: LMDBDatabase, _ body: (LMDBCursor) throws -> T) throws -> T {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(handle, database.dbi, &cursor), "mdb_cursor_open \(database.name)")
        defer { mdb_cursor_close(cursor) }
        return try body(LMDBCursor(handle: cursor!, name: database.name))
    }

    /// Calls `body` with every entry of `database`, in key order: the one way to walk a
    /// whole database. Each entry's buffers are valid only during its call.
    public func forEach(_ database: LMDBDatabase, _ body: (LMDBCursor.Entry) throws -> Void) throws {
        try withCursor(database) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                try body(current)
                entry = try cursor.next()
            }
        }
    }
}

/// A position in a database; see `LMDBTransaction` for how long its buffers live.
public struct LMDBCursor {
    let handle: OpaquePointer
    let name: String

    /// A key and value pointing into the map, valid only until the cursor moves or the transaction ends.
    public typealias Entry = (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

    private func get(_ op: MDB_cursor_op, key: UnsafeRawBufferPointer? = nil) throws(LedgerError) -> Entry? {
        var k = MDB_val(mv_size: key?.count ?? 0, mv_data: UnsafeMutableRawPointer(mutating: key?.baseAddress))
        var v = MDB_val()
        let rc = mdb_cursor_get(handle, &k, &v, op)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_cursor_get \(name)")
        return (UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size), UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
    }

    /// The first entry in key order, or nil for an empty database.
    public func first() throws(LedgerError) -> Entry? { try get(MDB_FIRST) }
    /// The last entry in key order, or nil for an empty database.
    public func last() throws(LedgerError) -> Entry? { try get(MDB_LAST) }
    /// The entry after the cursor's, or nil past the last.
    public func next() throws(LedgerError) -> Entry? { try get(MDB_NEXT) }

    /// Deletes the entry at the cursor (write transactions only).
    public func deleteCurrent() throws(LedgerError) {
        try check(mdb_cursor_del(handle, 0), "mdb_cursor_del \(name)")
    }

    /// The first entry whose key is ≥ `key`.
    public func seek(_ key: [UInt8]) throws(LedgerError) -> Entry? {
        let result: Result<Entry?, LedgerError> = key.withUnsafeBytes { k in
            do throws(LedgerError) { return .success(try get(MDB_SET_RANGE, key: k)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
