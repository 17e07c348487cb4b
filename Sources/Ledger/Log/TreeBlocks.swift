/// How the tree's stored hashes (`TreeLayout`'s sequence) are packed into the log's `tree`
/// database: `hashesPerBlock` consecutive hashes per value, keyed by the block's number.
///
/// One entry per hash cost an LMDB put per hash (two per event on average) and 50 bytes on
/// disk per 32-byte hash (key, node header, slot); bulk import paid for both. Packed, an
/// import puts one value per 63 hashes, and a hash costs 32.5 bytes: 63 hashes (2,016 bytes)
/// with their 8-byte key and 8-byte node header are the largest value LMDB keeps inline on a
/// 4 KiB page (at most 2,038 bytes; larger ones take overflow pages of their own), and two
/// such values fill a page (4,068 of its 4,080 usable bytes). Only the last block is ever
/// partial; a commit rewrites it (a page it dirties anyway, at the end of the key range).
enum TreeBlocks {
    /// Hashes per stored value.
    static let hashesPerBlock: Int64 = 63
    /// A full block's bytes.
    static let blockBytes = Int(hashesPerBlock) * MerkleHash.byteCount

    /// The key of block `number`: big-endian, so key order is block order and appends go to
    /// the end of the B-tree.
    static func key(_ number: Int64) -> [UInt8] {
        assert(number >= 0, "blocks are numbered from 0")
        return Keys.seq(UInt64(number))
    }

    /// Which block holds stored hash `index`, and at which byte offset.
    static func position(of index: Int64) -> (block: Int64, offset: Int) {
        assert(index >= 0, "stored hashes are numbered from 0")
        return (index / hashesPerBlock, Int(index % hashesPerBlock) * MerkleHash.byteCount)
    }

    /// How many hashes a stored block value holds; a value that is no whole, non-empty
    /// number of hashes up to a full block is corruption.
    static func hashCount(of value: UnsafeRawBufferPointer, block: Int64) throws(LedgerError) -> Int {
        guard value.count > 0, value.count <= blockBytes, value.count % MerkleHash.byteCount == 0 else {
            throw .corrupt("the tree's block \(block) is \(value.count) bytes, not a whole number of hashes up to \(blockBytes)")
        }
        return value.count / MerkleHash.byteCount
    }
}

extension LedgerStore {
    /// The stored hashes at `indexes`, in order; a missing or malformed one is corruption.
    /// Neighbouring indexes (a tile's, or the right edge's smaller subtrees) share one read.
    func storedHashes(_ txn: LMDBTransaction, _ indexes: [Int64]) throws -> [MerkleHash] {
        var current: (block: Int64, value: UnsafeRawBufferPointer?) = (-1, nil)
        var hashes: [MerkleHash] = []
        hashes.reserveCapacity(indexes.count)
        for index in indexes {
            let (block, offset) = TreeBlocks.position(of: index)
            if block != current.block { current = (block, try txn.get(tree, TreeBlocks.key(block))) }
            guard let value = current.value else { throw LedgerError.corrupt("the tree lacks its stored hash \(index) (block \(block))") }
            _ = try TreeBlocks.hashCount(of: value, block: block)
            guard offset + MerkleHash.byteCount <= value.count else {
                throw LedgerError.corrupt("the tree lacks its stored hash \(index): block \(block) holds \(value.count / MerkleHash.byteCount)")
            }
            hashes.append(MerkleHash(copying: value, at: offset))
        }
        assert(hashes.count == indexes.count, "one hash per index asked for")
        return hashes
    }

    /// How many hashes the tree stores: read from its last block, whose number and length say.
    func storedHashCount(_ txn: LMDBTransaction) throws -> Int64 {
        try txn.withCursor(tree) { cursor in
            guard let (key, value) = try cursor.last() else { return 0 }
            let block = Int64(bitPattern: try Keys.decodeSeq(key))
            guard block >= 0, block < TreeLayout.maximumSize / TreeBlocks.hashesPerBlock else {
                throw LedgerError.corrupt("the tree's last block is numbered \(block)")
            }
            return block * TreeBlocks.hashesPerBlock + Int64(try TreeBlocks.hashCount(of: value, block: block))
        }
    }
}

