/// Reading the log: by global position and by stream.
///
/// Scans run in short read transactions of at most `scanChunk` events each, so a long export
/// never pins old pages (LMDB's file would grow); events are immutable, so chunking cannot
/// change what is read.
extension Ledger {
    static let scanChunk = 16_384

    /// Calls `body` with each recorded event's seq and stored bytes (valid only during the
    /// call), in seq order from `from` through `to` (inclusive), until `body` returns false.
    /// Returns the last seq visited, or nil if none.
    @discardableResult
    public func scan(
        from: UInt64 = 1, to: UInt64 = .max, _ body: (UInt64, UnsafeRawBufferPointer) throws -> Bool
    ) throws -> UInt64? {
        try scanInTransactions(from: from, to: to) { _, seq, bytes in try body(seq, bytes) }
    }

    /// `scan`, also handing `body` the read transaction the event was read in.
    @discardableResult
    func scanInTransactions(
        from: UInt64 = 1, to: UInt64 = .max, _ body: (LMDBTransaction, UInt64, UnsafeRawBufferPointer) throws -> Bool
    ) throws -> UInt64? {
        var next = max(from, 1)
        var last: UInt64?
        var stopped = false
        while !stopped, next <= to {
            let visited = try environment.read { txn in
                try txn.withCursor(store.events) { cursor -> Int in
                    var visited = 0
                    var entry = try cursor.seek(Keys.seq(next))
                    while let (key, value) = entry, visited < Self.scanChunk {
                        let seq = try Keys.decodeSeq(key)
                        guard seq <= to else { stopped = true; break }
                        visited += 1
                        last = seq
                        next = seq + 1
                        guard try body(txn, seq, value) else { stopped = true; break }
                        entry = try cursor.next()
                    }
                    return visited
                }
            }
            if visited < Self.scanChunk { break }
        }
        return last
    }

    /// The newest event's seq (0 for an empty ledger), from its key alone: for callers that
    /// only watch the log grow, cheaper than `head()`, which decodes the event.
    public func lastSeq() throws -> UInt64 {
        try environment.read { txn in try lastSeq(in: txn) }
    }

    /// The stored bytes of event `seq`, copied out.
    public func event(seq: UInt64) throws -> [UInt8]? {
        try environment.read { txn in try txn.get(store.events, Keys.seq(seq)).map { Array($0) } }
    }

    /// Calls `body` with each event of `stream` in version order.
    public func scan(stream: StreamName, _ body: (UnsafeRawBufferPointer) throws -> Bool) throws {
        let prefix = Keys.streamPrefix(stream.description)
        var nextVersion: Int64 = 0
        var more = true
        while more {
            more = try environment.read { txn in
                try txn.withCursor(store.streams) { cursor -> Bool in
                    var entry = try cursor.seek(Keys.streamVersion(stream.description, nextVersion))
                    var visited = 0
                    while let (key, value) = entry, key.count == prefix.count + 8, key.starts(with: prefix),
                        try Keys.decodeSeq(UnsafeRawBufferPointer(rebasing: key[prefix.count...])) != Keys.stateVersionMarker
                    {
                        guard let bytes = try txn.get(store.events, Array(value)) else {
                            throw LedgerError.corrupt("stream index of \(stream) points at a missing event")
                        }
                        nextVersion += 1
                        visited += 1
                        guard try body(bytes) else { return false }
                        if visited == Self.scanChunk { return true }
                        entry = try cursor.next()
                    }
                    return false
                }
            }
        }
    }

    /// The stream's last version, or -1 if it has no events.
    public func version(of stream: StreamName) throws -> Int64 {
        try environment.read { txn in
            guard let bytes = try txn.get(store.streams, Keys.streamState(stream.description)) else { return -1 }
            guard let version = Keys.streamRecordVersion(bytes) else {
                throw LedgerError.corrupt("stream record of \(stream) is truncated")
            }
            return version
        }
    }
}

/// Reading inside a caller's transaction, for modules that read several things from one
/// snapshot of the log.
extension Ledger {
    /// The append rules' state of `stream` as `txn` sees it (for the directory's streams:
    /// whether a practitioner is registered, their agency, whether they have left), or nil
    /// when the stream has no events.
    public func streamState(of stream: StreamName, in txn: LMDBTransaction) throws -> StreamState? {
        guard let bytes = try txn.get(store.streams, Keys.streamState(stream.description)) else { return nil }
        guard Keys.streamRecordVersion(bytes) != nil else { throw LedgerError.corrupt("stream record of \(stream) is truncated") }
        guard bytes.count > 8 else { return nil }
        return try StreamStateCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[8...]))
    }

    /// The IDs of every stream of `kind` (e.g. every registered practitioner), in byte order:
    /// for "did you mean" on an error path (it reads every index entry of those streams).
    public func streamIds(of kind: StreamKind, in txn: LMDBTransaction) throws -> [String] {
        let prefix = Array(kind.prefix.utf8)
        var ids: [String] = []
        try txn.withCursor(store.streams) { cursor in
            var entry = try cursor.seek(prefix)
            while let (key, _) = entry, key.starts(with: prefix) {
                // The state record (`name NUL FF×8`) ends each stream's entries: one per stream.
                if key.count > 9, key.suffix(8).allSatisfy({ $0 == 0xFF }), key[key.count - 9] == 0 {
                    ids.append(String(decoding: key[prefix.count..<(key.count - 9)], as: UTF8.self))
                }
                entry = try cursor.next()
            }
        }
        return ids
    }

    /// `streamState(of:in:)` in a snapshot of its own.
    public func streamState(of stream: StreamName) throws -> StreamState? {
        try environment.read { txn in try streamState(of: stream, in: txn) }
    }

    /// Calls `body` with each event from `from` in seq order, until it returns false or
    /// `limit` events have been visited. Returns the number visited.
    @discardableResult
    public func forEachEvent(
        in txn: LMDBTransaction, from: UInt64, limit: Int = .max, _ body: (UInt64, UnsafeRawBufferPointer) throws -> Bool
    ) throws -> Int {
        precondition(limit > 0)
        return try txn.withCursor(store.events) { cursor in
            var visited = 0
            var entry = try cursor.seek(Keys.seq(max(from, 1)))
            while let (key, value) = entry, visited < limit {
                visited += 1
                guard try body(try Keys.decodeSeq(key), value) else { break }
                entry = try cursor.next()
            }
            return visited
        }
    }

    /// The stored bytes of event `seq` in `txn`; valid only inside it.
    public func event(seq: UInt64, in txn: LMDBTransaction) throws -> UnsafeRawBufferPointer? {
        try txn.get(store.events, Keys.seq(seq))
    }

    /// Calls `body` with the stored bytes of each event of `stream` in version order, within `txn`.
    public func forEachEvent(
        in txn: LMDBTransaction, stream: StreamName, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let prefix = Keys.streamPrefix(stream.description)
        try txn.withCursor(store.streams) { cursor in
            var entry = try cursor.seek(Keys.streamVersion(stream.description, 0))
            while let (key, value) = entry, key.count == prefix.count + 8, key.starts(with: prefix),
                try Keys.decodeSeq(UnsafeRawBufferPointer(rebasing: key[prefix.count...])) != Keys.stateVersionMarker
            {
                guard let bytes = try txn.get(store.events, Array(value)) else {
                    throw LedgerError.corrupt("stream index of \(stream) points at a missing event")
                }
                try body(bytes)
                entry = try cursor.next()
            }
        }
    }
}
