import Ledger

/// A recorded event as the projections see it: positions, the two clocks, and typed data.
public struct ProjectedEvent: Sendable {
    public var seq: UInt64
    public var stream: StreamName
    public var version: Int64
    public var occurredAt: Timestamp
    public var recordedAt: Timestamp
    public var actor: String
    public var hash: String
    public var event: DomainEvent

    /// Decodes stored bytes; anything but a well-formed recorded event of the v1 contract is
    /// corruption, since the ledger only stores what passed validation.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        let recorded = try RecordedEvent(decoding: bytes)
        try self.init(recorded)
    }

    public init(_ recorded: RecordedEvent) throws(LedgerError) {
        guard let stream = StreamName(parsing: recorded.stream) else {
            throw .corrupt("event \(recorded.seq) has stream \(recorded.stream)")
        }
        guard let occurredAt = Timestamp(parsing: recorded.occurredAt),
            let recordedAt = Timestamp(parsing: recorded.recordedAt)
        else {
            throw .corrupt("event \(recorded.seq) has a malformed occurredAt or recordedAt")
        }
        guard let type = EventType(rawValue: recorded.type) else {
            throw .corrupt("event \(recorded.seq) has unknown type \(recorded.type)")
        }
        self.seq = recorded.seq
        self.stream = stream
        self.version = recorded.version
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.actor = recorded.actor
        self.hash = recorded.hash
        do {
            let fields = DataFields(object: recorded.data)
            self.event = try DomainEvent(type: type, fields: fields)
        } catch {
            throw .corrupt("event \(recorded.seq) (\(recorded.type)): \(error.message)")
        }
    }
}
