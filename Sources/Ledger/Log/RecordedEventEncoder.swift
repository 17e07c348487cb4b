import Crypto

/// Builds the recorded form of an accepted request and chains it.
///
/// The recorded event is written as RFC 8785 canonical JSON. Its members are emitted
/// directly in canonical order (actor, data, eventId, hash, metadata, occurredAt, prevHash,
/// recordedAt, seq, stream, type, version). The stored bytes are the canonical form with
/// `hash`; the hash covers the same bytes with the `,"hash":"…"` member left out, which is
/// exactly the canonical form without `hash`. See `schemas/README.md` for the definition
/// auditors re-verify.
struct RecordedEventEncoder {
    /// Capacity to reserve for the next event: the last one's size, so most need no regrowth.
    private var expectedSize = 1024

    private static let hashFieldPrefix = Array(#","hash":""#.utf8)
    /// `,"hash":"` + 64 hex digits + `"`.
    private static let hashFieldSize = 9 + 64 + 1

    /// The stored bytes and hash of `request` recorded at (`seq`, `version`).
    mutating func encode(
        _ request: AppendRequest, seq: UInt64, version: Int64, recordedAt: String, prevHash: [UInt8]
    ) -> (bytes: [UInt8], hash: [UInt8]) {
        precondition(prevHash.count == 32 && seq >= 1 && version >= 0)
        var out: [UInt8] = []
        out.reserveCapacity(expectedSize)
        out.append(contentsOf: #"{"actor":"#.utf8)
        Self.writeUnescaped(request.actor, into: &out)
        out.append(contentsOf: #","data":"#.utf8)
        out.append(contentsOf: request.canonicalData)
        out.append(contentsOf: #","eventId":"#.utf8)
        Self.writeUnescaped(request.eventIdText, into: &out)
        // The hash field's place, filled in once the rest is hashed around it.
        let hashField = out.count
        out.append(contentsOf: Self.hashFieldPrefix)
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 64))
        out.append(UInt8(ascii: "\""))
        if let metadata = request.canonicalMetadata {
            out.append(contentsOf: #","metadata":"#.utf8)
            out.append(contentsOf: metadata)
        }
        out.append(contentsOf: #","occurredAt":"#.utf8)
        Self.writeUnescaped(request.occurredAtText, into: &out)
        out.append(contentsOf: #","prevHash":""#.utf8)
        Hex.append(prevHash, to: &out)
        out.append(contentsOf: #"","recordedAt":"#.utf8)
        Self.writeUnescaped(recordedAt, into: &out)
        out.append(contentsOf: #","seq":"#.utf8)
        out.append(contentsOf: String(seq).utf8)
        out.append(contentsOf: #","stream":"#.utf8)
        Self.writeUnescaped(request.stream.text, into: &out)
        out.append(contentsOf: #","type":"#.utf8)
        Self.writeUnescaped(request.type.rawValue, into: &out)
        out.append(contentsOf: #","version":"#.utf8)
        out.append(contentsOf: String(version).utf8)
        out.append(UInt8(ascii: "}"))

        var hasher = SHA256()
        prevHash.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        out.withUnsafeBytes { bytes in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[..<hashField]))
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[(hashField + Self.hashFieldSize)...]))
        }
        let hash = Array(hasher.finalize())
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        Hex.append(hash, to: &hex)
        out.replaceSubrange((hashField + 9)..<(hashField + 73), with: hex)
        expectedSize = max(expectedSize, out.count + 64)
        return (out, hash)
    }

    /// Writes a string the contract has already restricted to characters JSON never escapes
    /// (IDs, UUIDs, timestamps, type names), skipping the escape scan of the general writer.
    private static func writeUnescaped(_ s: String, into out: inout [UInt8]) {
        assert(!s.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }, "\(s) needs escaping")
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: s.utf8)
        out.append(UInt8(ascii: "\""))
    }

    /// `SHA-256(prevHash bytes ‖ JCS(recorded event without hash))`.
    static func chainHash(prevHash: [UInt8], canonicalWithoutHash: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        prevHash.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        canonicalWithoutHash.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Array(hasher.finalize())
    }
}
