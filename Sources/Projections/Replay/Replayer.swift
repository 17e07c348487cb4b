import Ledger

/// Answers "as of a date, as known at a moment" by replaying the log into memory.
///
/// Only events that count are applied: those that occurred by the end of `on` (UTC) and were
/// recorded by `knownAt`. `recordedAt` never decreases along the log, so the replay stops at
/// the first event recorded later.
public struct Replayer: Sendable {
    /// The log replayed.
    public let ledger: Ledger

    /// Events decoded at a time: enough to keep every decoding thread busy, few enough to
    /// bound memory by the chunk, not the log.
    static let chunk = 65_536

    /// A replayer of `ledger`'s log.
    public init(ledger: Ledger) {
        self.ledger = ledger
    }

    /// What a replay did, for progress and the closing summary.
    public struct Statistics: Sendable {
        /// Events read, those that did not count included.
        public var read = 0
        /// Events applied to the state.
        public var applied = 0
        /// The log's head when the replay began.
        public var head: UInt64 = 0
        /// Where the replay got to: the last event read (within `knownAt`), and the latest
        /// times among those applied. (Its hash is left for the caller to read if it needs it.)
        public var through = ProjectionCheckpoint.empty
    }

    /// The state as of the end of `date` (UTC), as known at `moment` (a nil bound is no
    /// bound), with what the replay did; `progress` is called after each chunk.
    /// Throws `LedgerError.corrupt` for a log that does not decode or has a gap.
    public func state(
        on date: CalendarDate?, knownAt moment: Timestamp?, progress: (Statistics) throws -> Void = { _ in }
    ) throws -> (ProjectionState, Statistics) {
        let end = date.map { Timestamp.startOf($0.next) }
        var state = ProjectionState()
        var statistics = Statistics()
        let head = try ledger.lastSeq()
        statistics.head = head
        var next: UInt64 = 1
        let prefetcher = ChunkPrefetcher(ledger: ledger)
        // The chunk applied last, for the next prefetch to free beside this thread.
        var applied: EventChunk?
        scanning: while next <= head {
            let last = min(head, next + UInt64(Self.chunk) - 1)
            let events = try prefetcher.events(from: next, through: last)
            if last < head {
                prefetcher.prefetch(from: last + 1, through: min(head, last + UInt64(Self.chunk)), releasing: applied)
                applied = nil
            }
            defer { applied = events }
            for event in events {
                statistics.read += 1
                if let moment, event.recordedAt > moment { break scanning }
                statistics.through.seq = event.seq
                statistics.through.latestRecordedAt = event.recordedAt
                if let end, event.occurredAt >= end {
                    // Still advances the position: the state reflects the log through this seq.
                    state.checkpoint = event.seq
                } else {
                    state.apply(event)
                    statistics.applied += 1
                    statistics.through.latestOccurredAt = max(statistics.through.latestOccurredAt, event.occurredAt)
                }
            }
            next = last + 1
            try progress(statistics)
        }
        return (state, statistics)
    }
}
