/// The right edge of the tree: the hashes of its complete subtrees, largest first, which is
/// all an append needs. Leaf `n` completes one subtree per trailing one bit of `n`, each
/// the node of a frontier hash and the subtree just completed; those, with the leaf's own
/// hash, are exactly the hashes the append stores, in `TreeLayout`'s order.
struct TreeFrontier {
    private(set) var size: Int64
    /// (level, hash) of each complete subtree of the first `size` leaves, largest first.
    private var subtrees: [(level: Int, hash: MerkleHash)]

    /// The frontier of `size` leaves from the stored hashes `read` returns.
    init(size: Int64, read: TreeProofs.Reader) throws {
        var need: [Int64] = []
        TreeLayout.subtreeIndexes(0, size, into: &need)
        let hashes = try read(need)
        guard hashes.count == need.count else {
            throw LedgerError.corrupt("the tree holds \(hashes.count) of the \(need.count) hashes its right edge needs")
        }
        var levels: [Int] = []
        var lo: Int64 = 0
        while lo < size {
            let (k, level) = TreeLayout.largestPowerOfTwo(atMost: size - lo)
            levels.append(level)
            lo += k
        }
        self.size = size
        subtrees = Array(zip(levels, hashes)).map { (level: $0.0, hash: $0.1) }
    }

    /// Adds leaf `size` and returns the hashes to store for it, in storage order.
    mutating func append(leaf: MerkleHash) -> [MerkleHash] {
        var stored: [MerkleHash] = []
        append(leaf: leaf) { stored.append($0) }
        return stored
    }

    /// Adds leaf `size`, handing `store` each hash to store for it, in storage order (the
    /// append path's form: no array per event).
    mutating func append(leaf: MerkleHash, store: (MerkleHash) throws -> Void) rethrows {
        try store(leaf)
        var hash = leaf
        var level = 0
        while let last = subtrees.last, last.level == level {
            subtrees.removeLast()
            hash = .node(last.hash, hash)
            level += 1
            try store(hash)
        }
        subtrees.append((level, hash))
        size += 1
        assert(level == Int(size.trailingZeroBitCount), "leaf n completes one subtree per trailing one of n")
    }

    /// The root of the first `size` leaves.
    var root: MerkleHash {
        guard var hash = subtrees.last?.hash else { return .empty }
        for subtree in subtrees.dropLast().reversed() { hash = .node(subtree.hash, hash) }
        return hash
    }
}
