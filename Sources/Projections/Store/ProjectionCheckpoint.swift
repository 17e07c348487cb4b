import Ledger

/// How far the maintained projection has read the log, and what it has seen: enough to tell
/// whether it can answer a question about a date or a moment without a replay.
public struct ProjectionCheckpoint: Sendable, Equatable {
    /// The last event applied; 0 before any.
    public var seq: UInt64
    /// That event's hash, so a projection over another ledger's log is noticed, not trusted.
    public var hash: String
    /// The latest `occurredAt` among the events applied.
    public var latestOccurredAt: Timestamp
    /// The `recordedAt` of the last event applied (non-decreasing, so also the latest).
    public var latestRecordedAt: Timestamp

    /// The checkpoint of a projection that has applied nothing.
    public static let empty = ProjectionCheckpoint(
        seq: 0, hash: String(repeating: "0", count: 64), latestOccurredAt: Timestamp(microseconds: 0),
        latestRecordedAt: Timestamp(microseconds: 0))

    var encoded: [UInt8] {
        var w = ByteWriter(capacity: 96)
        w.u64(seq)
        w.string(hash)
        w.u64(UInt64(bitPattern: latestOccurredAt.microseconds))
        w.u64(UInt64(bitPattern: latestRecordedAt.microseconds))
        return w.bytes
    }

    init(seq: UInt64, hash: String, latestOccurredAt: Timestamp, latestRecordedAt: Timestamp) {
        self.seq = seq
        self.hash = hash
        self.latestOccurredAt = latestOccurredAt
        self.latestRecordedAt = latestRecordedAt
    }

    init(decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        var r = ByteReader(bytes, what: "projection checkpoint")
        seq = try r.u64()
        hash = try r.string()
        latestOccurredAt = Timestamp(microseconds: Int64(bitPattern: try r.u64()))
        latestRecordedAt = Timestamp(microseconds: Int64(bitPattern: try r.u64()))
        guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
    }

    /// Whether the projection holds exactly the events that count on `date` as known at `moment`:
    /// none of its events happened after `date`, and none was recorded after `moment`.
    public func answers(on date: CalendarDate, knownAt moment: Timestamp, head: UInt64) -> Bool {
        seq == head && latestOccurredAt < Timestamp.startOf(date.next) && latestRecordedAt <= moment
    }
}

extension CalendarDate {
    /// The following day.
    public var next: CalendarDate { CalendarDate(dayNumber: dayNumber + 1) }
}

extension Timestamp {
    /// Midnight (UTC) at the start of `date`.
    public static func startOf(_ date: CalendarDate) -> Timestamp {
        Timestamp(microseconds: Int64(date.dayNumber) * 86_400_000_000)
    }
}
