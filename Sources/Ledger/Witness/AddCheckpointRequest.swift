/// The body of a tlog-witness `add-checkpoint` request (VERIFIABLE_LOG.md §5): `old <size>`,
/// at most 63 base64 consistency-proof hashes, an empty line, then the signed checkpoint.
public struct AddCheckpointRequest: Sendable, Equatable {
    public static let maximumProof = 63

    public var oldSize: UInt64
    public var proof: [MerkleHash]
    public var checkpoint: SignedNote

    public init(oldSize: UInt64, proof: [MerkleHash], checkpoint: SignedNote) {
        self.oldSize = oldSize
        self.proof = proof
        self.checkpoint = checkpoint
    }

    public var body: String {
        "old \(oldSize)\n" + proof.map { $0.base64 + "\n" }.joined() + "\n" + checkpoint.serialized
    }

    public init(parsing body: String) throws(NoteError) {
        guard let blank = body.range(of: "\n\n") else { throw NoteError("the request has no empty line before the checkpoint") }
        let head = body[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = head.first, first.hasPrefix("old "), let old = UInt64(first.dropFirst(4)), String(old) == first.dropFirst(4)
        else { throw NoteError("the first line is not old <size>") }
        guard head.count - 1 <= Self.maximumProof else { throw NoteError("a consistency proof has at most \(Self.maximumProof) hashes") }
        var proof: [MerkleHash] = []
        for line in head.dropFirst() {
            guard let bytes = Base64.decode(line), let hash = MerkleHash(bytes) else { throw NoteError("a proof line is not a base64 hash") }
            proof.append(hash)
        }
        self.init(oldSize: old, proof: proof, checkpoint: try SignedNote(parsing: String(body[blank.upperBound...])))
    }
}
