/// Where an accepted append landed.
public struct AppendOutcome: Sendable, Equatable {
    public var eventId: String
    public var seq: UInt64
    public var version: Int64
    /// True when the request was an identical retry: nothing was appended, and `seq` and
    /// `version` are the original event's.
    public var duplicate: Bool

    public init(eventId: String, seq: UInt64, version: Int64, duplicate: Bool) {
        self.eventId = eventId
        self.seq = seq
        self.version = version
        self.duplicate = duplicate
    }
}
