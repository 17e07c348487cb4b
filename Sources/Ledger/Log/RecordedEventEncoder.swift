/// Builds the recorded form of an accepted request and chains it.
///
/// The recorded event is written as RFC 8785 canonical JSON, its members in canonical order.
/// The request's `RecordedEventTemplate` holds everything but the positional members and
/// `recordedBy` (who appended it, known only once authenticated; it sorts between
/// `recordedAt` and `seq`), so this only splices in `hash`, `prevHash`, `recordedAt`,
/// `recordedBy`, `seq` and `version`. The stored
/// bytes are the canonical form with `hash`; the hash covers the same bytes with the
/// `,"hash":"…"` member left out, which is exactly the canonical form without `hash`. See
/// `schemas/README.md` for the definition auditors re-verify.
struct RecordedEventEncoder {
    /// `","recordedAt":"…"`: what follows the prevHash digits; the same for every event of a
    /// transaction.
    private let recordedAtMember: [UInt8]
    private static let recordedByPrefix = Array(#","recordedBy":""#.utf8)
    private static let seqPrefix = Array(#","seq":"#.utf8)

    private static let hashFieldPrefix = Array(#","hash":""#.utf8)
    /// `,"hash":"` + 64 hex digits + `"`.
    private static let hashFieldSize = 9 + 64 + 1

    /// An encoder for events recorded at `recordedAt` (the transaction's clock, as text).
    init(recordedAt: String) {
        var member = Array(#"","recordedAt":"#.utf8)
        member.append(UInt8(ascii: "\""))
        member.append(contentsOf: recordedAt.utf8)
        member.append(UInt8(ascii: "\""))
        recordedAtMember = member
    }

    /// Replaces `out` with the stored bytes of `request` recorded at (`seq`, `version`) after
    /// `prevHash` by `recordedBy` (none for a ledger's own tests of older events), and
    /// returns the event's hash.
    func encode(
        _ request: AppendRequest, recordedBy: RecordedBy?, seq: UInt64, version: Int64, prevHash: [UInt8],
        into out: inout [UInt8]
    ) -> [UInt8] {
        precondition(prevHash.count == 32 && seq >= 1 && version >= 0)
        let template = request.template
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(template.bytes.count + Self.hashFieldSize + 64 + recordedAtMember.count + 128)
        template.bytes.withUnsafeBufferPointer { t in
            out.append(contentsOf: t[..<template.hashAt])
            // The hash field's place, filled in once the rest is hashed around it.
            out.append(contentsOf: Self.hashFieldPrefix)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 64))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: t[template.hashAt..<template.prevHashAt])
            Hex.append(prevHash, to: &out)
            out.append(contentsOf: recordedAtMember)
            if let recordedBy {
                // Kind and name are IDs of the contract's form: nothing to escape.
                out.append(contentsOf: Self.recordedByPrefix)
                out.append(contentsOf: recordedBy.kind.rawValue.utf8)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: recordedBy.name.utf8)
                out.append(UInt8(ascii: "\""))
            }
            out.append(contentsOf: Self.seqPrefix)
            Self.appendDecimal(seq, to: &out)
            out.append(contentsOf: t[template.prevHashAt...])
        }
        Self.appendDecimal(UInt64(version), to: &out)
        out.append(UInt8(ascii: "}"))

        let hashField = template.hashAt
        let digest = prevHash.withUnsafeBytes { previous in
            out.withUnsafeBytes { bytes in
                DirectSHA256.hash(
                    previous, UnsafeRawBufferPointer(rebasing: bytes[..<hashField]),
                    UnsafeRawBufferPointer(rebasing: bytes[(hashField + Self.hashFieldSize)...]))
            }
        }
        // Copied out as one buffer: `Array(digest)` grows element by element (several
        // allocations per event).
        let hash = digest.withUnsafeBytes { Array($0) }
        out.withUnsafeMutableBufferPointer { out in Hex.write(hash, to: out, at: hashField + 9) }
        // The pair of `RecordedEvent(decoding:)`: the bytes about to be put are one object,
        // the hash spliced in exactly where the hasher skipped it.
        assert(out.first == UInt8(ascii: "{") && out.last == UInt8(ascii: "}"), "a recorded event is one JSON object")
        assert(out[hashField..<(hashField + 9)].elementsEqual(Self.hashFieldPrefix), "the hash member is where the hasher skipped it")
        assert(out[hashField + 9 + 64] == UInt8(ascii: "\""), "the hash is 64 hex digits")
        return hash
    }

    /// Appends `value` in decimal, as ECMAScript (and so RFC 8785) prints an integer.
    private static func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64.max's 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var value = value
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            } while value != 0
            out.append(contentsOf: buffer[i...])
        }
    }

    /// `SHA-256(prevHash bytes ‖ JCS(recorded event without hash))`.
    static func chainHash(prevHash: [UInt8], canonicalWithoutHash: [UInt8]) -> [UInt8] {
        let digest = prevHash.withUnsafeBytes { previous in
            canonicalWithoutHash.withUnsafeBytes { DirectSHA256.hash(previous, $0) }
        }
        return digest.withUnsafeBytes { Array($0) }
    }
}
