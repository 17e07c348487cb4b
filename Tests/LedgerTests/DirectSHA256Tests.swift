import Crypto
import Testing

@testable import Ledger

/// `DirectSHA256` calls BoringSSL past swift-crypto's API, so it is held to swift-crypto's
/// own digest: known answers, every split of a message into three parts, and random messages
/// of every length a block boundary can fall in (including none).
@Suite struct DirectSHA256Tests {
    static func reference(_ parts: [UInt8]...) -> [UInt8] {
        var hasher = SHA256()
        for part in parts { hasher.update(data: part) }
        return Array(hasher.finalize())
    }

    @Test func knownAnswers() {
        let empty = [UInt8]().withUnsafeBytes { DirectSHA256.hash($0) }
        #expect(empty.bytes == Hex.decodeHash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        let abc = Array("abc".utf8).withUnsafeBytes { DirectSHA256.hash($0) }
        #expect(abc.bytes == Hex.decodeHash("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    }

    @Test func everySplitAndLengthAgreesWithSwiftCrypto() {
        var generator = SystemRandomNumberGenerator()
        for length in Array(0...130) + [447, 448, 511, 512, 800, 1_000, 4_096, 65_535] {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Self.reference(message)
            // Whole, and cut at random points into three parts (some empty).
            let cuts = [0, length].map { _ in Int.random(in: 0...length, using: &generator) }.sorted()
            let (a, b, c) = (Array(message[..<cuts[0]]), Array(message[cuts[0]..<cuts[1]]), Array(message[cuts[1]...]))
            let whole = message.withUnsafeBytes { DirectSHA256.hash($0) }
            let split = a.withUnsafeBytes { a in b.withUnsafeBytes { b in c.withUnsafeBytes { c in DirectSHA256.hash(a, b, c) } } }
            #expect(whole.bytes == expected, "length \(length)")
            #expect(split.bytes == expected, "length \(length) cut at \(cuts)")
            let prefix = UInt8.random(in: 0...255, using: &generator)
            #expect(message.withUnsafeBytes { DirectSHA256.hash(prefix: prefix, $0) }.bytes == Self.reference([prefix], message))
        }
    }

    /// RFC 6962's leaf and node hashes, as the tree computes them.
    @Test func leavesAndNodesAreRFC6962s() {
        let entry = Array(#"{"seq":1}"#.utf8)
        let leaf = entry.withUnsafeBytes { MerkleHash.leaf($0) }
        #expect(leaf.bytes == Self.reference([0x00], entry))
        let other = MerkleHash.leaf(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(other.bytes == Self.reference([0x00]))
        #expect(MerkleHash.node(leaf, other).bytes == Self.reference([0x01], leaf.bytes, other.bytes))
    }
}
