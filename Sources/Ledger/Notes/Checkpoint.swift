/// A tree head as a C2SP checkpoint (VERIFIABLE_LOG.md §3): origin, size, base64 root.
public struct Checkpoint: Sendable, Equatable {
    /// The log's origin line: its name, which a verifier key must match.
    public var origin: String
    /// The tree size: how many events the checkpoint covers.
    public var size: UInt64
    /// The tree's root hash at that size.
    public var root: MerkleHash

    /// A checkpoint of `origin` at `size` with `root`.
    public init(origin: String, size: UInt64, root: MerkleHash) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// The note text: exactly three lines.
    public var text: String { "\(origin)\n\(size)\n\(root.base64)\n" }

    /// Reads a checkpoint from a note's text; nothing else may be in it.
    public init(text: String) throws(NoteError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 4, lines[3].isEmpty else { throw NoteError("a checkpoint is exactly three lines: origin, size, root") }
        guard !lines[0].isEmpty else { throw NoteError("a checkpoint's origin is empty") }
        guard let size = UInt64(lines[1]), String(size) == lines[1] else {
            throw NoteError("a checkpoint's size is a decimal without leading zeros, not \(lines[1])")
        }
        guard let bytes = Base64.decode(lines[2]), let root = MerkleHash(bytes) else {
            throw NoteError("a checkpoint's root is the base64 of 32 bytes, not \(lines[2])")
        }
        self.init(origin: String(lines[0]), size: size, root: root)
    }
}
