/// An append request as a client writes one, for sending: the envelope's members in the
/// contract's documented order (`AppendRequest.Member`), `data` written by the typed event's
/// own encoder (`DomainEvent.writeData(into:)`).
///
/// The one writer of request lines: the demo loader and the tests' request builders use it,
/// so no field's name or spelling is restated outside the contract. What it writes is a
/// request, not a recorded event: members in the order given (the ledger canonicalises what
/// it records), strings escaped as the ledger escapes them.
public struct AppendRequestDraft: Sendable {
    /// The event's UUID, as it will be sent (and recorded).
    public var eventId: String
    /// The stream's name, e.g. `case-EH-2024-000123`.
    public var stream: String
    /// The event; its type and data are written from it.
    public var event: DomainEvent
    /// When it happened, as sent (any RFC 3339 form the contract accepts).
    public var occurredAt: String
    /// Who says they acted: a practitioner ID or `system:NAME`.
    public var actor: String
    /// The optimistic-concurrency check, if any (`-1`: the stream must not exist yet).
    public var expectedVersion: Int64?
    /// The client's own strings, in the order given; nil writes no `metadata` member.
    public var metadata: [(name: String, value: String)]?

    /// A request carrying `event`, member by member.
    public init(
        eventId: String, stream: String, event: DomainEvent, occurredAt: String, actor: String,
        expectedVersion: Int64? = nil, metadata: [(name: String, value: String)]? = nil
    ) {
        self.eventId = eventId
        self.stream = stream
        self.event = event
        self.occurredAt = occurredAt
        self.actor = actor
        self.expectedVersion = expectedVersion
        self.metadata = metadata
    }

    /// The request as one line of JSON (no newline).
    public var line: String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the request's JSON to `out`.
    public func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for member in AppendRequest.Member.allCases {
            switch member {
            case .eventId: write(member, .string(eventId), into: &out)
            case .stream: write(member, .string(stream), into: &out)
            case .type: write(member, .string(event.type.rawValue), into: &out)
            case .occurredAt: write(member, .string(occurredAt), into: &out)
            case .actor: write(member, .string(actor), into: &out)
            case .expectedVersion:
                guard let expectedVersion else { continue }
                // Written as the integer it is: through a Double it could round.
                name(member, into: &out)
                out.append(contentsOf: String(expectedVersion).utf8)
            case .data:
                name(member, into: &out)
                event.writeData(into: &out)
            case .metadata:
                guard let metadata else { continue }
                write(member, .object(JSONObject(metadata.map { (key: $0.name, value: JSONValue.string($0.value)) })), into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private func write(_ member: AppendRequest.Member, _ value: JSONValue, into out: inout [UInt8]) {
        name(member, into: &out)
        CompactJSON.write(value, into: &out)
    }

    /// `"name":`, after a comma unless it is the object's first member.
    private func name(_ member: AppendRequest.Member, into out: inout [UInt8]) {
        if out.last != UInt8(ascii: "{") { out.append(UInt8(ascii: ",")) }
        CanonicalJSON.writeString(member.rawValue, into: &out)
        out.append(UInt8(ascii: ":"))
    }
}
