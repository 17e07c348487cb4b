import Dispatch
import Foundation
import Ledger

/// Decodes a range of the log into `ProjectedEvent`s, split across threads.
///
/// Decoding is most of a replay's work and each event decodes on its own, so the range is
/// cut into pieces (`EventChunk`), each read in its own read transaction (`MDB_NOTLS`
/// allows any thread; events are immutable, so the pieces agree).
enum EventDecoder {
    /// Threads to decode with: the machine's cores, at most 4 (beyond that, applying the
    /// events, which is sequential, dominates).
    static let threads = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// Events `from` through `to` (inclusive), in seq order, decoded by this thread and up to
    /// `threads - 1` helpers.
    static func decode(_ ledger: Ledger, from: UInt64, through to: UInt64) throws -> EventChunk {
        precondition(from >= 1 && from <= to)
        let chunk = EventChunk(ledger: ledger, from: from, count: Int(to - from + 1))
        if chunk.isDivisible {
            for _ in 1..<threads { DispatchQueue.global().async { chunk.help() } }
        }
        return try chunk.collect()
    }

    /// Decodes `count` events from seq `from`, handing each to `body` in seq order.
    static func decodePart(
        _ ledger: Ledger, from: UInt64, count: Int, _ body: (consuming ProjectedEvent) -> Void
    ) throws {
        guard count > 0 else { return }
        var scratch = StoredJSON.Scratch()
        var decoded = 0
        _ = try ledger.environment.read { txn in
            try ledger.forEachEvent(in: txn, from: from, limit: count) { seq, bytes in
                let event = try ProjectedEvent(decoding: bytes, scratch: &scratch)
                guard event.seq == seq else { throw LedgerError.corrupt("event stored at seq \(seq) says seq \(event.seq)") }
                // Keys are read in order, so a missing event shows as a skipped seq here (the
                // count below would not see it if the log holds events past the range).
                guard seq == from + UInt64(decoded) else {
                    throw LedgerError.corrupt("the log has a gap: event \(from + UInt64(decoded)) is missing (the next is \(seq))")
                }
                body(event)
                decoded += 1
                return true
            }
        }
        guard decoded == count else {
            throw LedgerError.corrupt("the log has a gap: expected \(count) events from seq \(from), found \(decoded)")
        }
    }
}
