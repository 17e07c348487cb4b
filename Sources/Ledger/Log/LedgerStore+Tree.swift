/// The tree's stored hashes in the log's environment: read by index, appended with the
/// events, and caught up from the events where a ledger lacks them.
extension LedgerStore {
    /// The stored hashes at `indexes`, in order; a missing or malformed one is corruption.
    func storedHashes(_ txn: LMDBTransaction, _ indexes: [Int64]) throws -> [MerkleHash] {
        try indexes.map { index in
            guard let value = try withUnsafeBytes(of: UInt64(index).bigEndian, { try txn.get(tree, $0) }) else {
                throw LedgerError.corrupt("the tree lacks its stored hash \(index)")
            }
            guard let hash = MerkleHash(value) else { throw LedgerError.corrupt("the tree's stored hash \(index) is \(value.count) bytes") }
            return hash
        }
    }

    /// Stores `hash` as stored hash `index`, the next one.
    func appendStoredHash(_ txn: LMDBTransaction, _ hash: MerkleHash, at index: Int64) throws {
        try withUnsafeBytes(of: UInt64(index).bigEndian) { key in
            try hash.withUnsafeBytes { try txn.put(tree, key, $0, append: true) }
        }
    }

    /// The tree's right edge at the log's head (`headSeq`, which the caller has read), in a
    /// write transaction: first building whatever hashes the tree lacks from the events it
    /// lacks them for.
    func treeFrontier(_ txn: LMDBTransaction, headSeq: UInt64) throws -> (frontier: TreeFrontier, storedCount: Int64) {
        let size = Int64(headSeq)
        let stored = Int64(try environment.count(tree, in: txn))
        let expected = TreeLayout.storedCount(size)
        if stored == expected {
            return (try TreeFrontier(size: size) { try storedHashes(txn, $0) }, stored)
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
        var count = stored
        var seq = UInt64(covered) + 1
        while seq <= UInt64(size) {
            guard let bytes = try txn.get(events, Keys.seq(seq)) else { throw LedgerError.corrupt("event \(seq) is missing") }
            try frontier.append(leaf: .leaf(bytes)) { hash in
                try appendStoredHash(txn, hash, at: count)
                count += 1
            }
            seq += 1
        }
        assert(count == expected, "the caught-up tree stores exactly its size's hashes")
        return (frontier, count)
    }
}
