import Foundation
import Ledger

/// One case's events with an offline proof for each against one checkpoint, the keys to
/// check them with and a README for the recipient: what `ledgerd audit-pack` writes into a
/// directory and `GET /cases/{id}/audit-pack` sends as a tar archive. It holds nothing of
/// any other case.
struct AuditPack {
    /// Relative path and contents of each file, in the order written.
    private(set) var files: [(path: String, bytes: [UInt8])] = []
    let caseId: String
    let events: Int
    let checkpoint: Checkpoint

    /// The pack of case `caseId` against `note` (a checkpoint `ledger` signed, with whatever
    /// cosignatures it carries). Throws `Missing` when the ledger has no such case.
    init(ledger: Ledger, caseId: String, note: SignedNote, logKey: NoteVerifier, witnessKeys: [NoteVerifier]) throws {
        guard let stream = StreamName(parsing: StreamKind.case.prefix + caseId) else { throw Missing(caseId: caseId) }
        guard try ledger.version(of: stream) >= 0 else { throw Missing(caseId: caseId) }
        let head = try Checkpoint(text: note.text)
        var lines: [UInt8] = []
        var proofs: [(path: String, bytes: [UInt8])] = []
        try ledger.scan(stream: stream) { bytes in
            let event = try RecordedEvent(decoding: bytes)
            // Events after the checkpoint are not in its tree; the stream is in seq order.
            guard event.seq <= head.size else { return false }
            guard let proof = try ledger.proof(of: event.seq, against: note) else {
                throw LedgerError.corrupt("seq \(event.seq) of case \(caseId) has no proof in the tree of \(head.size) events")
            }
            lines += Array(bytes) + [0x0A]
            proofs.append(("proofs/\(event.seq).tlog-proof", Array(proof.text.utf8)))
            return true
        }
        self.caseId = caseId
        self.events = proofs.count
        self.checkpoint = head
        files.append(("case.ndjson", lines))
        files += proofs
        files.append(("log.vkey", Array((logKey.text + "\n").utf8)))
        if !witnessKeys.isEmpty {
            files.append(("witnesses.vkey", Array(witnessKeys.map { $0.text + "\n" }.joined().utf8)))
        }
        files.append(("checkpoint", Array(note.serialized.utf8)))
        files.append(("README.txt", Array(Self.readme(self, witnesses: witnessKeys.count).utf8)))
    }

    /// The ledger holds no case of that ID.
    struct Missing: Error, CustomStringConvertible {
        var caseId: String
        var description: String { "no case \(caseId)" }
    }

    /// Writes the pack into `directory`, which must not exist yet (a pack is never merged
    /// into an older one). Each file is written atomically and private (0600).
    func write(to directory: String) throws {
        guard !FileManager.default.fileExists(atPath: directory) else {
            throw CLIError(.refused, "\(directory) exists; an audit pack is written into a new directory")
        }
        try FileManager.default.createDirectory(
            atPath: directory + "/proofs", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for file in files { try AtomicFile.write(file.bytes, to: directory + "/" + file.path) }
    }

    /// The pack as a POSIX tar archive, every file under `audit-pack-<case>/`.
    func tar() throws -> [UInt8] {
        var archive = TarArchive()
        let root = "audit-pack-\(caseId)"
        try archive.addDirectory(root)
        try archive.addDirectory(root + "/proofs")
        for file in files { try archive.addFile(root + "/" + file.path, file.bytes) }
        return archive.finish()
    }

    private static func readme(_ pack: AuditPack, witnesses: Int) -> String {
        let witnessCheck =
            witnesses == 0
            ? ""
            : """

                witnesses.vkey    the verifier keys of the \(witnesses) witnesses the log submits its
                                  checkpoints to; add `--witness KEY` for each (and `--quorum K`) to
                                  require their cosignatures on the checkpoint

            """
        return """
            Audit pack: case \(pack.caseId), \(pack.events) recorded events, from the log \(pack.checkpoint.origin)

            case.ndjson       the case's events exactly as the ledger recorded them, one per line
            proofs/SEQ.tlog-proof
                              for each event, a c2sp.org/tlog-proof@v1 file: the event, its place in
                              the log's Merkle tree (RFC 6962), and the log's signed checkpoint of
                              \(pack.checkpoint.size) events that the proof leads to
            checkpoint        that signed checkpoint, with the witnesses' cosignatures it carries
            log.vkey          the log's verifier key; obtain it from the authority independently too,
                              and check it is the same
            \(witnessCheck)
            Check every proof (Python 3 with the `cryptography` package; no ledgerd code):

                for f in proofs/*.tlog-proof; do python3 verify_proof.py "$f" --vkey log.vkey || echo "FAILED: $f"; done

            A proof that verifies shows the event is in the log the key signed, unaltered, at
            that position; it shows nothing of any other child's record. Keep the checkpoint: a
            later checkpoint of the same log must be consistent with it (`ledgerd verify
            --checkpoint`, or a witness), or the log's history was rewritten.

            """
    }
}
