/// An offline inclusion proof, `c2sp.org/tlog-proof@v1` (VERIFIABLE_LOG.md §6): the event
/// (optional, unauthenticated), its leaf index, the audit path, and the signed checkpoint
/// the path leads to. Anyone holding the log's vkey can check it without the log.
public struct TLogProof: Sendable, Equatable {
    /// The proof's first line: the format and its version.
    public static let header = "c2sp.org/tlog-proof@v1"

    /// The event itself, if included: unauthenticated until `verify` checks it against the path.
    public var extra: [UInt8]?
    /// The event's leaf index: its seq minus 1.
    public var index: UInt64
    /// The audit path from the event's leaf to the checkpoint's root.
    public var path: [MerkleHash]
    /// The signed checkpoint, verbatim.
    public var checkpoint: String

    /// A proof of these parts.
    public init(extra: [UInt8]?, index: UInt64, path: [MerkleHash], checkpoint: String) {
        self.extra = extra
        self.index = index
        self.path = path
        self.checkpoint = checkpoint
    }

    /// The proof file's text: the header, the optional `extra` line, the index, the path,
    /// an empty line, then the checkpoint.
    public var text: String {
        var out = Self.header + "\n"
        if let extra { out += "extra \(Base64.encode(extra))\n" }
        out += "index \(index)\n"
        for hash in path { out += hash.base64 + "\n" }
        return out + "\n" + checkpoint
    }

    /// Parses a proof file's text; throws `NoteError` naming what is malformed.
    public init(parsing text: String) throws(NoteError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(Self.header) else { throw NoteError("the first line is not \(Self.header)") }
        var extra: [UInt8]?
        if let line = lines.first, line.hasPrefix("extra ") {
            guard let bytes = Base64.decode(line.dropFirst(6)) else { throw NoteError("the extra line is not base64") }
            extra = bytes
            lines.removeFirst()
        }
        guard let line = lines.popFirst(), line.hasPrefix("index "), let index = UInt64(line.dropFirst(6)),
            String(index) == line.dropFirst(6)
        else { throw NoteError("the index line is missing or not a decimal") }
        var path: [MerkleHash] = []
        while let line = lines.popFirst(), !line.isEmpty {
            guard let bytes = Base64.decode(line), let hash = MerkleHash(bytes) else { throw NoteError("a proof line is not a base64 hash: \(line.prefix(60))") }
            guard path.count < 64 else { throw NoteError("a proof has at most 63 hashes") }
            path.append(hash)
        }
        let checkpoint = lines.joined(separator: "\n")
        guard !checkpoint.isEmpty else { throw NoteError("the signed checkpoint is missing") }
        self.init(extra: extra, index: index, path: path, checkpoint: checkpoint)
    }

    /// What a verification proved.
    public struct Verified: Sendable {
        /// The checkpoint the path was checked against, its signature verified.
        public var checkpoint: Checkpoint
        /// The witnesses whose cosignatures on it were verified.
        public var cosigners: [String]
    }

    /// Checks the proof for `entry` (default: `extra`) against the log's key and at least
    /// `quorum` of `witnesses`; throws naming the first thing that does not hold.
    public func verify(entry: [UInt8]? = nil, log: NoteVerifier, witnesses: [NoteVerifier] = [], quorum: Int = 0) throws(NoteError) -> Verified {
        guard let entry = entry ?? extra else { throw NoteError("no event to check: the proof has no extra line and none was given") }
        if let extra, extra != entry { throw NoteError("the event given is not the proof's extra event") }
        let note = try SignedNote(parsing: checkpoint)
        let head = try Checkpoint(text: note.text)
        guard head.origin == log.name else { throw NoteError("the checkpoint is of \(head.origin), not of the log \(log.name)") }
        guard try note.isSigned(by: log) else { throw NoteError("the checkpoint is not signed by \(log.name)") }
        var cosigners: [String] = []
        for witness in witnesses where try note.isCosigned(by: witness) { cosigners.append(witness.name) }
        guard cosigners.count >= quorum else {
            throw NoteError("cosigned by \(cosigners.count) of the \(witnesses.count) witnesses given; the quorum is \(quorum)")
        }
        guard index < head.size else { throw NoteError("index \(index) is not in a tree of \(head.size)") }
        let leaf = entry.withUnsafeBytes { MerkleHash.leaf($0) }
        guard TreeVerification.root(leaf: leaf, index: Int64(index), size: Int64(head.size), proof: path) == head.root else {
            throw NoteError("the inclusion proof does not lead to the checkpoint's root")
        }
        return Verified(checkpoint: head, cosigners: cosigners)
    }
}
