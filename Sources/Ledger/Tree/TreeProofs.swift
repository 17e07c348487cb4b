/// Roots and proofs of the log's tree for any size, from its stored hashes
/// (`TreeLayout`), as RFC 6962 §2.1 defines them; after Go's `sumdb/tlog`.
///
/// Each function first lists the stored hashes it needs, reads them all at once, then
/// combines them: O(log n) reads and hashes.
public struct TreeProofs {
    /// Reads the stored hashes at the given indexes, in order.
    public typealias Reader = ([Int64]) throws -> [MerkleHash]

    /// A request the tree cannot answer (a size or index out of range).
    public struct OutOfRange: Error, Sendable, CustomStringConvertible {
        /// Which size or index was asked for, and what the tree has.
        public var description: String
    }

    private let read: Reader

    /// Proofs over the hashes `read` returns (from one read transaction, so they agree).
    public init(read: @escaping Reader) {
        self.read = read
    }

    /// The root of the first `size` leaves.
    public func root(size: Int64) throws -> MerkleHash {
        guard size >= 0, size <= TreeLayout.maximumSize else { throw OutOfRange(description: "tree size \(size)") }
        guard size > 0 else { return .empty }
        var need: [Int64] = []
        TreeLayout.subtreeIndexes(0, size, into: &need)
        var hashes = try checkedRead(need)[...]
        return Self.subtreeHash(0, size, &hashes)
    }

    /// The audit path of leaf `index` in the tree of `size` leaves: the leaf's sibling first.
    public func inclusion(index: Int64, size: Int64) throws -> [MerkleHash] {
        guard size <= TreeLayout.maximumSize, index >= 0, index < size else {
            throw OutOfRange(description: "leaf \(index) is not in a tree of \(size)")
        }
        var need: [Int64] = []
        Self.leafProofIndexes(0, size, index, into: &need)
        var hashes = try checkedRead(need)[...]
        return Self.leafProof(0, size, index, &hashes)
    }

    /// The RFC 6962 consistency proof from size `old` to size `new`; empty when they are
    /// equal or `old` is 0.
    public func consistency(from old: Int64, to new: Int64) throws -> [MerkleHash] {
        guard old >= 0, old <= new, new <= TreeLayout.maximumSize else {
            throw OutOfRange(description: "no consistency proof from \(old) to \(new)")
        }
        guard old > 0, old < new else { return [] }
        var need: [Int64] = []
        Self.treeProofIndexes(0, new, old, into: &need)
        var hashes = try checkedRead(need)[...]
        return Self.treeProof(0, new, old, &hashes)
    }

    private func checkedRead(_ indexes: [Int64]) throws -> [MerkleHash] {
        let hashes = try read(indexes)
        guard hashes.count == indexes.count else {
            throw OutOfRange(description: "read \(hashes.count) stored hashes of \(indexes.count)")
        }
        return hashes
    }

    /// Combines the complete subtrees of `lo ..< hi` (largest first) into its hash.
    static func subtreeHash(_ lo: Int64, _ hi: Int64, _ hashes: inout ArraySlice<MerkleHash>) -> MerkleHash {
        let count = TreeLayout.subtreeCount(lo, hi)
        let parts = hashes.prefix(count)
        hashes = hashes.dropFirst(count)
        var hash = parts[parts.endIndex - 1]
        for i in stride(from: parts.endIndex - 2, through: parts.startIndex, by: -1) {
            hash = .node(parts[i], hash)
        }
        return hash
    }

    static func leafProofIndexes(_ lo: Int64, _ hi: Int64, _ n: Int64, into need: inout [Int64]) {
        assert(lo <= n && n < hi)
        guard lo + 1 < hi else { return }
        let k = TreeLayout.split(hi - lo)
        if n < lo + k {
            leafProofIndexes(lo, lo + k, n, into: &need)
            TreeLayout.subtreeIndexes(lo + k, hi, into: &need)
        } else {
            TreeLayout.subtreeIndexes(lo, lo + k, into: &need)
            leafProofIndexes(lo + k, hi, n, into: &need)
        }
    }

    static func leafProof(_ lo: Int64, _ hi: Int64, _ n: Int64, _ hashes: inout ArraySlice<MerkleHash>) -> [MerkleHash] {
        assert(lo <= n && n < hi)
        // The verifier knows the leaf's own hash.
        guard lo + 1 < hi else { return [] }
        let k = TreeLayout.split(hi - lo)
        var proof: [MerkleHash]
        let other: MerkleHash
        if n < lo + k {
            proof = leafProof(lo, lo + k, n, &hashes)
            other = subtreeHash(lo + k, hi, &hashes)
        } else {
            other = subtreeHash(lo, lo + k, &hashes)
            proof = leafProof(lo + k, hi, n, &hashes)
        }
        proof.append(other)
        return proof
    }

    static func treeProofIndexes(_ lo: Int64, _ hi: Int64, _ n: Int64, into need: inout [Int64]) {
        assert(lo < n && n <= hi)
        if n == hi {
            if lo > 0 { TreeLayout.subtreeIndexes(lo, hi, into: &need) }
            return
        }
        let k = TreeLayout.split(hi - lo)
        if n <= lo + k {
            treeProofIndexes(lo, lo + k, n, into: &need)
            TreeLayout.subtreeIndexes(lo + k, hi, into: &need)
        } else {
            TreeLayout.subtreeIndexes(lo, lo + k, into: &need)
            treeProofIndexes(lo + k, hi, n, into: &need)
        }
    }

    static func treeProof(_ lo: Int64, _ hi: Int64, _ n: Int64, _ hashes: inout ArraySlice<MerkleHash>) -> [MerkleHash] {
        assert(lo < n && n <= hi)
        if n == hi {
            // The old tree itself: the verifier has its root.
            if lo == 0 { return [] }
            return [subtreeHash(lo, hi, &hashes)]
        }
        let k = TreeLayout.split(hi - lo)
        var proof: [MerkleHash]
        let other: MerkleHash
        if n <= lo + k {
            proof = treeProof(lo, lo + k, n, &hashes)
            other = subtreeHash(lo + k, hi, &hashes)
        } else {
            other = subtreeHash(lo, lo + k, &hashes)
            proof = treeProof(lo + k, hi, n, &hashes)
        }
        proof.append(other)
        return proof
    }
}
