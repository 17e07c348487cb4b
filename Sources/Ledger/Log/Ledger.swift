import Foundation
import Synchronization

/// The ledger: an append-only, hash-chained event log in one LMDB environment.
///
/// Every method is synchronous and thread-safe. Appends from any number of threads and
/// processes serialise on LMDB's writer lock; each returns only after its transaction is
/// durable. For many concurrent appenders in one process, `GroupCommitter` shares one
/// transaction and one fsync among them.
public final class Ledger: Sendable {
    /// The LMDB environment holding the log's databases (and the daemon's tokens), shared
    /// with anything that must read or write in the same transactions.
    public let environment: LMDBEnvironment
    let store: LedgerStore
    let clock: @Sendable () -> Timestamp
    /// Environments derived from the log, opened on first use (see `derivedEnvironment`).
    private let derived = Mutex<[String: LMDBEnvironment]>([:])

    /// The log's data file inside its directory (LMDB's), whose presence says a ledger is there.
    public static let dataFileName = "data.mdb"

    /// Opens (creating if needed) the ledger in directory `path`.
    public init(
        path: String, mapSize: Int = LMDBEnvironment.defaultMapSize,
        clock: @escaping @Sendable () -> Timestamp = Ledger.systemClock
    ) throws(LedgerError) {
        environment = try LMDBEnvironment(path: path, maxDatabases: LedgerStore.maximumDatabases, mapSize: mapSize)
        do {
            store = try LedgerStore(environment: environment)
        } catch {
            throw Self.storageError(error)
        }
        self.clock = clock
    }

    /// The LMDB environment `name` in the ledger's directory, for data derived from the log
    /// (the projections): opened on first use, then shared by every caller in this process,
    /// since LMDB forbids opening one environment twice in a process.
    ///
    /// Its commits take their own writer lock and flush their own file, so keeping derived
    /// data current never holds an append up. A commit there may be lost to a power loss
    /// (`Durability.lastCommitMayBeLost`): whatever is derived is derived again from the log.
    public func derivedEnvironment(_ name: String, maxDatabases: UInt32) throws(LedgerError) -> LMDBEnvironment {
        precondition(!name.isEmpty && !name.contains("/") && name != "." && name != "..")
        return try derived.withLock { (opened: inout [String: LMDBEnvironment]) throws(LedgerError) -> LMDBEnvironment in
            if let open = opened[name] { return open }
            let opening = try LMDBEnvironment(
                path: self.environment.path + "/" + name, maxDatabases: maxDatabases, durability: .lastCommitMayBeLost)
            opened[name] = opening
            return opening
        }
    }

