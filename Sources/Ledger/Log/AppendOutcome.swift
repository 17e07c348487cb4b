/// Where an accepted append landed.
public struct AppendOutcome: Sendable, Equatable {
    /// The request's eventId as the client wrote it: what a retry is matched by.
    public var eventId: String
    /// The event's position in the log (1-based); for a retry, the original's.
    public var seq: UInt64
    /// The event's position in its stream (0-based); for a retry, the original's.
    public var version: Int64
    /// True when the request was an identical retry: nothing was appended, and `seq` and
    /// `version` are the original event's.
    public var duplicate: Bool

    /// An outcome as the append session reports it (tests and decoders build them too).
    public init(eventId: String, seq: UInt64, version: Int64, duplicate: Bool) {
        self.eventId = eventId
        self.seq = seq
        self.version = version
        self.duplicate = duplicate
    }
}
