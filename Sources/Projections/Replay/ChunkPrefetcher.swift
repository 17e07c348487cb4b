import Dispatch
import Ledger

/// Decodes the next chunk of the log while the caller applies the current one.
///
/// Applying events is sequential; decoding is not. Overlapping them keeps the machine's
/// other cores busy during the apply instead of idle.
final class ChunkPrefetcher: @unchecked Sendable {
    // @unchecked: `result` is written by the decoding task before it signals `done`, and read
    // only after waiting on `done`; `pending` is touched only by the owning thread.
    private final class Pending: @unchecked Sendable {
        let from: UInt64
        let through: UInt64
        let done = DispatchSemaphore(value: 0)
        var result: Result<[ProjectedEvent], any Error> = .success([])
        /// A chunk the owner has finished with, dropped by the decoding task.
        var finished: [ProjectedEvent] = []

        init(from: UInt64, through: UInt64) {
            self.from = from
            self.through = through
        }
    }

    private let ledger: Ledger
    private var pending: Pending?

    init(ledger: Ledger) {
        self.ledger = ledger
    }

    deinit {
        // Never leave a decode running against a ledger that may be closed after us.
        pending?.done.wait()
    }

    /// Starts decoding `from` through `through` in the background.
    ///
    /// `finished`, a chunk the caller has applied and holds no other reference to, is freed
    /// there too: freeing a chunk's events and their strings is a tenth of applying them, and
    /// need not be on the applying thread, which is the replay's critical path.
    func prefetch(from: UInt64, through: UInt64, releasing finished: [ProjectedEvent] = []) {
        precondition(pending == nil, "one chunk in flight")
        let job = Pending(from: from, through: through)
        job.finished = finished
        let ledger = self.ledger
        pending = job
        DispatchQueue.global().async {
            job.finished = []
            job.result = Result { try EventDecoder.decode(ledger, from: from, through: through) }
            job.done.signal()
        }
    }

    /// Events `from` through `through`: the prefetched chunk if it is that one, else decoded now.
    func events(from: UInt64, through: UInt64) throws -> [ProjectedEvent] {
        if let job = pending {
            pending = nil
            job.done.wait()
            if job.from == from && job.through == through { return try job.result.get() }
        }
        return try EventDecoder.decode(ledger, from: from, through: through)
    }
}
