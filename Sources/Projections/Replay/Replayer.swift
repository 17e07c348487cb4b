import Ledger

/// Answers "as of a date, as known at a moment" by replaying the log into memory.
///
/// Only events that count are applied: those that occurred by the end of `on` (UTC) and were
/// recorded by `knownAt`. `recordedAt` never decreases along the log, so the replay stops at
/// the first event recorded later.
public struct Replayer: Sendable {
    public let ledger: Ledger

    public init(ledger: Ledger) {
        self.ledger = ledger
    }

    /// What a replay did, for progress and the closing summary.
    public struct Statistics: Sendable {
        public var read = 0
        public var applied = 0
    }

    public func state(
        on date: CalendarDate?, knownAt moment: Timestamp?, progress: (Statistics) -> Void = { _ in }
    ) throws -> (ProjectionState, Statistics) {
        let end = date.map { Timestamp.startOf($0.next) }
        var state = ProjectionState()
        var statistics = Statistics()
        try ledger.scan { _, bytes in
            let event = try ProjectedEvent(decoding: bytes)
            statistics.read += 1
            if let moment, event.recordedAt > moment { return false }
            if let end, event.occurredAt >= end {
                // Still advances the position: the state reflects the log through this seq.
                state.checkpoint = event.seq
            } else {
                state.apply(event)
                statistics.applied += 1
            }
            if statistics.read % 65_536 == 0 { progress(statistics) }
            return true
        }
        progress(statistics)
        return (state, statistics)
    }
}
