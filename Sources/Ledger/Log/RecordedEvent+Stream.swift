/// The stream of a stored event, read without parsing it: what the access trail asks of every
/// event a response carries (which child's record it is), on every read.
extension RecordedEvent {
    private static let streamMember = Array(#","stream":""#.utf8)

    private static let typeMember = Array(#"","type":""#.utf8)

    /// The stream named by stored (canonical) event bytes.
    public static func stream(ofStored bytes: UnsafeRawBufferPointer) throws(LedgerError) -> String {
        try envelopeTail(ofStored: bytes).stream
    }

    /// The stream and type of stored (canonical) event bytes, read without parsing them: what
    /// scoped reads ask of every event they consider.
    ///
    /// In the canonical form the members are sorted, and only `type` (a catalogue name) and
    /// `version` (an integer) follow `stream`; so the last `,"stream":"` in the bytes is the
    /// top-level member, whatever `data` holds (a quote inside a string there is escaped), and
    /// `,"type":"` follows its value. Bytes not of that form are decoded in full; undecodable
    /// ones are corruption.
    public static func envelopeTail(ofStored bytes: UnsafeRawBufferPointer) throws(LedgerError) -> (stream: String, type: String) {
        let marker = streamMember
        var i = bytes.count - marker.count
        while i >= 0 {
            if matches(marker, bytes, at: i) {
                let start = i + marker.count
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                let typeStart = end + typeMember.count
                guard end < bytes.count, StreamName(parsing: name) != nil, matches(typeMember, bytes, at: end) else { break }
                var typeEnd = typeStart
                while typeEnd < bytes.count, bytes[typeEnd] != UInt8(ascii: "\"") { typeEnd += 1 }
                let type = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[typeStart..<typeEnd]), as: UTF8.self)
                guard typeEnd < bytes.count, EventType(rawValue: type) != nil else { break }
                return (name, type)
            }
            i -= 1
        }
        let event = try RecordedEvent(decoding: bytes)
        return (event.stream, event.type)
    }

    /// Whether `marker` stands in `bytes` at `i` (in bounds).
    private static func matches(_ marker: [UInt8], _ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        guard i >= 0, i + marker.count <= bytes.count else { return false }
        return marker.indices.allSatisfy { bytes[i + $0] == marker[$0] }
    }

    /// The case a stored event belongs to (its stream's ID without `case-`), nil for another kind of stream.
    public static func caseId(ofStored bytes: UnsafeRawBufferPointer) throws(LedgerError) -> String? {
        let stream = try stream(ofStored: bytes)
        let prefix = StreamKind.case.prefix
        return stream.hasPrefix(prefix) ? String(stream.dropFirst(prefix.count)) : nil
    }
}

/// An entry bundle (c2sp.org/tlog-tiles): each entry a big-endian 16-bit length and the
/// recorded event's bytes.
public enum EntryBundle {
    /// The case IDs of the bundle's case events, in order; a bundle that does not parse is corruption.
    public static func caseIds(_ bundle: [UInt8]) throws(LedgerError) -> [String] {
        var ids: [String] = []
        var i = 0
        while i < bundle.count {
            guard i + 2 <= bundle.count else { throw .corrupt("an entry bundle ends inside an entry's length") }
            let length = Int(bundle[i]) << 8 | Int(bundle[i + 1])
            guard i + 2 + length <= bundle.count else { throw .corrupt("an entry bundle ends inside an entry") }
            let result: Result<String?, LedgerError> = bundle.withUnsafeBytes { bytes in
                do throws(LedgerError) {
                    return .success(try RecordedEvent.caseId(ofStored: UnsafeRawBufferPointer(rebasing: bytes[(i + 2)..<(i + 2 + length)])))
                } catch {
                    return .failure(error)
                }
            }
            if let id = try result.get() { ids.append(id) }
            i += 2 + length
        }
        return ids
    }
}
