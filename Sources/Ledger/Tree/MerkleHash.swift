import Crypto

/// A node of the log's RFC 6962 Merkle tree (VERIFIABLE_LOG.md §1): SHA-256, with leaves
/// and interior nodes hashed under different prefixes so one can never pass for the other.
public struct MerkleHash: Sendable, Hashable, CustomStringConvertible {
    // Held inline, not as an array: an import hashes a million leaves and twice as many
    // nodes, and a heap allocation per hash was a visible part of its time.
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// `bytes` must be 32 bytes long; anything else is nil.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        Swift.withUnsafeMutableBytes(of: &storage) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
        }
    }

    /// A hash's length in bytes.
    static let byteCount = 32

    /// The 32 bytes of `buffer` from `offset` (which the caller has checked are there).
    init(copying buffer: UnsafeRawBufferPointer, at offset: Int) {
        precondition(offset >= 0 && offset + Self.byteCount <= buffer.count, "a hash within the buffer")
        Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + Self.byteCount)])) }
    }

    /// All zero bytes: a buffer to fill.
    static let zero = MerkleHash(storage: (0, 0, 0, 0))

    private init(storage: (UInt64, UInt64, UInt64, UInt64)) {
        self.storage = storage
    }

    /// Calls `body` with the 32 bytes to fill in place.
    mutating func withUnsafeMutableBytes<T>(_ body: (UnsafeMutableRawBufferPointer) throws -> T) rethrows -> T {
        try Swift.withUnsafeMutableBytes(of: &storage, body)
    }

    /// A SHA-256 digest, as a hash of the tree's kind.
    init(digest: SHA256.Digest) {
        digest.withUnsafeBytes { source in
            assert(source.count == 32, "SHA-256 digests are 32 bytes")
            Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
        }
    }

    /// Calls `body` with the 32 bytes, without copying them out.
    public func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// Whether the 32 bytes are equal (compared as four words).
    public static func == (a: MerkleHash, b: MerkleHash) -> Bool {
        a.storage.0 == b.storage.0 && a.storage.1 == b.storage.1 && a.storage.2 == b.storage.2 && a.storage.3 == b.storage.3
    }

    /// Hashes the 32 bytes, so hashes can key dictionaries and sets.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }

    /// SHA-256 of nothing: the root of the empty tree.
    public static let empty = MerkleHash(digest: SHA256.hash(data: [UInt8]()))

    /// SHA-256(0x00 || entry): a leaf. The entry is the event's exported line, newline excluded.
    public static func leaf(_ entry: UnsafeRawBufferPointer) -> MerkleHash {
        DirectSHA256.hash(prefix: 0x00, entry)
    }

    /// SHA-256(0x01 || left || right): an interior node.
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        DirectSHA256.node(left, right)
    }

    /// Standard base64 with padding, as checkpoints and proofs write hashes.
    public var base64: String { Base64.encode(bytes) }

    /// The base64 form, as notes and proofs write hashes.
    public var description: String { base64 }
}
