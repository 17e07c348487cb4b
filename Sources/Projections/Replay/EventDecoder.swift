import Dispatch
import Foundation
import Ledger

/// Decodes a range of the log into `ProjectedEvent`s, split across threads.
///
/// Decoding is most of a replay's work and each event decodes on its own, so the range is
/// cut into one part per thread, each read in its own read transaction (`MDB_NOTLS` allows
/// any thread; events are immutable, so the parts agree).
enum EventDecoder {
    /// Threads to decode with: the machine's cores, at most 4 (beyond that, applying the
    /// events, which is sequential, dominates).
    static let threads = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// Events `from` through `to` (inclusive), in seq order.
    static func decode(_ ledger: Ledger, from: UInt64, through to: UInt64) throws -> [ProjectedEvent] {
        precondition(from >= 1 && from <= to)
        let count = Int(to - from + 1)
        let parts = count < 4096 ? 1 : threads
        if parts == 1 {
            var events: [ProjectedEvent] = []
            events.reserveCapacity(count)
            try decodePart(ledger, from: from, count: count) { events.append($0) }
            return events
        }
        let size = (count + parts - 1) / parts
        let outcomes = PartOutcomes(count: parts)
        // Each part decodes straight into its own range of the chunk: no per-part arrays to
        // merge, so no event is copied (and its strings retained) after it is decoded.
        return try [ProjectedEvent](unsafeUninitializedCapacity: count) { buffer, initialized in
            let chunk = ChunkMemory(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let offset = min(count, part * size)
                let n = min(size, count - offset)
                var written = 0
                do {
                    try decodePart(ledger, from: from + UInt64(offset), count: n) { event in
                        (chunk.base + offset + written).initialize(to: event)
                        written += 1
                    }
                    outcomes.set(part, written: written, failure: nil)
                } catch {
                    outcomes.set(part, written: written, failure: error)
                }
            }
            if let failure = outcomes.firstFailure {
                // All or nothing: what the other parts decoded is dropped with the chunk.
                for part in 0..<parts { (chunk.base + min(count, part * size)).deinitialize(count: outcomes.written(part)) }
                throw failure
            }
            initialized = count
        }
    }

    /// Decodes `count` events from seq `from`, handing each to `body` in seq order.
    private static func decodePart(
        _ ledger: Ledger, from: UInt64, count: Int, _ body: (consuming ProjectedEvent) -> Void
    ) throws {
        guard count > 0 else { return }
        var scratch = StoredJSON.Scratch()
        var decoded = 0
        _ = try ledger.environment.read { txn in
            try ledger.forEachEvent(in: txn, from: from, limit: count) { seq, bytes in
                let event = try ProjectedEvent(decoding: bytes, scratch: &scratch)
                guard event.seq == seq else { throw LedgerError.corrupt("event stored at seq \(seq) says seq \(event.seq)") }
                body(event)
                decoded += 1
                return true
            }
        }
        guard decoded == count else {
            throw LedgerError.corrupt("the log has a gap: expected \(count) events from seq \(from), found \(decoded)")
        }
    }

    /// The chunk's memory, shared by the parts: each initialises only its own range.
    private struct ChunkMemory: @unchecked Sendable {
        let base: UnsafeMutablePointer<ProjectedEvent>
    }

    /// How far each part got, each slot written by exactly one thread before
    /// `concurrentPerform` returns.
    private final class PartOutcomes: @unchecked Sendable {
        private var slots: [(written: Int, failure: (any Error)?)]

        init(count: Int) {
            slots = Array(repeating: (0, nil), count: count)
        }

        func set(_ part: Int, written: Int, failure: (any Error)?) {
            slots.withUnsafeMutableBufferPointer { $0[part] = (written, failure) }
        }

        func written(_ part: Int) -> Int { slots[part].written }

        var firstFailure: (any Error)? { slots.lazy.compactMap(\.failure).first }
    }
}
