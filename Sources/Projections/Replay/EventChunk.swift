import Dispatch
import Foundation
import Ledger

/// One chunk of the log: decoded a piece at a time by whichever threads lend a hand, then
/// its events in seq order, read where they were decoded.
///
/// The thread that will apply the chunk decodes the pieces nobody has started yet instead of
/// waiting for them: with the decoding split into fixed parts, that thread slept whenever
/// decoding was the slower side, and on a two-core machine a core sat idle.
final class EventChunk: RandomAccessCollection, @unchecked Sendable {
    // @unchecked: the piece bookkeeping is guarded by `lock`; each piece's range of `events`
    // is written only by the thread that claimed it, and read only after every piece is done
    // (`finished` is signalled after the last one).
    let from: UInt64
    let count: Int
    private let ledger: Ledger
    private let pieces: Int
    private let events: UnsafeMutablePointer<ProjectedEvent>
    private let lock = NSLock()
    private var claimed = 0
    private var unfinished: Int
    /// Per piece: how many events it initialised, and why it stopped short.
    private var written: [Int]
    private var failures: [(any Error)?]
    private let finished = DispatchSemaphore(value: 0)
    private var complete = false

    /// Events per piece: small enough that a late helper still finds work, large enough that
    /// a piece's read transaction and bookkeeping cost nothing beside its decoding.
    static let pieceSize = 4096

    init(ledger: Ledger, from: UInt64, count: Int) {
        precondition(from >= 1 && count > 0)
        self.ledger = ledger
        self.from = from
        self.count = count
        pieces = (count + Self.pieceSize - 1) / Self.pieceSize
        unfinished = pieces
        events = .allocate(capacity: count)
        written = Array(repeating: 0, count: pieces)
        failures = Array(repeating: nil, count: pieces)
    }

    deinit {
        for piece in 0..<pieces { (events + piece * Self.pieceSize).deinitialize(count: written[piece]) }
        events.deallocate()
    }

    // The collection: only once `collect` has returned it.
    var startIndex: Int { 0 }
    var endIndex: Int { complete ? count : 0 }
    subscript(position: Int) -> ProjectedEvent {
        precondition(complete && position >= 0 && position < count, "index out of range")
        return events[position]
    }

    /// Whether more than one thread can usefully work on the chunk.
    var isDivisible: Bool { pieces > 1 }

    /// Decodes pieces nobody has claimed until there are none left.
    func help() {
        while let piece = claim() {
            let offset = piece * Self.pieceSize
            var done = 0
            var failure: (any Error)?
            do {
                try EventDecoder.decodePart(ledger, from: from + UInt64(offset), count: Swift.min(Self.pieceSize, count - offset)) {
                    (events + offset + done).initialize(to: $0)
                    done += 1
                }
            } catch {
                failure = error
            }
            let last = lock.withLock {
                written[piece] = done
                failures[piece] = failure
                unfinished -= 1
                return unfinished == 0
            }
            if last { finished.signal() }
        }
    }

    private func claim() -> Int? {
        lock.withLock {
            guard claimed < pieces else { return nil }
            claimed += 1
            return claimed - 1
        }
    }

    /// The chunk, once every piece is decoded; this thread decodes what is left first. Call
    /// at most once, and not after `abandon`.
    func collect() throws -> EventChunk {
        help()
        finished.wait()
        // The first failure in seq order; the events decoded are destroyed with `self`.
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        complete = true
        return self
    }

    /// Gives up the chunk: pieces not started are skipped, and this waits for those in
    /// flight, so nothing reads the log after the caller moves on.
    func abandon() {
        let nothingInFlight = lock.withLock {
            let unclaimed = pieces - claimed
            claimed = pieces
            unfinished -= unclaimed
            return unclaimed > 0 && unfinished == 0
        }
        if nothingInFlight { finished.signal() }
        finished.wait()
    }
}