/// Appends stored hashes in one write transaction: the last, partial block is held in memory
/// and each block is put once, when it fills or at `flush`, not once per hash.
struct TreeBlockWriter {
    /// Hashes stored, counting those held for the next put.
    private(set) var count: Int64
    /// The partial block's bytes.
    private var pending: [UInt8] = []
    /// Whether the partial block is already in the database (a put replaces it; a new block
    /// is appended, which LMDB refuses for an existing key).
    private var pendingIsStored: Bool

    /// Continues after the `count` hashes the tree stores, reading its partial last block.
    init(_ txn: LMDBTransaction, _ store: LedgerStore, count: Int64) throws {
        self.count = count
        pending.reserveCapacity(TreeBlocks.blockBytes)
        let (block, offset) = TreeBlocks.position(of: count)
        pendingIsStored = offset > 0
        guard offset > 0 else { return }
        guard let value = try txn.get(store.tree, TreeBlocks.key(block)), value.count == offset else {
            throw LedgerError.corrupt("the tree's last block \(block) does not hold the \(offset / MerkleHash.byteCount) hashes its count says")
        }
        pending.append(contentsOf: value)
    }

    /// Adds the next stored hash.
    mutating func append(_ hash: MerkleHash, _ txn: LMDBTransaction, _ store: LedgerStore) throws {
        assert(pending.count < TreeBlocks.blockBytes, "a full block is put before the next hash")
        assert(TreeBlocks.position(of: count).offset == pending.count, "the partial block holds the hashes after the last full one")
        hash.withUnsafeBytes { pending.append(contentsOf: $0) }
        count += 1
        if pending.count == TreeBlocks.blockBytes {
            try put(txn, store)
            pending.removeAll(keepingCapacity: true)
            pendingIsStored = false
        }
    }

    /// Stores the partial block, if any: call before the transaction commits.
    mutating func flush(_ txn: LMDBTransaction, _ store: LedgerStore) throws {
        guard !pending.isEmpty else { return }
        try put(txn, store)
        pendingIsStored = true
    }

    private func put(_ txn: LMDBTransaction, _ store: LedgerStore) throws {
        assert(pending.count > 0 && pending.count <= TreeBlocks.blockBytes && pending.count % MerkleHash.byteCount == 0)
        let block = (count - 1) / TreeBlocks.hashesPerBlock
        assert(TreeBlocks.position(of: count - 1).offset + MerkleHash.byteCount == pending.count, "the block ends at the last hash")
        try txn.put(store.tree, TreeBlocks.key(block), pending, append: !pendingIsStored)
    }
}

/// Reads stored hashes in order from `start`, a block at a time: `verify`'s pass over a
/// segment's hashes beside its events.
struct StoredHashCursor {
    private let cursor: LMDBCursor
    private var block: Int64
    private var value: UnsafeRawBufferPointer?
    private var offset: Int

    init(_ cursor: LMDBCursor, from start: Int64) throws {
        self.cursor = cursor
        (block, offset) = TreeBlocks.position(of: start)
        value = try cursor.seek(TreeBlocks.key(block)).flatMap { entry in
            try Keys.decodeSeq(entry.key) == UInt64(block) ? entry.value : nil
        }
    }

    /// The next stored hash, or nil where the tree stores no more.
    mutating func next() throws -> MerkleHash? {
        guard let current = value else { return nil }
        _ = try TreeBlocks.hashCount(of: current, block: block)
        guard offset < current.count else {
            // A block before the last is full: a short one here means hashes are missing.
            guard offset == TreeBlocks.blockBytes, let (key, next) = try cursor.next() else { return nil }
            block += 1
            guard try Keys.decodeSeq(key) == UInt64(block) else { throw LedgerError.corrupt("the tree lacks its block \(block)") }
            value = next
            offset = 0
            return try self.next()
        }
        defer { offset += MerkleHash.byteCount }
        return MerkleHash(copying: current, at: offset)
    }
}
