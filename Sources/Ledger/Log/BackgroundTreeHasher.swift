/// An import's tree work on a thread of its own: the leaf hashes of its events and the
/// interior nodes they complete (VERIFIABLE_LOG.md §1).
///
/// An import runs on two threads, and the writer is its bottleneck while the parsing thread
/// has time to spare (measured: writer ~90% busy, parser ~70%). The tree's per-event work on
/// the writer (hashing the part of the event the parser could not, a node, storing both) was
/// what kept the import more than 10% slower than without the tree; here the writer only copies
/// that part of the event and stores the hashes it gets back a batch at a time, in order, in
/// the same transaction as the events.
final class BackgroundTreeHasher {
    /// Consecutive leaves' inputs: each leaf's prefix state and its tail, the bytes from the
    /// template's `hashAt` to the end of the recorded event.
    struct Batch: Sendable {
        var prefixes: [LeafPrefix] = []
        var tails: [UInt8] = []
        /// Where each leaf's tail ends in `tails`.
        var ends: [Int] = []
    }

    /// Leaves per hand-over: large enough that the lock is taken rarely, small enough that the
    /// writer gets its hashes back well before the end.
    static let batchLeaves = 512
    /// Batches waiting before the writer waits for the hasher (bounds memory to a few MiB).
    static let capacity = 8

    private let worker: BoundedWorker<TreeFrontier, Batch, [UInt8]>
    private var batch = Batch()
    /// Leaves handed over so far, with the size of the tree they extend.
    private(set) var size: Int64

    /// Hashes leaves onto the tree whose right edge is `frontier`.
    init(frontier: TreeFrontier) {
        size = frontier.size
        worker = BoundedWorker(name: "tree-hasher", capacity: Self.capacity, state: frontier) { frontier, batch in
            Self.hash(batch, onto: &frontier)
        }
        reserve()
    }

    /// Adds the next leaf: `prefix` has hashed `0x00` and the event's bytes before `tail`. Once
    /// a batch is full it is handed over, and `store` is given every stored hash ready so far,
    /// in storage order.
    func add(prefix: LeafPrefix, tail: UnsafeRawBufferPointer, store: (MerkleHash) throws -> Void) rethrows {
        batch.prefixes.append(prefix)
        batch.tails.append(contentsOf: tail)
        batch.ends.append(batch.tails.count)
        size += 1
        guard batch.ends.count == Self.batchLeaves else { return }
        worker.submit(batch)
        batch = Batch()
        reserve()
        for ready in worker.completed() { try Self.each(in: ready, store) }
    }

    /// Hands over the last batch, waits for the hasher, gives `store` the rest of the stored
    /// hashes, and returns the tree's new right edge.
    func finish(store: (MerkleHash) throws -> Void) rethrows -> TreeFrontier {
        if !batch.ends.isEmpty {
            worker.submit(batch)
            batch = Batch()
        }
        let (frontier, remaining) = worker.finish()
        for ready in remaining { try Self.each(in: ready, store) }
        assert(frontier.size == size, "the hasher took every leaf handed over")
        return frontier
    }

    private func reserve() {
        batch.prefixes.reserveCapacity(Self.batchLeaves)
        batch.ends.reserveCapacity(Self.batchLeaves)
        batch.tails.reserveCapacity(Self.batchLeaves * 512)
    }

    /// The hasher's work: each leaf, then the nodes it completes, their stored hashes in order.
    private static func hash(_ batch: Batch, onto frontier: inout TreeFrontier) -> [UInt8] {
        assert(batch.prefixes.count == batch.ends.count, "one prefix per tail")
        var stored: [UInt8] = []
        // A leaf stores itself and a node per trailing one bit: two hashes per leaf on average.
        stored.reserveCapacity((2 * batch.ends.count + 64) * MerkleHash.byteCount)
        batch.tails.withUnsafeBytes { tails in
            var start = 0
            for (prefix, end) in zip(batch.prefixes, batch.ends) {
                var hasher = prefix.hasher
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: tails[start..<end]))
                frontier.append(leaf: MerkleHash(digest: hasher.finalize())) { hash in
                    hash.withUnsafeBytes { stored.append(contentsOf: $0) }
                }
                start = end
            }
        }
        return stored
    }

    private static func each(in stored: [UInt8], _ body: (MerkleHash) throws -> Void) rethrows {
        assert(stored.count % MerkleHash.byteCount == 0, "whole hashes")
        try stored.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                try body(MerkleHash(copying: buffer, at: offset))
                offset += MerkleHash.byteCount
            }
        }
    }
}
