/// The trail and its journal (`AccessJournal`): entries are durable in the journal first and
/// moved into LMDB in batches; everything that reads the trail reads both.
extension AccessTrail {
    /// Stores journaled `entries` (in seq order) with their index keys, in one durable
    /// transaction, skipping those already stored (a journal replayed after a crash may
    /// repeat what LMDB holds). Returns the head after it. The first new entry must chain to
    /// the stored head: anything else is corruption, and nothing is stored.
    /// `bytes`, when given, are the entries' canonical bytes (the recorder's, encoded once).
    @discardableResult
    public func store(_ journaled: [AccessEntry], bytes: [[UInt8]]? = nil) throws -> Head {
        precondition(bytes == nil || bytes?.count == journaled.count)
        return try environment.write { txn in
            try catchUpIndexes(txn)
            var head = try head(txn)
            for (index, entry) in journaled.enumerated() where entry.seq > head.seq {
                guard entry.seq == head.seq + 1, entry.prevHash == Hex.encode(head.hash), entry.at >= head.at,
                    let hash = Hex.decodeHash(entry.hash)
                else {
                    throw LedgerError.corrupt(
                        "access entry \(entry.seq) from the journal does not follow the trail's last entry \(head.seq)")
                }
                try put(entry, txn, bytes: bytes?[index])
                try putIndexes(entry, txn)
                head = Head(seq: entry.seq, hash: hash, at: entry.at)
            }
            try txn.put(meta, Self.headKey, head.bytes)
            try txn.put(meta, Self.indexedKey, Keys.seq(head.seq))
            return head
        }
    }

    /// The journal's entries after `head` (an LMDB snapshot's), checked to continue it.
    /// Read the journal before taking that snapshot: an entry leaves the journal only once
    /// LMDB holds it, so together they miss nothing.
    func tail(of journal: [AccessEntry], after head: Head) throws -> ArraySlice<AccessEntry> {
        let tail = journal.drop { $0.seq <= head.seq }
        if let first = tail.first, first.seq != head.seq + 1 || first.prevHash != Hex.encode(head.hash) {
            throw LedgerError.corrupt(
                "the access trail's journal continues at entry \(first.seq), which does not follow the trail's last entry \(head.seq)")
        }
        return tail
    }

    /// The journal's entries after what LMDB holds now (a floor: LMDB only grows, so its
    /// snapshot taken after this read holds at least as much), checked (see
    /// `AccessJournal.entries(inTrailAt:after:)`).
    func journalEntries() throws -> [AccessEntry] {
        try AccessJournal.entries(inTrailAt: environment.path, after: head().seq)
    }
}
