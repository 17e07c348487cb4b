import CLMDB
import Foundation

/// An LMDB environment: one memory map, its named databases, and the rules for using them
/// safely from many threads and processes.
///
/// - Read transactions are `MDB_NOTLS`, so any thread may run one; they are closure-scoped and
///   synchronous, so they can never be held across an `await` or outlive their closure.
/// - The map grows by itself: a write that fills it is aborted, the map doubled, and the write
///   run again, so `MDB_MAP_FULL` never reaches a caller. Another process's growth
///   (`MDB_MAP_RESIZED`) is adopted the same way.
public final class LMDBEnvironment: @unchecked Sendable {
    // @unchecked: `handle` is used per LMDB's threading rules (NOTLS readers, one writer at a
    // time by LMDB's own mutex) and resizing is serialised by `resizeLock`.
    let handle: OpaquePointer
    /// The environment's directory (LMDB's `data.mdb` and `lock.mdb` are in it).
    public let path: String
    /// What opening found readable by others and made private ("DIR/data.mdb: 644 → 600"),
    /// for the caller to log: a ledger created before files were private is fixed, and said so.
    public let tightenedPermissions: [String]
    /// Held shared by every transaction, exclusively while the map size changes: LMDB requires
    /// that no transaction of this process is active during `mdb_env_set_mapsize`.
    private let resizeLock: UnsafeMutablePointer<pthread_rwlock_t>

    /// The map's initial size (1 GiB); it doubles as needed up to `maximumMapSize`.
    public static let defaultMapSize = 1 << 30
    /// Growth stops here: a ledger larger than this is a deployment decision, not an accident.
    public static let maximumMapSize = 1 << 40

    /// What a commit promises once it returns.
    public enum Durability: Sendable {
        /// Durable: the data pages and then the meta page are flushed before the commit
        /// returns, so it survives `kill -9` and power loss. Two flushes per commit.
        case full
        /// Consistent (`MDB_NOMETASYNC`): the data pages are flushed, the meta page is left to
        /// the next commit's flush. A power loss may undo the last commit, never corrupt the
        /// environment. For data derived from the log, which is rebuilt from it.
        case lastCommitMayBeLost
    }

    /// Opens (creating if needed) the environment in directory `path`.
    public init(
        path: String, maxDatabases: UInt32, mapSize: Int = LMDBEnvironment.defaultMapSize,
        durability: Durability = .full
    ) throws(LedgerError) {
        precondition(mapSize > 0 && mapSize <= Self.maximumMapSize)
        var tightened: [String] = []
        try PrivateFiles.directory(path, tightened: &tightened)
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "mdb_env_create")
        guard let env else { throw .storage(operation: "mdb_env_create", code: -1, message: "no environment") }
        do throws(LedgerError) {
            try check(mdb_env_set_maxdbs(env, maxDatabases), "mdb_env_set_maxdbs")
            try check(mdb_env_set_maxreaders(env, 510), "mdb_env_set_maxreaders")
            // Never shrink below what the file already holds: LMDB adopts the larger size.
            try check(mdb_env_set_mapsize(env, mapSize), "mdb_env_set_mapsize")
            let flags = UInt32(MDB_NOTLS) | (durability == .full ? 0 : UInt32(MDB_NOMETASYNC))
            // Case records: the owner alone reads them (files 0600 in a 0700 directory).
            let opened = mdb_env_open(env, path, flags, PrivateFiles.fileMode)
            if opened == ENOSPC || opened == EDQUOT { throw LedgerError.noSpace(path: path) }
            try check(opened, "mdb_env_open \(path)")
            for file in ["data.mdb", "lock.mdb"] { try PrivateFiles.file(path + "/" + file, tightened: &tightened) }
            try Self.checkFileHoldsItsPages(env, path: path)
            // Readers left by processes that died (kill -9) would pin old pages forever.
            var cleared: Int32 = 0
            try check(mdb_reader_check(env, &cleared), "mdb_reader_check")
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.handle = env
        self.path = path
        self.tightenedPermissions = tightened
        PrivateFiles.report(tightened)
        self.resizeLock = .allocate(capacity: 1)
        pthread_rwlock_init(resizeLock, nil)
    }

    deinit {
        mdb_env_close(handle)
        pthread_rwlock_destroy(resizeLock)
        resizeLock.deallocate()
    }

    /// The current map size in bytes.
    public var mapSize: Int {
        var info = MDB_envinfo()
        mdb_env_info(handle, &info)
        return info.me_mapsize
    }

    /// Opens (creating) a named database; call once at start-up, before concurrent use.
    public func openDatabase(_ name: String) throws -> LMDBDatabase {
        try write { txn in
            var dbi: MDB_dbi = 0
            try check(mdb_dbi_open(txn.handle, name, UInt32(MDB_CREATE), &dbi), "mdb_dbi_open \(name)")
            return LMDBDatabase(dbi: dbi, name: name)
        }
    }

    /// Whether the named database exists (without creating it).
    public func hasDatabase(_ name: String) throws -> Bool {
        try read { txn in try Self.existing(name, txn) != nil }
    }

    /// Drops the named database and everything in it, if there is one.
    public func dropDatabase(_ name: String) throws {
        guard try hasDatabase(name) else { return }
        try write { txn in
            guard let dbi = try Self.existing(name, txn) else { return }
            try check(mdb_drop(txn.handle, dbi, 1), "mdb_drop \(name)")
        }
    }

