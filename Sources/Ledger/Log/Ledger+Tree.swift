/// The Merkle tree over the log, for proofs: its root at any size, the inclusion of any
/// event, the consistency of any two sizes, each in one read transaction and O(log n) reads.
extension Ledger {
    /// A tree size the log does not (yet) have.
    public struct TreeSizeError: Error, Sendable, CustomStringConvertible {
        /// The size asked for and the size the log has.
        public var description: String
    }

    /// Runs `body` with the tree as it stands in one snapshot, and that snapshot's size.
    public func withTree<T>(_ body: (TreeProofs, UInt64) throws -> T) throws -> T {
        try withTree { proofs, size, _ in try body(proofs, size) }
    }

    /// `withTree`, with the read transaction itself, for reading more of the same snapshot.
    func withTree<T>(_ body: (TreeProofs, UInt64, LMDBTransaction) throws -> T) throws -> T {
        try environment.read { txn in
            let size = try lastSeq(in: txn)
            let store = self.store
            let proofs = TreeProofs { try store.storedHashes(txn, $0) }
            return try body(proofs, size, txn)
        }
    }

    /// The root of the tree of the first `size` events (default: all of them), and that size.
    public func treeHead(size: UInt64? = nil) throws -> (size: UInt64, root: MerkleHash) {
        try withTree { proofs, head in
            let size = size ?? head
            guard size <= head else { throw TreeSizeError(description: "the log has \(head) events, not \(size)") }
            return (size, try proofs.root(size: Int64(size)))
        }
    }

    /// The audit path of event `seq` in the tree of `treeSize` events.
    public func inclusionProof(seq: UInt64, treeSize: UInt64) throws -> [MerkleHash] {
        try withTree { proofs, head in
            guard treeSize <= head else { throw TreeSizeError(description: "the log has \(head) events, not \(treeSize)") }
            guard seq >= 1, seq <= treeSize else { throw TreeSizeError(description: "seq \(seq) is not in a tree of \(treeSize)") }
            return try proofs.inclusion(index: Int64(seq - 1), size: Int64(treeSize))
        }
    }

    /// The consistency proof from the tree of `old` events to that of `new`.
    public func consistencyProof(from old: UInt64, to new: UInt64) throws -> [MerkleHash] {
        try withTree { proofs, head in
            guard old <= new, new <= head else {
                throw TreeSizeError(description: "no consistency proof from \(old) to \(new) in a log of \(head) events")
            }
            return try proofs.consistency(from: Int64(old), to: Int64(new))
        }
    }

    /// The offline proof (c2sp.org/tlog-proof@v1) of event `seq` against `checkpoint`, a
    /// checkpoint this log signed, with the event as its `extra`; nil if the checkpoint's
    /// tree does not hold `seq`.
    public func proof(of seq: UInt64, against checkpoint: SignedNote) throws -> TLogProof? {
        let head = try Checkpoint(text: checkpoint.text)
        guard seq >= 1, seq <= head.size else { return nil }
        guard let event = try event(seq: seq) else { throw LedgerError.corrupt("event \(seq) is missing") }
        let path = try inclusionProof(seq: seq, treeSize: head.size)
        return TLogProof(extra: event, index: seq - 1, path: path, checkpoint: checkpoint.serialized)
    }

    /// The hashes of tile `index` at tile `level` (`TileCoordinates`), `width` of them (all
    /// 256 when nil), concatenated; nil if the tree does not have them yet.
    public func tile(level: Int, index: Int64, width: Int?) throws -> [UInt8]? {
        try environment.read { txn in
            let size = Int64(try lastSeq(in: txn))
            let available = TileCoordinates.width(level: level, index: index, size: size)
            let wanted = width ?? TileCoordinates.width
            guard wanted <= available else { return nil }
            let treeLevel = level * TileCoordinates.height
            let first = index * Int64(TileCoordinates.width)
            let indexes = (0..<Int64(wanted)).map { TreeLayout.storedIndex(level: treeLevel, first + $0) }
            return try store.storedHashes(txn, indexes).flatMap(\.bytes)
        }
    }

    /// The entry bundle of level-0 tile `index`: each event's exported line as a big-endian
    /// 16-bit length and its bytes; nil if the log does not have them yet.
    public func entryBundle(index: Int64, width: Int?) throws -> [UInt8]? {
        try environment.read { txn in
            let size = Int64(try lastSeq(in: txn))
            let wanted = width ?? TileCoordinates.width
            guard wanted <= TileCoordinates.width(level: 0, index: index, size: size) else { return nil }
            var bundle: [UInt8] = []
            let first = UInt64(index) * UInt64(TileCoordinates.width) + 1
            for seq in first..<(first + UInt64(wanted)) {
                guard let bytes = try txn.get(store.events, Keys.seq(seq)) else { throw LedgerError.corrupt("event \(seq) is missing") }
                guard bytes.count <= RecordedEvent.maximumSize else {
                    throw LedgerError.corrupt("event \(seq) is \(bytes.count) bytes, more than an entry bundle holds")
                }
                bundle.append(UInt8(bytes.count >> 8))
                bundle.append(UInt8(bytes.count & 0xFF))
                bundle.append(contentsOf: bytes)
            }
            return bundle
        }
    }

    func lastSeq(in txn: LMDBTransaction) throws -> UInt64 {
        try txn.withCursor(store.events) { cursor in try cursor.last().map { try Keys.decodeSeq($0.0) } ?? 0 }
    }
}
