/// One append request that has passed every stateless rule of the contract.
///
/// Holding one proves the JSON was well-formed, the envelope complete, the type known and
/// on the right kind of stream, and the data exactly as the catalogue describes it.
///
/// Immutable; a class so that handing one from the parsing thread to the writer, and down
/// through the rules and the encoder, is one reference count rather than one per field.
public final class AppendRequest: Sendable {
    /// The event's ID: the idempotency key (a retry with the same one and the same content is
    /// answered with the original positions).
    public let eventId: EventID
    /// The eventId as the client spelt it; this is what is recorded.
    public let eventIdText: String
    /// The stream appended to (as sent, or the path's for a request posted to a stream's URL).
    public let stream: StreamName
    /// The event type, on its kind of stream (`EventType.streamKind`).
    public let type: EventType
    /// When it happened in the world, as the instant sent (any offset), within 1900–2199 UTC.
    public let occurredAt: Timestamp
    /// `occurredAt` as recorded: the text sent when it was already UTC (`…Z`), else that
    /// instant spelt in UTC with the fraction as sent (`Timestamp.normalising`).
    public let occurredAtText: String
    /// Who the request says acted: a practitioner ID or `system:NAME`. What the ledger
    /// authenticated is recorded beside it as `recordedBy`.
    public let actor: String
    /// nil: any version; -1: the stream must not exist; n ≥ 0: its last version must be n.
    public let expectedVersion: Int64?
    /// The event's data: exactly the fields the catalogue gives its type.
    public let data: JSONObject
    /// `data`, typed: what the rules decide and evolve on. Decoded once, when the request is.
    public let event: DomainEvent
    /// The client's own strings (at most `maximumMetadataProperties`), recorded as sent.
    public let metadata: JSONObject?
    /// The recorded event less its positional members, made once at validation (on the
    /// parsing thread, for an import), so the writer only splices in positions and the hash.
    let template: RecordedEventTemplate

    /// RFC 8785 bytes of `data` and `metadata`: what the recorded event embeds, and equal
    /// content means equal bytes (idempotency compares them).
    public var canonicalData: [UInt8] { Array(canonicalDataBytes) }
    /// RFC 8785 bytes of `metadata`, nil without it.
    public var canonicalMetadata: [UInt8]? { canonicalMetadataBytes.map(Array.init) }

    private var canonicalDataBytes: ArraySlice<UInt8> { template.bytes[template.dataRange] }
    private var canonicalMetadataBytes: ArraySlice<UInt8>? { template.metadataRange.map { template.bytes[$0] } }

    /// The top-level members a request must carry, in `Member`'s order.
    public static let requiredFields = Member.allCases.filter(\.isRequired).map(\.rawValue)
    /// The top-level members a request may leave out.
    public static let optionalFields = Member.allCases.filter { !$0.isRequired }.map(\.rawValue)

    /// Most entries `metadata` may hold.
    public static let maximumMetadataProperties = 32
    /// Longest `metadata` name, in characters (at least 1).
    public static let maximumMetadataKeyLength = 64
    /// Longest `metadata` value, in characters.
    public static let maximumMetadataValueLength = 4096
    /// Largest append request accepted, in bytes of JSON.
    public static let maximumEncodedSize = 256 * 1024

    /// Validates a request: first everything a JSON Schema can say, then that the data's own
    /// ID names the stream.
    public static func validating(_ json: JSONValue) throws(ContractViolation) -> AppendRequest {
        let request = try ContractValidator.validateShape(json)
        try request.checkBeyondSchema()
        return request
    }

    /// Validates only what a JSON Schema can express (the generated schemas' verdict).
    public static func validatingShape(_ json: JSONValue) throws(ContractViolation) -> AppendRequest {
        try ContractValidator.validateShape(json)
    }

    /// The request in `bytes` if it is valid and in the form clients normally send, read
    /// without building a `JSONValue` tree; nil means "take the general path" (`JSONParser`,
    /// then `validating`), which gives the same request or the exact error, not "invalid".
    /// See `AppendRequestDecoder`; `decode` (AppendDecoding.swift) is the one caller outside tests.
    ///
    /// With `postedTo` (the stream of the URL a request was posted to), the request may leave
    /// out its `stream`, which is then that one; one that names another stream is declined.
    static func decodingDirectly(_ bytes: UnsafeRawBufferPointer, postedTo: StreamName? = nil) -> AppendRequest? {
        guard bytes.count <= Self.maximumEncodedSize else { return nil }
        return AppendRequestDecoder.decode(bytes, postedTo: postedTo)
    }

    init(
        eventId: EventID, eventIdText: String, stream: StreamName, type: EventType, occurredAt: Timestamp,
        occurredAtText: String, actor: String, expectedVersion: Int64?, data: JSONObject, metadata: JSONObject?
    ) throws(ContractViolation) {
        // The shape was validated first, so this fails only if the catalogue and the typed
        // events disagree; even then it is the client's request that is refused, not a trap.
        do throws(EventDataError) {
            self.event = try DomainEvent(type: type, reading: JSONDataReader(data))
        } catch {
            throw ContractViolation(field: error.field, problem: error.problem)
        }
        self.eventId = eventId
        self.eventIdText = eventIdText
        self.stream = stream
        self.type = type
        self.occurredAt = occurredAt
        self.occurredAtText = occurredAtText
        self.actor = actor
        self.expectedVersion = expectedVersion
        self.data = data
        self.metadata = metadata
        self.template = RecordedEventTemplate(
            actor: actor, data: data, eventIdText: eventIdText, metadata: metadata, occurredAtText: occurredAtText,
            stream: stream, type: type)
    }

    /// The stateless rules a JSON Schema cannot express: the data's own ID names the stream,
    /// and the dates agree with each other as the world allows.
    public func checkBeyondSchema() throws(ContractViolation) {
        try checkSubject()
        try checkDateOfBirth()
    }

    /// Most days a recorded date of birth may follow the case's opening: a case may be opened
    /// for an unborn child, at most a pregnancy ahead (DOMAIN.md, rule 6).
    public static let maximumDaysBornAfterOpening = 280

    /// `CaseOpened.dateOfBirth` at most `maximumDaysBornAfterOpening` days after `openedOn`.
    func checkDateOfBirth() throws(ContractViolation) {
        guard case .caseOpened(let opened) = event, let born = opened.dateOfBirth else { return }
        guard born.dayNumber - opened.openedOn.dayNumber <= Self.maximumDaysBornAfterOpening else {
            throw ContractViolation(
                field: "data.dateOfBirth",
                problem: "must be at most \(Self.maximumDaysBornAfterOpening) days after openedOn \(opened.openedOn), got \(born)",
                isBeyondSchema: true)
        }
    }

    /// `CaseOpened.caseId` (and the like) equals the stream's ID.
    func checkSubject() throws(ContractViolation) {
        guard let field = type.subjectField else { return }
        let value = data[field]?.stringValue
        guard value == stream.id else {
            throw ContractViolation(
                field: "data.\(field)",
                problem: "must equal the stream's ID \"\(stream.id)\" (stream \(stream)), got \"\(value ?? "")\"",
                isBeyondSchema: true)
        }
    }

    /// Whether `other` asks for the same event: every recorded field equal (`expectedVersion`
    /// is not recorded, and the eventId is the key both share).
    public func hasSameContent(as other: AppendRequest) -> Bool {
        eventId == other.eventId && stream == other.stream && type == other.type
            && occurredAtText == other.occurredAtText && actor == other.actor
            && canonicalDataBytes == other.canonicalDataBytes && canonicalMetadataBytes == other.canonicalMetadataBytes
    }
}