    /// The wall clock, in microseconds.
    public static let systemClock: @Sendable () -> Timestamp = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Timestamp(microseconds: Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000)
    }

    /// Appends one batch atomically and durably: all of it, or (throwing `AppendFailure`) none.
    /// `recordedBy` is who is appending, as authenticated (default: this process's user).
    @discardableResult
    public func append(_ batch: [AppendRequest], recordedBy: RecordedBy = .processUser) throws(AppendFailure) -> [AppendOutcome] {
        do {
            return try append(batches: [batch], recordedBy: [recordedBy])[0].get()
        } catch let failure as AppendFailure {
            throw failure
        } catch {
            throw AppendFailure(index: 0, eventId: nil, error: Self.storageError(error))
        }
    }

    /// Bulk load: every request the input yields, in one transaction written as it goes; all
    /// or nothing.
    ///
    /// `input` is called at the start of each attempt and must return a fresh reader from the
    /// first request: when the map fills, LMDB aborts the transaction, the map grows and the
    /// load runs again from the top (a reader carried over would resume mid-file and commit a
    /// part of it). Requests are pulled inside the write transaction, so a file of any size
    /// streams through without being held in memory; the reader may throw an `AppendFailure`
    /// for input it cannot parse, which aborts the load. `onOutcome` restarts with the attempt.
    @discardableResult
    public func importRequests(
        _ input: () throws -> (() throws -> AppendRequest?), expectedCount: Int = 0, recordedBy: RecordedBy = .processUser,
        onOutcome: (AppendOutcome) -> Void = { _ in }
    ) throws(AppendFailure) -> ChainHead {
        try importRequests(
            input, expectedCount: expectedCount, recordedBy: recordedBy, treeWindow: AppendSession.deferredWindow, onOutcome: onOutcome)
    }

    /// Reads a load's next request (nil at the end). While none is ready yet (its parser is
    /// behind), it calls `idle` instead of waiting: a short piece of the load's own work (the
    /// tree's), which returns false once there is none left.
    public typealias PatientInput = (_ idle: () throws -> Bool) throws -> AppendRequest?

    /// `importRequests` from an input read ahead on another thread, which hands the writer's
    /// waits to the load's tree: leaves the writer would otherwise hash at the end, while the
    /// parser's core is busy with the rest of the input.
    @discardableResult
    public func importRequests(
        patient input: () throws -> PatientInput, expectedCount: Int = 0, recordedBy: RecordedBy = .processUser,
        onOutcome: (AppendOutcome) -> Void = { _ in }
    ) throws(AppendFailure) -> ChainHead {
        try importRequests(
            patient: input, expectedCount: expectedCount, recordedBy: recordedBy, treeWindow: AppendSession.deferredWindow,
            onOutcome: onOutcome)
    }

    /// `importRequests`, hashing the tree's leaves `treeWindow` at a time at the end (tests
    /// choose small windows to cross their boundaries).
    @discardableResult
    func importRequests(
        _ input: () throws -> (() throws -> AppendRequest?), expectedCount: Int = 0, recordedBy: RecordedBy = .processUser,
        treeWindow: Int, onOutcome: (AppendOutcome) -> Void = { _ in }
    ) throws(AppendFailure) -> ChainHead {
        try importRequests(
            patient: {
                let next = try input()
                return { _ in try next() }
            }, expectedCount: expectedCount, recordedBy: recordedBy, treeWindow: treeWindow, onOutcome: onOutcome)
    }

    /// `importRequests(patient:)` with the tree's window chosen (see above).
    @discardableResult
    func importRequests(
        patient input: () throws -> PatientInput, expectedCount: Int = 0, recordedBy: RecordedBy = .processUser,
        treeWindow: Int, onOutcome: (AppendOutcome) -> Void = { _ in }
    ) throws(AppendFailure) -> ChainHead {
        // First optimistically (no eventId repeated within the input: the usual case, and the
        // cheaper one), then, if the input did repeat one, again from the top handling repeats.
        var assumingUniqueIds = true
        while true {
            do {
                return try environment.write { txn in
                    let next = try input()
                    let session = try AppendSession(
                        txn: txn, store: store, now: clock(), assumingUniqueIds: assumingUniqueIds, deferredTreeWindow: treeWindow)
                    session.reserveCapacity(expectedCount)
                    do {
                        try session.apply(
                            next: { try next { try session.advanceDeferredTree(by: AppendSession.idleLeaves) } }, recordedBy: recordedBy,
                            writeThrough: true, onOutcome: onOutcome)
                    } catch let failure as AppendFailure {
                        if session.hasRepeatedAnEventId { throw RepeatedEventId() }
                        throw failure
                    }
                    try session.finish()
                    return session.head
                }
            } catch is RepeatedEventId {
                assumingUniqueIds = false
            } catch let failure as AppendFailure {
                throw failure
            } catch {
                throw AppendFailure(index: 0, eventId: nil, error: Self.storageError(error))
            }
        }
    }

    /// `importRequests` over requests already in memory.
    @discardableResult
    public func importRequests(_ requests: [AppendRequest]) throws(AppendFailure) -> ChainHead {
        try importRequests {
            var iterator = requests.makeIterator()
            return { iterator.next() }
        }
    }

    /// Appends several independent batches in one durable transaction (group commit), batch
    /// `i` by `recordedBy[i]` (default: every one by this process's user).
    ///
    /// Each batch succeeds or fails on its own; if storage itself fails, every batch fails
    /// with that error and nothing is written.
    public func append(
        batches: [[AppendRequest]], recordedBy: [RecordedBy]? = nil
    ) throws(LedgerError) -> [Result<[AppendOutcome], AppendFailure>] {
        precondition(!batches.isEmpty)
        let recordedBy = recordedBy ?? Array(repeating: .processUser, count: batches.count)
        precondition(recordedBy.count == batches.count, "one principal per batch")
        do {
            return try environment.write { txn in
                let session = try AppendSession(txn: txn, store: store, now: clock())
                var results: [Result<[AppendOutcome], AppendFailure>] = []
                results.reserveCapacity(batches.count)
                // A lone batch is written as it is applied; if it fails, its writes are already in
                // the transaction, so the failure must abort the transaction (rethrown below).
                let writeThrough = batches.count == 1
                for (batch, principal) in zip(batches, recordedBy) {
                    do {
                        results.append(.success(try session.apply(batch, recordedBy: principal, writeThrough: writeThrough)))
                    } catch let failure as AppendFailure {
                        if writeThrough { throw failure }
                        results.append(.failure(failure))
                    }
                }
                try session.finish()
                return results
            }
        } catch let failure as AppendFailure {
            return [.failure(failure)]
        } catch {
            throw Self.storageError(error)
        }
    }

    static func storageError(_ error: any Error) -> LedgerError {
        if let error = error as? LedgerError { return error }
        return .storage(operation: "transaction", code: -1, message: "\(error)")
    }

    /// The newest event's position, hash and time.
    public func head() throws(LedgerError) -> ChainHead {
        do {
            return try environment.read { txn in try store.head(txn) }
        } catch {
            throw Self.storageError(error)
        }
    }
}
