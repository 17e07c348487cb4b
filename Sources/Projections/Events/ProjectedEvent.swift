import Ledger

/// A recorded event as the projections see it: positions, the two clocks, and typed data.
///
/// A class: replay hands each event from the decoding threads through the chunk to `evolve`,
/// and one reference count per hand-off beats copying a dozen fields each time.
public final class ProjectedEvent: Sendable {
    public let seq: UInt64
    public let stream: StreamName
    public let version: Int64
    public let occurredAt: Timestamp
    public let recordedAt: Timestamp
    public let actor: String
    public let hash: String
    public let event: DomainEvent

    /// Decodes stored bytes; anything but a well-formed recorded event of the v1 contract is
    /// corruption, since the ledger only stores what passed validation.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        let json = StoredJSON(bytes: bytes)
        var seqForErrors: Int64 = 0
        do throws(StoredJSON.Failure) {
            let (top, end) = try json.object(at: 0)
            guard end == bytes.count else { throw json.fail("trailing data", at: end) }
            func required(_ key: StaticString) throws(StoredJSON.Failure) -> Range<Int> {
                guard let range = json.member(top, key) else { throw StoredJSON.Failure(message: "\(key) is missing") }
                return range
            }
            seqForErrors = try json.integer(try required("seq"))
            seq = UInt64(seqForErrors)
            version = try json.integer(try required("version"))
            let streamText = try json.string(try required("stream"))
            guard let stream = StreamName(parsing: streamText) else { throw StoredJSON.Failure(message: "stream \(streamText) is malformed") }
            self.stream = stream
            let occurredText = try json.string(try required("occurredAt"))
            let recordedText = try json.string(try required("recordedAt"))
            guard let occurredAt = Timestamp(parsing: occurredText), let recordedAt = Timestamp(parsing: recordedText) else {
                throw StoredJSON.Failure(message: "occurredAt or recordedAt is malformed")
            }
            self.occurredAt = occurredAt
            self.recordedAt = recordedAt
            actor = try json.string(try required("actor"))
            hash = try json.string(try required("hash"))
            let typeText = try json.string(try required("type"))
            guard let type = EventType(rawValue: typeText) else { throw StoredJSON.Failure(message: "unknown type \(typeText)") }
            let (data, _) = try json.object(at: try required("data").lowerBound)
            do throws(StoredJSON.Failure) {
                event = try DomainEvent(type: type, fields: DataFields(json: json, object: data))
            } catch {
                throw StoredJSON.Failure(message: "\(typeText): \(error.message)")
            }
        } catch {
            throw .corrupt("stored event \(seqForErrors) does not decode: \(error.message)")
        }
    }
}
