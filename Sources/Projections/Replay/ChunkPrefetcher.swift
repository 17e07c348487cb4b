import Dispatch
import Ledger

/// Decodes the next chunk of the log while the caller applies the current one.
///
/// Applying events is sequential; decoding is not. Overlapping them keeps the machine's
/// other cores busy during the apply instead of idle.
final class ChunkPrefetcher: @unchecked Sendable {
    // @unchecked: `pending` is touched only by the owning thread; a `Pending`'s `finished` only
    // by the first helper after it is handed over.
    private final class Pending: @unchecked Sendable {
        let chunk: EventChunk
        /// A chunk the owner has finished with, dropped by the first helper.
        var finished: EventChunk?

        init(chunk: EventChunk, finished: EventChunk?) {
            self.chunk = chunk
            self.finished = finished
        }
    }

    private let ledger: Ledger
    private var pending: Pending?

    init(ledger: Ledger) {
        self.ledger = ledger
    }

    deinit {
        // Never leave a decode running against a ledger that may be closed after us.
        pending?.chunk.abandon()
    }

    /// Starts decoding `from` through `through` in the background.
    ///
    /// `finished`, a chunk the caller has applied and holds no other reference to, is freed
    /// there too: freeing a chunk's events and their strings is a tenth of applying them, and
    /// need not be on the applying thread, which is the replay's critical path.
    func prefetch(from: UInt64, through: UInt64, releasing finished: EventChunk? = nil) {
        precondition(pending == nil, "one chunk in flight")
        let job = Pending(chunk: EventChunk(ledger: ledger, from: from, count: Int(through - from + 1)), finished: finished)
        pending = job
        for helper in 0..<EventDecoder.threads {
            DispatchQueue.global().async {
                if helper == 0 { job.finished = nil }
                job.chunk.help()
            }
        }
    }

    /// Events `from` through `through`: the prefetched chunk if it is that one (decoding
    /// whatever of it the helpers have not started), else decoded now.
    func events(from: UInt64, through: UInt64) throws -> EventChunk {
        if let job = pending {
            pending = nil
            if job.chunk.from == from && job.chunk.count == Int(through - from + 1) { return try job.chunk.collect() }
            job.chunk.abandon()
        }
        return try EventDecoder.decode(ledger, from: from, through: through)
    }
}
