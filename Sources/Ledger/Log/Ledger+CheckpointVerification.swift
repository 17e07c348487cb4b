/// The stored checkpoints, held to the log by `verify`: what the log signed and serves must
/// be what its tree is, and must verify for everyone who checks it with the log's key.
extension Ledger {
    /// What the check of the stored checkpoints proved.
    public struct CheckpointReport: Sendable, Equatable {
        /// Checkpoints checked: every one stored.
        public var checkpoints: Int
        /// The newest one's size, if any is stored.
        public var newestSize: UInt64?
        /// Whether the lines in the log key's name were verified (the key was known).
        public var signaturesChecked: Bool
    }

    /// Checks every stored checkpoint: it is the checkpoint of the size it is stored under,
    /// all are of one origin (`logKey`'s name, when given), each root is the tree's at that
    /// size, and, with `logKey`, each carries the log's signature and every line in that key's
    /// name verifies (one that did not would make every verifier reject that checkpoint and
    /// every proof made with it). Throws `VerificationFailure` naming the size.
    public func verifyStoredCheckpoints(logKey: NoteVerifier?) throws -> CheckpointReport {
        try withTree { proofs, head, txn in
            var report = CheckpointReport(checkpoints: 0, newestSize: nil, signaturesChecked: logKey != nil)
            var origin = logKey?.name
            try txn.forEach(store.checkpoints) { key, value in
                let size = try Keys.decodeSeq(key)
                func failure(_ reason: String) -> VerificationFailure {
                    VerificationFailure(seq: 0, reason: "the stored checkpoint of \(size) events \(reason)")
                }
                let note: SignedNote
                let checkpoint: Checkpoint
                do {
                    note = try SignedNote(parsing: String(decoding: value, as: UTF8.self))
                    checkpoint = try Checkpoint(text: note.text)
                } catch {
                    throw failure("is not a signed checkpoint: \(error)")
                }
                guard checkpoint.size == size else { throw failure("says \(checkpoint.size) events") }
                if let origin, checkpoint.origin != origin { throw failure("is of \(checkpoint.origin), not \(origin)") }
                origin = checkpoint.origin
                guard size <= head else { throw failure("is past the log's \(head) events") }
                guard try proofs.root(size: Int64(size)) == checkpoint.root else {
                    throw failure("has another root than the tree's: what it covers was rewritten, or the checkpoint was")
                }
                if let logKey {
                    do {
                        guard try note.isSigned(by: logKey) else { throw failure("has no signature by \(logKey.name)") }
                    } catch let error as NoteError {
                        throw failure("fails every verifier: \(error)")
                    }
                }
                report.checkpoints += 1
                report.newestSize = size
            }
            return report
        }
    }
}