    private static func existing(_ name: String, _ txn: LMDBTransaction) throws -> MDB_dbi? {
        var dbi: MDB_dbi = 0
        let rc = mdb_dbi_open(txn.handle, name, 0, &dbi)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_dbi_open \(name)")
        return dbi
    }

    /// Runs `body` in a read-only transaction: a consistent snapshot of the last commit.
    public func read<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        while true {
            pthread_rwlock_rdlock(resizeLock)
            var txn: OpaquePointer?
            let rc = mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &txn)
            if rc == MDB_MAP_RESIZED {
                pthread_rwlock_unlock(resizeLock)
                try adoptResize()
                continue
            }
            defer { pthread_rwlock_unlock(resizeLock) }
            try check(rc, "mdb_txn_begin (read)")
            defer { mdb_txn_abort(txn) }
            return try body(LMDBTransaction(handle: txn!, isReadOnly: true))
        }
    }

    /// Runs `body` in the write transaction and commits it, as the environment's `Durability`
    /// promises, before returning.
    ///
    /// `body` may run more than once (when the map must grow), so it must derive everything
    /// it writes from the transaction it is given. A throw aborts: nothing is written.
    public func write<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        while true {
            pthread_rwlock_rdlock(resizeLock)
            var txn: OpaquePointer?
            let rc = mdb_txn_begin(handle, nil, 0, &txn)
            if rc == MDB_MAP_RESIZED {
                pthread_rwlock_unlock(resizeLock)
                try adoptResize()
                continue
            }
            guard rc == 0, let txn else {
                pthread_rwlock_unlock(resizeLock)
                throw LedgerError.storage(operation: "mdb_txn_begin (write)", code: rc, message: errorText(rc))
            }
            let result: T
            do {
                result = try body(LMDBTransaction(handle: txn, isReadOnly: false))
            } catch LMDBMapFull.full {
                mdb_txn_abort(txn)
                pthread_rwlock_unlock(resizeLock)
                try grow()
                continue
            } catch {
                mdb_txn_abort(txn)
                pthread_rwlock_unlock(resizeLock)
                throw error
            }
            // mdb_txn_commit frees the transaction whether or not it succeeds.
            let committed = mdb_txn_commit(txn)
            pthread_rwlock_unlock(resizeLock)
            if committed == MDB_MAP_FULL {
                try grow()
                continue
            }
            // A full disk fails the commit's page writes; the meta page (in space the file
            // already holds) is untouched, so the environment stays as the last commit left it.
            // LMDB reports a short write (the last pages that did not fit) as EIO: on a
            // device with no room left, that is a full disk too.
            if committed == ENOSPC || committed == EDQUOT || (committed == EIO && Self.isFull(path)) {
                throw LedgerError.noSpace(path: path)
            }
            try check(committed, "mdb_txn_commit")
            return result
        }
    }

    /// Whether the filesystem holding `path` has less than 1 MiB left for unprivileged writes.
    static func isFull(_ path: String) -> Bool {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return false }
        return UInt64(status.f_bavail) * UInt64(status.f_frsize) < 1 << 20
    }

    private func grow() throws(LedgerError) {
        pthread_rwlock_wrlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        let current = mapSize
        guard current < Self.maximumMapSize else {
            throw .storage(operation: "grow map", code: MDB_MAP_FULL, message: "the ledger reached \(current) bytes, the maximum map size")
        }
        try check(mdb_env_set_mapsize(handle, min(current * 2, Self.maximumMapSize)), "mdb_env_set_mapsize (grow)")
    }

    private func adoptResize() throws(LedgerError) {
        pthread_rwlock_wrlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        // Size 0 adopts the size another process has set.
        try check(mdb_env_set_mapsize(handle, 0), "mdb_env_set_mapsize (adopt)")
    }

    /// Throws `corrupt` if the data file is shorter than the pages its meta page says it
    /// holds (a truncated copy): reading past the file's end would be a SIGBUS.
    ///
    /// Checked when the environment opens, before any transaction touches a page.
    static func checkFileHoldsItsPages(_ handle: OpaquePointer, path: String) throws(LedgerError) {
        var info = MDB_envinfo()
        var stat = MDB_stat()
        try check(mdb_env_info(handle, &info), "mdb_env_info")
        try check(mdb_env_stat(handle, &stat), "mdb_env_stat")
        let file = path + "/data.mdb"
        let size: Int64
        do {
            size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw .storage(operation: "stat \(file)", code: -1, message: "\(error)")
        }
        let needed = (Int64(info.me_last_pgno) + 1) * Int64(stat.ms_psize)
        guard size >= needed else {
            throw .corrupt("\(file) is \(size) bytes, but its pages reach \(needed): the file is truncated")
        }
    }

    /// Entries in `database`, from LMDB's own statistics (no scan).
    public func count(_ database: LMDBDatabase, in txn: LMDBTransaction) throws(LedgerError) -> Int {
        var stat = MDB_stat()
        try check(mdb_stat(txn.handle, database.dbi, &stat), "mdb_stat \(database.name)")
        return stat.ms_entries
    }
}

/// Thrown inside a write body when a put finds the map full; `write` grows the map and retries.
enum LMDBMapFull: Error {
    case full
}

/// A named database within an environment.
public struct LMDBDatabase: Sendable {
    let dbi: MDB_dbi
    /// The database's name in the environment, for error messages.
    public let name: String
}

func errorText(_ rc: Int32) -> String {
    String(cString: mdb_strerror(rc))
}

func check(_ rc: Int32, _ operation: @autoclosure () -> String) throws(LedgerError) {
    guard rc == 0 else { throw .storage(operation: operation(), code: rc, message: errorText(rc)) }
}
