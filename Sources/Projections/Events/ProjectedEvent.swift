import Ledger

/// A recorded event as the projections see it: positions, the two clocks, and typed data.
///
/// A value, stored inline in the decoded chunk: a class would cost an allocation per event,
/// and freeing a million of those on another thread than made them was a tenth of a replay.
public struct ProjectedEvent: Sendable {
    public let seq: UInt64
    public let streamKind: StreamKind
    /// The stream's ID, without its kind's prefix (a case's `caseId`).
    public let streamId: String
    public let version: Int64
    public let occurredAt: Timestamp
    public let recordedAt: Timestamp
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
            func required(_ key: StaticString) throws(StoredJSON.Failure) -> Range<Int> {
                guard let range = json.member(scratch.top, key) else { throw StoredJSON.Failure(message: "\(key) is missing") }
                return range
            }
            seqForErrors = try json.integer(try required("seq"))
            seq = UInt64(seqForErrors)
            version = try json.integer(try required("version"))
            (streamKind, streamId) = try json.stream(try required("stream"))
            occurredAt = try json.timestamp(try required("occurredAt"))
            recordedAt = try json.timestamp(try required("recordedAt"))
            let type = try json.eventType(try required("type"))
            _ = try required("data")
            guard expanded else { throw StoredJSON.Failure(message: "data is not an object") }
            do throws(StoredJSON.Failure) {
                event = try DomainEvent(type: type, fields: DataFields(json: json, object: scratch.data))
            } catch {
                throw StoredJSON.Failure(message: "\(type.rawValue): \(error.message)")
            }
        } catch {
            throw .corrupt("stored event \(seqForErrors) does not decode: \(error.message)")
        }
    }
}
