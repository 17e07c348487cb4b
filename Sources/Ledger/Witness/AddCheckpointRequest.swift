/// The body of a tlog-witness `add-checkpoint` request (VERIFIABLE_LOG.md §5): `old <size>`,
/// at most 63 base64 consistency-proof hashes, an empty line, then the signed checkpoint.
public struct AddCheckpointRequest: Sendable, Equatable {
    /// The most proof hashes a request may carry (a consistency proof of a 2^63 tree needs no more).
    public static let maximumProof = 63

    /// The tree size the witness last cosigned for this log (0 for none).
    public var oldSize: UInt64
    /// The consistency proof from `oldSize` to the checkpoint's size.
    public var proof: [MerkleHash]
    /// The log's new signed checkpoint, which the witness checks and cosigns.
    public var checkpoint: SignedNote

    /// A request of these parts (the log's side builds one to send).
    public init(oldSize: UInt64, proof: [MerkleHash], checkpoint: SignedNote) {
        self.oldSize = oldSize
        self.proof = proof
        self.checkpoint = checkpoint
    }

    /// The request body as c2sp.org/tlog-witness writes it.
    public var body: String {
        "old \(oldSize)\n" + proof.map { $0.base64 + "\n" }.joined() + "\n" + checkpoint.serialized
    }

    /// Parses a request body; throws `NoteError` naming what is malformed (a missing empty line,
    /// a bad `old` line, too many or malformed hashes, an unparseable checkpoint).
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
