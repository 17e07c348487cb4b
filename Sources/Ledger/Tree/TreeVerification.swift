/// Checking proofs against roots, as a verifier who holds only a checkpoint does
/// (RFC 9162 §2.1.3.2 and §2.1.4.2).
public enum TreeVerification {
    /// The root that `proof` leads to from leaf `index` (hash `leaf`) of a tree of `size`,
    /// or nil if the proof has the wrong length for that position.
    public static func root(leaf: MerkleHash, index: Int64, size: Int64, proof: [MerkleHash]) -> MerkleHash? {
        guard index >= 0, index < size else { return nil }
        var fn = index
        var sn = size - 1
        var r = leaf
        for p in proof {
            guard sn != 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                r = .node(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0, fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = .node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }

    /// Whether `proof` shows the tree of `newSize` (root `newRoot`) extends the tree of
    /// `oldSize` (root `oldRoot`).
    public static func consistent(
        oldSize: Int64, newSize: Int64, oldRoot: MerkleHash, newRoot: MerkleHash, proof: [MerkleHash]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        if oldSize == 0 { return proof.isEmpty }
        guard !proof.isEmpty else { return false }
        var path = proof[...]
        // When the old tree is a complete left subtree, its root is the proof's implied first element.
        if oldSize & (oldSize - 1) == 0 { path = [oldRoot] + path }
        guard let first = path.first else { return false }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = first
        var sr = first
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = .node(c, fr)
                sr = .node(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0, fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = .node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
