import Hummingbird
import Ledger

/// One `GET /events/live` subscriber's stream: every event from `from` on, in seq order, as
/// Server-Sent Events frames (`id:` = seq, `data:` = the recorded event), then the log as it
/// grows, with a heartbeat comment when `Heartbeat` pulses the head and nothing new came.
///
/// It opens with a comment (`: ledgerd live tail`), and `retry:` rides in the first event's
/// frame: a frame of `retry:` alone dispatches nothing by the WHATWG rules, but some clients
/// surface it as an event with empty data, so no frame has a field without `data:`.
///
/// Each element carries the case IDs of the case events in its frames, for the access trail
/// to record before the frames are written.
///
/// It reads LMDB from its own position in short read transactions of at most `chunk`
/// events, and the response body pulls the next element only once the last one has been
/// written. A slow client therefore holds back nothing but itself: no buffer grows for it,
/// and appends and other subscribers never wait for it.
struct LiveTail: AsyncSequence {
    /// Frames to send, and the cases their events belong to.
    struct Chunk {
        var frames: ByteBuffer
        var cases: [String] = []
    }

    typealias Element = Chunk

    static let chunk = 256

    /// The stream's first bytes: a comment, which every client ignores.
    static let opening = ": ledgerd live tail\n\n"
    /// How soon an EventSource should reconnect after a drop, sent with the first event.
    static let retry = "retry: 1000\n"

    let ledger: Ledger
    let head: LogHead
    let filter: EventFilter
    let from: UInt64

    init(ledger: Ledger, head: LogHead, filter: EventFilter, from: UInt64) {
        precondition(from >= 1)
        self.ledger = ledger
        self.head = head
        self.filter = filter
        self.from = from
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(tail: self, next: from)
    }

    struct Iterator: AsyncIteratorProtocol {
        let tail: LiveTail
        /// The next seq to consider.
        var next: UInt64
        var started = false
        /// Whether `retry:` has been sent (with the first event).
        var retrySent = false

        /// The next frames to send; nil once the task is cancelled (the client left, or the
        /// daemon is stopping).
        mutating func next() async throws -> Chunk? {
            if !started {
                started = true
                // Bytes at once, so the client (and any proxy) sees the stream is open.
                return Chunk(frames: ByteBuffer(string: LiveTail.opening))
            }
            while !Task.isCancelled {
                let (chunk, visited) = try readChunk()
                if chunk.frames.readableBytes > 0 { return chunk }
                if visited == LiveTail.chunk { continue }  // all filtered out: read on
                // Caught up: wait for the head to pass what has been read, or for a pulse.
                if await !waitForMore() { return Task.isCancelled ? nil : Chunk(frames: ByteBuffer(string: ": heartbeat\n\n")) }
            }
            return nil
        }

        /// Frames for up to `chunk` events from `next`, read in one short transaction.
        private mutating func readChunk() throws -> (chunk: Chunk, visited: Int) {
            var frames = ByteBuffer()
            var cases: [String] = []
            var next = self.next
            var retrySent = self.retrySent
            let filter = tail.filter
            let visited = try tail.ledger.environment.read { txn in
                try tail.ledger.forEachEvent(in: txn, from: next, limit: LiveTail.chunk) { seq, bytes in
                    assert(seq == next, "the log is gapless, yet it went from \(next) to \(seq)")
                    next = seq + 1
                    guard try filter.matches(bytes) else { return true }
                    if let id = try RecordedEvent.caseId(ofStored: bytes) { cases.append(id) }
                    if !retrySent {
                        frames.writeString(LiveTail.retry)
                        retrySent = true
                    }
                    frames.writeString("id: \(seq)\ndata: ")
                    frames.writeBytes(bytes)
                    frames.writeString("\n\n")
                    return true
                }
            }
            self.next = next
            self.retrySent = retrySent
            return (Chunk(frames: frames, cases: cases), visited)
        }

        /// True when the head moved past `next - 1`; false after a heartbeat pulse or on
        /// cancellation.
        private func waitForMore() async -> Bool {
            let after = next - 1
            return await tail.head.wait(after: after) > after && !Task.isCancelled
        }
    }
}
