/// The tree's upkeep in the log's environment: its right edge for the next append, caught
/// up from the events where a ledger lacks hashes (stored as `TreeBlocks`).
extension LedgerStore {
    /// The tree's right edge at the log's head (`headSeq`, which the caller has read) and a
    /// writer positioned after its stored hashes, in a write transaction: first building
    /// whatever hashes the tree lacks from the events it lacks them for.
    func treeFrontier(_ txn: LMDBTransaction, headSeq: UInt64) throws -> (frontier: TreeFrontier, writer: TreeBlockWriter) {
        let size = Int64(headSeq)
        let stored = try storedHashCount(txn)
        let expected = TreeLayout.storedCount(size)
        if stored == expected {
            return (try TreeFrontier(size: size) { try storedHashes(txn, $0) }, try TreeBlockWriter(txn, self, count: stored))
        }
        guard stored < expected else {
            throw LedgerError.corrupt("the tree stores \(stored) hashes, more than the \(expected) of \(size) events")
        }
        // The leaves it covers: a commit stores every hash of its leaves, so a whole count.
        var covered = Int64(0)
        while covered < size, TreeLayout.storedCount(covered + 1) <= stored { covered += 1 }
        guard TreeLayout.storedCount(covered) == stored else {
            throw LedgerError.corrupt("the tree stores \(stored) hashes, which is no whole number of leaves")
        }
        var frontier = try TreeFrontier(size: covered) { try storedHashes(txn, $0) }
        var writer = try TreeBlockWriter(txn, self, count: stored)
        var seq = UInt64(covered) + 1
        while seq <= UInt64(size) {
            guard let bytes = try txn.get(events, Keys.seq(seq)) else { throw LedgerError.corrupt("event \(seq) is missing") }
            try frontier.append(leaf: .leaf(bytes)) { try writer.append($0, txn, self) }
            seq += 1
        }
        try writer.flush(txn, self)
        assert(writer.count == expected, "the caught-up tree stores exactly its size's hashes")
        return (frontier, writer)
    }
}
