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

    @Option(help: ArgumentHelp("The daemon's witness policy: include its witnesses' verifier keys.", valueName: "file"))
    var witnessPolicy: String?

    func run() async throws {
        try await reportingErrors {
            let bare = caseId.hasPrefix("case-") ? String(caseId.dropFirst(5)) : caseId
            guard let stream = StreamName(parsing: "case-" + bare) else { throw ValidationError("\(caseId) is not a case ID") }
            let witnesses = try witnessPolicy.map { try WitnessPolicy(reading: $0) }?.witnesses.map(\.verifier) ?? []
            let ledger = try data.openLedger()
            guard try ledger.version(of: stream) >= 0 else { throw CLIError(.refused, "no case \(bare)") }
            guard !FileManager.default.fileExists(atPath: out) else {
                throw CLIError(.refused, "\(out) exists; an audit pack is written into a new directory")
            }
            let (signer, record) = try key.signer(in: data)
            let note: SignedNote
            do { note = try ledger.signCheckpoint(with: signer, record: record) } catch let refused as Ledger.SigningRefused {
                throw CLIError(.verification, refused.description)
            }
            let pack = try AuditPack(ledger: ledger, caseId: bare, note: note, logKey: signer.verifier, witnessKeys: witnesses)
            try pack.write(to: out)
            try Output.say(
                "wrote \(pack.events) events of case \(bare) with their proofs against \(pack.checkpoint.origin) "
                    + "at tree size \(pack.checkpoint.size) to \(out)")
        }
    }
}
