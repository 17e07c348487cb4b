/// Reading the trail: "who has seen this child's record", by case, principal and time.
extension AccessTrail {
    /// What to list. Every filter given must hold; entries come in seq order.
    public struct Query: Sendable, Equatable {
        /// Entries that disclosed this case (a range scan of the case index).
        public var caseId: String?
        /// Entries of this principal (a range scan of the principal index when no case is given).
        public var principal: String?
        /// Recorded at or after this moment.
        public var since: Timestamp?
        /// Recorded at or before this moment.
        public var until: Timestamp?
        /// Only entries with a greater seq: where the previous page ended.
        public var after: UInt64
        /// At most this many entries.
        public var limit: Int

        /// A query of every filter given; the defaults list everything from the start.
        public init(
            caseId: String? = nil, principal: String? = nil, since: Timestamp? = nil, until: Timestamp? = nil, after: UInt64 = 0,
            limit: Int = .max
        ) {
            precondition(limit >= 0)
            self.caseId = caseId
            self.principal = principal
            self.since = since
            self.until = until
            self.after = after
            self.limit = limit
        }
    }

    /// The entries `query` asks for, from one consistent snapshot of LMDB and the journal
    /// entries after it (read first: see `tail(of:after:)`).
    public func entries(_ query: Query) throws -> [AccessEntry] {
        let journal = try journalEntries()
        return try environment.read { txn in
            let stored = try head(txn)
            let last = stored.seq
            var found: [AccessEntry] = []
            let journaled = try tail(of: journal, after: stored)
            guard query.limit > 0 else { return found }
            /// Adds `entry` if it passes the filters; false once nothing later can (past `until`, or a full page).
            func take(_ entry: AccessEntry) -> Bool {
                if entry.seq <= query.after { return true }
                if let since = query.since, entry.at < since { return true }
                if let until = query.until, entry.at > until { return false }
                if let principal = query.principal, entry.principal != principal { return true }
                if let caseId = query.caseId, !entry.cases.contains(caseId) { return true }
                found.append(entry)
                return found.count < query.limit
            }
            /// The entries only the journal holds yet (the last few milliseconds').
            func takeJournaled() -> [AccessEntry] {
                for entry in journaled where !take(entry) { break }
                return found
            }
            guard query.after < last else { return takeJournaled() }
            var start = query.after + 1
            if let since = query.since { start = max(start, try firstSeq(atOrAfter: since, last: last, txn)) }
            var seq = start
            if let name = query.caseId ?? query.principal {
                let index = query.caseId != nil ? cases : principals
                let prefix = Array(name.utf8) + [0]
                let indexed = try indexed(txn)
                let more = try txn.withCursor(index) { cursor -> Bool in
                    var item = try cursor.seek(Self.indexKey(name, start))
                    while let (key, _) = item, key.count == prefix.count + 8, key.starts(with: prefix) {
                        let seq = try Keys.decodeSeq(UnsafeRawBufferPointer(rebasing: key[prefix.count...]))
                        let entry = try entry(seq, txn)
                        // The index's pair: it names only entries that hold what it is keyed by.
                        let holds = query.caseId.map { entry.cases.contains($0) } ?? (entry.principal == name)
                        guard holds, seq <= indexed else {
                            throw LedgerError.corrupt("the access trail's index names entry \(seq) for \(name), which it does not hold")
                        }
                        guard take(entry) else { return false }
                        item = try cursor.next()
                    }
                    return true
                }
                // The entries recorded since the indexes were last brought up to date.
                guard more else { return found }
                seq = max(start, indexed + 1)
            }
            while seq <= last {
                guard take(try entry(seq, txn)) else { return found }
                seq += 1
            }
            return takeJournaled()
        }
    }

    /// The entry stored under `seq`; a missing one (below the head) is corruption.
    public func entry(_ seq: UInt64) throws -> AccessEntry {
        try environment.read { txn in try entry(seq, txn) }
    }

    func entry(_ seq: UInt64, _ txn: LMDBTransaction) throws -> AccessEntry {
        guard let bytes = try txn.get(entries, Keys.seq(seq)) else { throw LedgerError.corrupt("access entry \(seq) is missing") }
        return try AccessEntry(decoding: bytes, seq: seq)
    }

    /// The first seq recorded at or after `moment` (`last + 1` if none): `at` never decreases
    /// along the trail, so this is a binary search of O(log n) entries, not a scan.
    func firstSeq(atOrAfter moment: Timestamp, last: UInt64, _ txn: LMDBTransaction) throws -> UInt64 {
        var low: UInt64 = 1
        var high = last + 1
        while low < high {
            let middle = low + (high - low) / 2
            if try entry(middle, txn).at < moment { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
