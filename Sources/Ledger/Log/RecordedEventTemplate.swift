/// The parts of a request's recorded form that do not depend on where it lands in the log.
///
/// A recorded event is RFC 8785 canonical JSON with its members in canonical order (actor,
/// data, eventId, hash, metadata, occurredAt, prevHash, recordedAt, seq, stream, type,
/// version). Only `hash`, `prevHash`, `recordedAt`, `seq` and `version` depend on the
/// position; everything else is fixed when the request is validated. Built then (on the
/// parsing thread, for an import), it leaves the writer to splice in the positional members
/// and hash. `RecordedEventEncoder` does the splicing.
///
/// `bytes` holds three runs, with the positional members to go between them:
/// 1. `{"actor":…,"data":{…},"eventId":"…"` — then `,"hash":"…"`,
/// 2. `,"metadata":{…},"occurredAt":"…","prevHash":"` — then the previous hash's hex digits
///    and the rest of the positional members up to the seq's digits,
/// 3. `,"stream":"…","type":"…","version":` — then the version's digits and `}`.
struct RecordedEventTemplate: Sendable {
    let bytes: [UInt8]
    /// End of run 1.
    let hashAt: Int
    /// End of run 2.
    let prevHashAt: Int
    /// Where `data`'s canonical bytes lie in `bytes`.
    let dataRange: Range<Int>
    /// Where `metadata`'s canonical bytes lie in `bytes`, if the request has metadata.
    let metadataRange: Range<Int>?

    init(
        actor: String, data: JSONObject, eventIdText: String, metadata: JSONObject?, occurredAtText: String,
        stream: StreamName, type: EventType
    ) {
        var out: [UInt8] = []
        out.reserveCapacity(Self.expectedSize)
        out.append(contentsOf: #"{"actor":"#.utf8)
        Self.writeUnescaped(actor, into: &out)
        out.append(contentsOf: #","data":"#.utf8)
        let dataStart = out.count
        CanonicalJSON.write(.object(data), into: &out)
        dataRange = dataStart..<out.count
        out.append(contentsOf: #","eventId":"#.utf8)
        Self.writeUnescaped(eventIdText, into: &out)
        hashAt = out.count
        if let metadata {
            out.append(contentsOf: #","metadata":"#.utf8)
            let metadataStart = out.count
            CanonicalJSON.write(.object(metadata), into: &out)
            metadataRange = metadataStart..<out.count
        } else {
            metadataRange = nil
        }
        out.append(contentsOf: #","occurredAt":"#.utf8)
        Self.writeUnescaped(occurredAtText, into: &out)
        out.append(contentsOf: #","prevHash":""#.utf8)
        prevHashAt = out.count
        out.append(contentsOf: #","stream":"#.utf8)
        Self.writeUnescaped(stream.text, into: &out)
        out.append(contentsOf: #","type":"#.utf8)
        Self.writeUnescaped(type.rawValue, into: &out)
        out.append(contentsOf: #","version":"#.utf8)
        bytes = out
    }

    /// Room for a typical event's template (the demo's average is under 400 bytes).
    private static let expectedSize = 512

    /// Writes a string the contract has already restricted to characters JSON never escapes
    /// (IDs, UUIDs, timestamps, type names), skipping the escape scan of the general writer.
    private static func writeUnescaped(_ s: String, into out: inout [UInt8]) {
        assert(!s.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }, "\(s) needs escaping")
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: s.utf8)
        out.append(UInt8(ascii: "\""))
    }
}
