/// A recorded event as read back from the log or an export.
public struct RecordedEvent: Sendable {
    public let seq: UInt64
    public let version: Int64
    public let stream: String
    public let type: String
    public let eventId: String
    public let actor: String
    public let occurredAt: String
    public let recordedAt: String
    public let prevHash: String
    public let hash: String
    public let data: JSONObject
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
