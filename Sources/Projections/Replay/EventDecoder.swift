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
        if parts == 1 { return try decodePart(ledger, from: from, count: count) }
        let results = PartResults(count: parts)
        let size = (count + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = from + UInt64(part * size)
            let n = min(size, count - part * size)
            results.set(part, Result { n > 0 ? try decodePart(ledger, from: start, count: n) : [] })
        }
        var events: [ProjectedEvent] = []
        events.reserveCapacity(count)
        for part in 0..<parts { events.append(contentsOf: try results.get(part)) }
        return events
    }

    private static func decodePart(_ ledger: Ledger, from: UInt64, count: Int) throws -> [ProjectedEvent] {
        var events: [ProjectedEvent] = []
        events.reserveCapacity(count)
        var scratch = StoredJSON.Scratch()
        _ = try ledger.environment.read { txn in
            try ledger.forEachEvent(in: txn, from: from, limit: count) { seq, bytes in
                let event = try ProjectedEvent(decoding: bytes, scratch: &scratch)
                guard event.seq == seq else { throw LedgerError.corrupt("event stored at seq \(seq) says seq \(event.seq)") }
                events.append(event)
                return true
            }
        }
        guard events.count == count else {
            throw LedgerError.corrupt("the log has a gap: expected \(count) events from seq \(from), found \(events.count)")
        }
        return events
    }

    /// One slot per part, each written by exactly one thread before `concurrentPerform` returns.
    private final class PartResults: @unchecked Sendable {
        private var slots: [Result<[ProjectedEvent], any Error>]

        init(count: Int) {
            slots = Array(repeating: .success([]), count: count)
        }

        func set(_ part: Int, _ result: Result<[ProjectedEvent], any Error>) {
            slots.withUnsafeMutableBufferPointer { $0[part] = result }
        }

        func get(_ part: Int) throws -> [ProjectedEvent] { try slots[part].get() }
    }
}
