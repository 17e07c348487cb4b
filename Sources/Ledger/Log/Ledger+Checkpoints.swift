import Foundation

/// Signed checkpoints of the log (VERIFIABLE_LOG.md §3): one per tree size the log signs,
/// each kept, and never two the log knows to be inconsistent.
extension Ledger {
    /// Signing refused: the log no longer extends what its key signed before.
    public struct SigningRefused: Error, Sendable, CustomStringConvertible {
        /// Why: the checkpoint that would be signed does not extend the last one signed.
        public var description: String
    }

    /// The stored checkpoint of `size` (with its cosignatures), if the log signed one.
    public func checkpoint(size: UInt64) throws -> SignedNote? {
        try environment.read { txn in
            guard let bytes = try txn.get(store.checkpoints, Keys.seq(size)) else { return nil }
            return try SignedNote(parsing: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The newest stored checkpoint.
    public func latestCheckpoint() throws -> SignedNote? {
        try environment.read { txn in
            try txn.withCursor(store.checkpoints) { cursor in
                try cursor.last().map { try SignedNote(parsing: String(decoding: $0.value, as: UTF8.self)) }
            }
        }
    }

    /// Stores `note` (a checkpoint of this log, perhaps with more cosignatures) for its size.
    public func store(checkpoint note: SignedNote) throws {
        let head = try Checkpoint(text: note.text)
        try environment.write { txn in
            try txn.put(store.checkpoints, Keys.seq(head.size), Array(note.serialized.utf8))
        }
    }

    /// Adds the signature lines of `note` (a checkpoint this log stored) to the stored one,
    /// reading and writing in one transaction so that cosignatures arriving together from
    /// several witnesses are all kept.
    public func addCosignatures(_ note: SignedNote) throws {
        let head = try Checkpoint(text: note.text)
        try environment.write { txn in
            guard let bytes = try txn.get(store.checkpoints, Keys.seq(head.size)) else {
                throw LedgerError.corrupt("no stored checkpoint of size \(head.size) to add cosignatures to")
            }
            var stored = try SignedNote(parsing: String(decoding: bytes, as: UTF8.self))
            guard stored.text == note.text else { throw LedgerError.corrupt("the stored checkpoint of size \(head.size) is another") }
            stored.merge(note)
            try txn.put(store.checkpoints, Keys.seq(head.size), Array(stored.serialized.utf8))
        }
    }

    /// The checkpoint of the log's current size signed by `signer`: the stored one if the
    /// size was signed before, else a new signature.
    ///
    /// `record` is the file beside the key that holds the last checkpoint the key signed.
    /// Before signing, the tree must extend it (its root at that size is that root);
    /// otherwise, e.g. a data directory restored from an older backup while the key's record
    /// was not, signing is refused: the key must never sign two inconsistent trees.
    public func signCheckpoint(with signer: NoteSigner, record: String) throws -> SignedNote {
        // One signer at a time per key (the daemon and a CLI may both sign): the record's
        // check and update must not interleave, or it could step back.
        let lock = open(record + ".lock", O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw FileIO.Failure(operation: "open \(record).lock", code: errno) }
        defer { close(lock) }
        try FileIO.lockExclusively(lock, "lock \(record).lock")
        let (size, root) = try treeHead()
        if let stored = try checkpoint(size: size), try stored.isSigned(by: signer.verifier) { return stored }
        if let bytes = try AtomicFile.read(record) {
            let last = try SignedNote(parsing: String(decoding: bytes, as: UTF8.self))
            let signed = try Checkpoint(text: last.text)
            guard signed.origin == signer.name else {
                throw SigningRefused(description: "\(record) holds a checkpoint of \(signed.origin), not of \(signer.name)")
            }
            guard signed.size <= size else {
                throw SigningRefused(
                    description: "refusing to sign: the key signed a tree of \(signed.size) events (\(record)), but this log has only \(size); "
                        + "was the data directory restored from an older backup?")
            }
            guard try treeHead(size: signed.size).root == signed.root else {
                throw SigningRefused(
                    description: "refusing to sign: this log's tree at \(signed.size) events is not the one the key signed (\(record)); "
                        + "the history was rewritten")
            }
        }
        var note = SignedNote(text: Checkpoint(origin: signer.name, size: size, root: root).text)
        try note.sign(with: signer)
        // Recorded beside the key before anything can rely on it.
        try AtomicFile.write(Array(note.serialized.utf8), to: record)
        try store(checkpoint: note)
        return note
    }
}
