import Ledger

/// A recorded event as the projections see it: positions, the two clocks, and typed data.
///
/// A value, stored inline in the decoded chunk: a class would cost an allocation per event,
/// and freeing a million of those on another thread than made them was a tenth of a replay.
public struct ProjectedEvent: Sendable {
    /// The event's position in the log: events apply in this order, each once.
    public let seq: UInt64
    /// The kind of its stream: a case's events go to its record, the rest to the directory.
    public let streamKind: StreamKind
    /// The stream's ID, without its kind's prefix (a case's `caseId`).
    public let streamId: String
    /// The event's position in its stream.
    public let version: Int64
    /// When it happened: a past date's view counts it if it occurred by the end of that date.
    public let occurredAt: Timestamp
    /// When the ledger recorded it: a view "as known at" a moment counts it if recorded by then.
    public let recordedAt: Timestamp
    /// The event's data, typed.
    public let event: DomainEvent

    /// The hash of a stored event, read without decoding the rest: checkpoints record it.
    public static func hash(of bytes: UnsafeRawBufferPointer) throws(LedgerError) -> String {
        let json = StoredJSON(bytes: bytes)
        do throws(StoredJSON.Failure) {
            let (top, _) = try json.object(at: 0)
            guard let range = json.member(top, "hash") else { throw StoredJSON.Failure(message: "hash is missing") }
            return try json.string(range)
        } catch {
            throw .corrupt("stored event has no readable hash: \(error.message)")
        }
    }

    /// Decodes stored bytes; anything but a well-formed recorded event of the v1 contract is
    /// corruption, since the ledger only stores what passed validation.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        var scratch = StoredJSON.Scratch()
        try self.init(decoding: bytes, scratch: &scratch)
    }

    /// Decodes stored bytes, reading them into `scratch`'s reused storage.
    init(decoding bytes: UnsafeRawBufferPointer, scratch: inout StoredJSON.Scratch) throws(LedgerError) {
        let json = StoredJSON(bytes: bytes)
        var seqForErrors: Int64 = 0
        do throws(StoredJSON.Failure) {
            let (end, expanded) = try json.object(at: 0, into: &scratch.top, expanding: "data", into: &scratch.data)
            guard end == bytes.count else { throw json.fail("trailing data", at: end) }
            let top = TopLevel(json, scratch.top)
            func required(_ range: Range<Int>?, _ key: StaticString) throws(StoredJSON.Failure) -> Range<Int> {
                guard let range else { throw StoredJSON.Failure(message: "\(key) is missing") }
                return range
            }
            seqForErrors = try json.integer(try required(top.seq, "seq"))
            seq = UInt64(seqForErrors)
            version = try json.integer(try required(top.version, "version"))
            (streamKind, streamId) = try json.stream(try required(top.stream, "stream"))
            occurredAt = try json.timestamp(try required(top.occurredAt, "occurredAt"))
            recordedAt = try json.timestamp(try required(top.recordedAt, "recordedAt"))
            let type = try json.eventType(try required(top.type, "type"))
            _ = try required(top.data, "data")
            guard expanded else { throw StoredJSON.Failure(message: "data is not an object") }
            do throws(EventDataError) {
                event = try DomainEvent(type: type, reading: DataFields(json: json, object: scratch.data))
            } catch {
                throw StoredJSON.Failure(message: "\(type.rawValue): \(error.message)")
            }
        } catch {
            throw .corrupt("stored event \(seqForErrors) does not decode: \(error.message)")
        }
    }
}

/// The members of a stored event that replay reads, found in one pass over its members:
/// looking each up in turn walked the dozen of them seven times per event.
private struct TopLevel {
    var seq: Range<Int>?
    var version: Range<Int>?
    var stream: Range<Int>?
    var occurredAt: Range<Int>?
    var recordedAt: Range<Int>?
    var type: Range<Int>?
    var data: Range<Int>?

    init(_ json: StoredJSON, _ object: StoredJSON.Object) {
        for member in object.members {
            let key = member.key
            // By length first: of the members a recorded event has, these lengths are shared
            // only by `hash` (4) and `eventId` (7).
            switch key.count {
            case 3: if seq == nil, json.equals(key, "seq") { seq = member.value }
            case 4:
                if type == nil, json.equals(key, "type") {
                    type = member.value
                } else if data == nil, json.equals(key, "data") {
                    data = member.value
                }
            case 6: if stream == nil, json.equals(key, "stream") { stream = member.value }
            case 7: if version == nil, json.equals(key, "version") { version = member.value }
            case 10:
                if occurredAt == nil, json.equals(key, "occurredAt") {
                    occurredAt = member.value
                } else if recordedAt == nil, json.equals(key, "recordedAt") {
                    recordedAt = member.value
                }
            default: break
            }
        }
    }
}
