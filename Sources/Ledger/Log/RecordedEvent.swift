/// A recorded event as read back from the log or an export.
public struct RecordedEvent: Sendable {
    /// The event's position in the log, from 1; its key in the `events` database.
    public let seq: UInt64
    /// The event's position in its stream, from 0.
    public let version: Int64
    /// The stream it was appended to, as named in the contract (`case-…`, `practitioner-…`).
    public let stream: String
    /// The event type's name, as the catalogue spells it.
    public let type: String
    /// The client's idempotency key: a retry with the same eventId and content is not appended again.
    public let eventId: String
    /// Who the request said acted (`actor`); `recordedBy` is who was authenticated.
    public let actor: String
    /// When it happened, as the client said (RFC 3339, UTC once recorded).
    public let occurredAt: String
    /// When the ledger recorded it (UTC, microseconds); never earlier than the event before.
    public let recordedAt: String
    /// The hash of the event before (64 zeros for seq 1): the chain's link.
    public let prevHash: String
    /// SHA-256 over `prevHash` and the canonical form without `hash`, in lowercase hex.
    public let hash: String
    /// The event's payload, as the request sent it.
    public let data: JSONObject
    /// The request's optional metadata, as sent.
    public let metadata: JSONObject?
    /// Who appended it, as authenticated (`practitioner:ID`, `system:NAME`, `local:USER`);
    /// nil for events recorded before the ledger recorded it.
    public let recordedBy: String?
    /// The whole document, for re-canonicalisation.
    public let object: JSONObject

    /// The most bytes a recorded event (its exported line, without the newline) may have:
    /// a transparency log's entry bundle prefixes each entry with a 16-bit length
    /// (VERIFIABLE_LOG.md §7), so a longer one is refused at append (DOMAIN.md rule 6).
    public static let maximumSize = 65_535

    static let fields: Set<String> = [
        "actor", "data", "eventId", "hash", "metadata", "occurredAt", "prevHash", "recordedAt", "recordedBy", "seq", "stream",
        "type", "version",
    ]

    /// Decodes a recorded event; any deviation from the recorded form is reported as corruption.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .corrupt("recorded event is not JSON: \(error)")
        }
        guard case .object(let object) = value else { throw .corrupt("recorded event is not an object") }
        for member in object.members where !Self.fields.contains(member.key) {
            throw .corrupt("recorded event has unknown field \(member.key)")
        }
        func string(_ key: String) throws(LedgerError) -> String {
            guard let s = object[key]?.stringValue else { throw .corrupt("recorded event lacks string \(key)") }
            return s
        }
        func integer(_ key: String) throws(LedgerError) -> Int64 {
            guard let n = object[key]?.integerValue, n >= 0 else { throw .corrupt("recorded event lacks integer \(key)") }
            return n
        }
        seq = UInt64(try integer("seq"))
        version = try integer("version")
        stream = try string("stream")
        type = try string("type")
        eventId = try string("eventId")
        actor = try string("actor")
        occurredAt = try string("occurredAt")
        recordedAt = try string("recordedAt")
        prevHash = try string("prevHash")
        hash = try string("hash")
        guard let data = object["data"]?.objectValue else { throw .corrupt("recorded event lacks data") }
        self.data = data
        if let metadata = object["metadata"] {
            guard let m = metadata.objectValue else { throw .corrupt("recorded metadata is not an object") }
            self.metadata = m
        } else {
            self.metadata = nil
        }
        if let recordedBy = object["recordedBy"] {
            guard let text = recordedBy.stringValue else { throw .corrupt("recorded event's recordedBy is not a string") }
            self.recordedBy = text
        } else {
            self.recordedBy = nil
        }
        self.object = object
    }

    /// Decodes a recorded event held in an array; throws `.corrupt` as the buffer form does.
    public init(decoding bytes: [UInt8]) throws(LedgerError) {
        let result: Result<RecordedEvent, LedgerError> = bytes.withUnsafeBytes { b in
            do throws(LedgerError) { return .success(try RecordedEvent(decoding: b)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// The canonical bytes the hash covers: the document without `hash`.
    public func canonicalWithoutHash() -> [UInt8] {
        CanonicalJSON.bytes(.object(JSONObject(object.members.filter { $0.key != "hash" })))
    }

    /// Whether this records the same request: the fields a client sent, less `expectedVersion`.
    func records(_ request: AppendRequest) -> Bool {
        actor == request.actor && data == request.data && occurredAt == request.occurredAtText
            && stream == request.stream.description && type == request.type.rawValue && metadata == request.metadata
            && EventID(parsing: eventId) == request.eventId
    }
}
