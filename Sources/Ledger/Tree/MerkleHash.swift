import Crypto

/// A node of the log's RFC 6962 Merkle tree (VERIFIABLE_LOG.md §1): SHA-256, with leaves
/// and interior nodes hashed under different prefixes so one can never pass for the other.
public struct MerkleHash: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// `bytes` must be 32 bytes long; anything else is nil.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self.bytes = Array(bytes)
    }

    private init(digest: SHA256.Digest) {
        bytes = digest.withUnsafeBytes { Array($0) }
        assert(bytes.count == 32, "SHA-256 digests are 32 bytes")
    }

    /// SHA-256 of nothing: the root of the empty tree.
    public static let empty = MerkleHash(digest: SHA256.hash(data: [UInt8]()))

    /// SHA-256(0x00 || entry): a leaf. The entry is the event's exported line, newline excluded.
    public static func leaf(_ entry: UnsafeRawBufferPointer) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(bufferPointer: entry)
        return MerkleHash(digest: hasher.finalize())
    }

    /// SHA-256(0x01 || left || right): an interior node.
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left.bytes)
        hasher.update(data: right.bytes)
        return MerkleHash(digest: hasher.finalize())
    }

    /// Standard base64 with padding, as checkpoints and proofs write hashes.
    public var base64: String { Base64.encode(bytes) }

    public var description: String { base64 }
}
