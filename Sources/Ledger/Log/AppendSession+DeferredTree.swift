import Dispatch
import Foundation

/// A bulk load's tree, built at its end.
///
/// An import runs on two threads, the writer its bottleneck. Hashing each event's leaf and the
/// nodes it completes on the writer, one event at a time, cost it about a microsecond per event
/// (measured: writer 5.2 s against 4.2 s without the tree, for the demo's 1.06M events), and
/// the parsing thread another 0.4 µs hashing each leaf's prefix ahead of it. Here the writer
/// only writes events; `finish` then reads them back from the transaction a window at a time
/// and hashes the window's leaves on every core (the parser is done by then), and the writer
/// adds them to the tree and stores its hashes, all before the same commit.
///
/// Where the parser is the slower half (on the demo and churn workloads since typed events,
/// the writer waited for it ~20% of the load), the writer spends those waits on the tree
/// instead (`advanceDeferredTree`, through `Ledger.importRequests(patient:)`), 256 leaves at a
/// time, so `finish` is left only what the waits did not cover. Measured: the end phase fell
/// from ~1.2 s to ~0.5 s of a churn import, and the tree's cost from ~15% to ~8–9%.
extension AppendSession {
    /// Leaves hashed per window by default: bounds the memory of a load of any size (a pointer
    /// and a hash per leaf, ~3 MiB) while keeping each core's share large.
    static let deferredWindow = 65_536
    /// Leaves the writer adds per piece of idle work: ~0.3 ms, so a chunk its parser hands
    /// over meanwhile waits no longer than that.
    static let idleLeaves = 256

    /// Adds up to `limit` of the events written but not yet in the tree, on this thread: the
    /// writer's work while its input is not ready (the parser is behind). False once the tree
    /// has caught up with the log, or when the tree is not deferred.
    func advanceDeferredTree(by limit: Int) throws -> Bool {
        assert(limit > 0, "some work per call")
        guard defersTree else { return false }
        let through = head.seq
        guard through > UInt64(tree.size) else { return false }
        let last = min(through, UInt64(tree.size) + UInt64(limit))
        try addWrittenEvents(through: last)
        return last < through
    }

    /// Adds the events after the tree's size to it, a window at a time, hashing their leaves
    /// in parallel.
    func appendDeferredLeaves() throws {
        guard let window = deferredTreeWindow else { return }
        let through = head.seq
        while UInt64(tree.size) < through {
            try addWrittenEvents(through: min(through, UInt64(tree.size) + UInt64(window)))
        }
        assert(tree.size == Int64(through), "every event of the load is a leaf")
    }

    /// Adds the events written after the tree's size, through `last`, to the tree: reads them
    /// back, hashes their leaves (split over the cores when there are many), then adds them.
    private func addWrittenEvents(through last: UInt64) throws {
        let lines = try recordedEvents(from: UInt64(tree.size) + 1, through: last)
        var leaves = [MerkleHash](repeating: .zero, count: lines.count)
        // The events' bytes stay where LMDB put them: nothing is written to the transaction
        // until every leaf is hashed (adding them writes), so the pointers stay valid.
        leaves.withUnsafeMutableBufferPointer { Self.hashLeaves(of: lines, into: $0) }
        for leaf in leaves {
            try tree.append(leaf: leaf) { try treeWriter.append($0, txn, store) }
        }
        assert(tree.size == Int64(last), "the tree grew by the leaves read back")
    }

    /// The recorded bytes of events `from` through `through`, in seq order, as LMDB holds them.
    private func recordedEvents(from: UInt64, through: UInt64) throws -> [UnsafeRawBufferPointer] {
        var lines: [UnsafeRawBufferPointer] = []
        lines.reserveCapacity(Int(through - from + 1))
        try txn.withCursor(store.events) { cursor in
            var entry = try cursor.seek(Keys.seq(from))
            var seq = from
            while seq <= through {
                guard let (key, value) = entry, try Keys.decodeSeq(key) == seq else {
                    throw LedgerError.corrupt("event \(seq), written in this transaction, is missing")
                }
                lines.append(value)
                seq += 1
                if seq <= through { entry = try cursor.next() }
            }
        }
        return lines
    }

    /// Each line's leaf hash into `leaves`: on this thread for fewer than 4,096 lines (the
    /// writer's idle pieces), else split evenly over the machine's cores.
    private static func hashLeaves(of lines: [UnsafeRawBufferPointer], into leaves: UnsafeMutableBufferPointer<MerkleHash>) {
        precondition(leaves.count >= lines.count, "room for every leaf")
        let parts = lines.count < 4_096 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let size = (lines.count + parts - 1) / parts
        let shared = SharedWindow(lines: lines, leaves: leaves)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            // Each part writes only its own range of `leaves`.
            for i in (part * size)..<min(shared.lines.count, (part + 1) * size) {
                shared.leaves[i] = MerkleHash.leaf(shared.lines[i])
            }
        }
    }

    /// One window's input and output, shared by its parts.
    private struct SharedWindow: @unchecked Sendable {
        // @unchecked: the lines are only read, and each part writes a disjoint range of
        // `leaves`; `concurrentPerform` returns only once every part has finished.
        let lines: [UnsafeRawBufferPointer]
        let leaves: UnsafeMutableBufferPointer<MerkleHash>
    }
}
