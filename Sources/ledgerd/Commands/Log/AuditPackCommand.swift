import ArgumentParser
import Foundation
import Ledger

struct AuditPackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-pack",
        abstract: "Write one case's events with an offline proof for each, for a third party who sees no other child's record.",
        discussion: """
            DIR gets case.ndjson (the case's recorded events, as exported), proofs/SEQ.tlog-proof \
            (each event against one signed checkpoint), log.vkey, checkpoint, and README.txt saying \
            how to check them with scripts/verify_proof.py. DIR must not exist yet.
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var key: LogKeyOptions

    @Argument(help: "The case ID, with or without case-.")
    var caseId: String

    @Option(help: "The directory to write (created).")
    var out: String

    func run() async throws {
        try await reportingErrors {
            let bare = caseId.hasPrefix("case-") ? String(caseId.dropFirst(5)) : caseId
            guard let stream = StreamName(parsing: "case-" + bare) else { throw ValidationError("\(caseId) is not a case ID") }
            let ledger = try data.openLedger()
            guard try ledger.version(of: stream) >= 0 else { throw CLIError(.refused, "no case \(bare)") }
            let (signer, record) = try key.signer(in: data)
            let note: SignedNote
            do { note = try ledger.signCheckpoint(with: signer, record: record) } catch let refused as Ledger.SigningRefused {
                throw CLIError(.verification, refused.description)
            }
            let head = try Checkpoint(text: note.text)
            guard !FileManager.default.fileExists(atPath: out) else { throw CLIError(.refused, "\(out) exists; an audit pack is written into a new directory") }
            try FileManager.default.createDirectory(atPath: out + "/proofs", withIntermediateDirectories: true)
            var lines: [UInt8] = []
            var seqs: [UInt64] = []
            try ledger.scan(stream: stream) { bytes in
                let event = try RecordedEvent(decoding: bytes)
                guard event.seq <= head.size else { return false }
                lines += Array(bytes) + [0x0A]
                guard let proof = try ledger.proof(of: event.seq, against: note) else { return false }
                try AtomicFile.write(Array(proof.text.utf8), to: "\(out)/proofs/\(event.seq).tlog-proof")
                seqs.append(event.seq)
                return true
            }
            try AtomicFile.write(lines, to: out + "/case.ndjson")
            try AtomicFile.write(Array((signer.verifier.text + "\n").utf8), to: out + "/log.vkey")
            try AtomicFile.write(Array(note.serialized.utf8), to: out + "/checkpoint")
            try AtomicFile.write(Array(Self.readme(case: bare, origin: head.origin, size: head.size, events: seqs.count).utf8), to: out + "/README.txt")
            try Output.say("wrote \(seqs.count) events of case \(bare) with their proofs against \(head.origin) at tree size \(head.size) to \(out)")
        }
    }

    static func readme(case caseId: String, origin: String, size: UInt64, events: Int) -> String {
        """
        Audit pack: case \(caseId), \(events) recorded events, from the log \(origin)

        case.ndjson       the case's events exactly as the ledger recorded them, one per line
        proofs/SEQ.tlog-proof
                          for each event, a c2sp.org/tlog-proof@v1 file: the event, its place in
                          the log's Merkle tree (RFC 6962), and the log's signed checkpoint of
                          \(size) events that the proof leads to
        checkpoint        that signed checkpoint
        log.vkey          the log's verifier key; obtain it from the authority independently too,
                          and check it is the same

        Check every proof (Python 3 with the `cryptography` package; no ledgerd code):

            for f in proofs/*.tlog-proof; do python3 verify_proof.py "$f" --vkey log.vkey || echo "FAILED: $f"; done

        A proof that verifies shows the event is in the log the key signed, unaltered, at
        that position; it shows nothing of any other child's record. Keep the checkpoint: a
        later checkpoint of the same log must be consistent with it (`ledgerd verify
        --checkpoint`, or a witness), or the log's history was rewritten.

        """
    }
}
