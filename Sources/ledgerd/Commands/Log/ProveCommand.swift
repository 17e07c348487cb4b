import ArgumentParser
import Ledger

struct ProveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print an offline inclusion proof of one event (c2sp.org/tlog-proof@v1), or a consistency proof.",
        discussion: """
            `prove SEQ` proves event SEQ against the latest checkpoint (signed now if needed) or, with \
            --tree-size N, against the checkpoint of size N. `prove --consistency OLD NEW` prints the \
            RFC 6962 consistency proof between two tree sizes, one base64 hash per line. Check a proof \
            with `ledgerd verify-proof` or scripts/verify_proof.py.
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var key: LogKeyOptions

    @Argument(help: "The event's seq.")
    var seq: UInt64?

    @Option(help: "Prove against the checkpoint of this tree size.")
    var treeSize: UInt64?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("OLD NEW: a consistency proof instead.", valueName: "size"))
    var consistency: [UInt64] = []

    func validate() throws {
        if consistency.isEmpty {
            guard let seq, seq >= 1 else { throw ValidationError("give the event's SEQ (≥ 1), or --consistency OLD NEW") }
        } else {
            guard consistency.count == 2, seq == nil, treeSize == nil else { throw ValidationError("--consistency takes OLD NEW and nothing else") }
            guard consistency[0] <= consistency[1] else { throw ValidationError("--consistency \(consistency[0]) \(consistency[1]): OLD is after NEW") }
        }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try data.openLedger()
            let output = Output(fd: 1)
            do {
                if consistency.count == 2 {
                    for hash in try ledger.consistencyProof(from: consistency[0], to: consistency[1]) { try output.line(hash.base64) }
                } else if let seq {
                    try output.write(try proof(of: seq, ledger).text)
                }
                try output.flush()
            } catch let error as Ledger.TreeSizeError {
                throw CLIError(.refused, error.description)
            } catch let refused as Ledger.SigningRefused {
                throw CLIError(.verification, refused.description)
            }
        }
    }

    private func proof(of seq: UInt64, _ ledger: Ledger) throws -> TLogProof {
        let note: SignedNote
        if let treeSize, treeSize != (try ledger.lastSeq()) {
            guard let stored = try ledger.checkpoint(size: treeSize) else {
                throw CLIError(.refused, "the log signed no checkpoint of size \(treeSize); `ledgerd checkpoint` signs the current size")
            }
            note = stored
        } else {
            let (signer, record) = try key.signer(in: data)
            note = try ledger.signCheckpoint(with: signer, record: record)
        }
        guard let proof = try ledger.proof(of: seq, against: note) else {
            throw CLIError(.refused, "seq \(seq) is not in the tree of \(try Checkpoint(text: note.text).size) events")
        }
        return proof
    }
}
