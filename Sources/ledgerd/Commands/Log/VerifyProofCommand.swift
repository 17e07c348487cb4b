import ArgumentParser
import Foundation
import Ledger

struct VerifyProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check an offline inclusion proof (c2sp.org/tlog-proof@v1) against the log's verifier key, without the log.",
        discussion: "Exit 0 printing what was proved, or 5 naming what does not hold. Needs no data directory.")

    @Argument(help: "The .tlog-proof file, or - for standard input.")
    var file: String

    @Option(help: ArgumentHelp("The log's verifier key, or a file whose last line is it.", valueName: "vkey"))
    var vkey: String

    @Option(help: ArgumentHelp("A witness's verifier key (repeatable).", valueName: "vkey"))
    var witness: [String] = []

    @Option(help: "How many of the witnesses must have cosigned (default: all given).")
    var quorum: Int?

    func run() async throws {
        try await reportingErrors {
            let log = try Self.verifier(vkey, "--vkey")
            let witnesses = try witness.map { try Self.verifier($0, "--witness") }
            guard let text = try AtomicFile.read(file == "-" ? "/dev/stdin" : file) else { throw CLIError(.storage, "no file \(file)") }
            do {
                let proof = try TLogProof(parsing: String(decoding: text, as: UTF8.self))
                let verified = try proof.verify(log: log, witnesses: witnesses, quorum: quorum ?? witnesses.count)
                try Output.say(
                    "verified: seq \(proof.index + 1) (index \(proof.index)) in \(verified.checkpoint.origin) tree size \(verified.checkpoint.size), "
                        + "root \(verified.checkpoint.root.base64), cosigned by \(verified.cosigners.count) of \(witnesses.count) witnesses")
            } catch let error as NoteError {
                throw CLIError(.verification, "the proof does not verify: \(error)")
            }
        }
    }

    /// A vkey given literally, or the last non-empty line of a file.
    static func verifier(_ text: String, _ option: String) throws -> NoteVerifier {
        var line = text
        if FileManager.default.fileExists(atPath: text), let bytes = try AtomicFile.read(text) {
            line = String(decoding: bytes, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        }
        do { return try NoteVerifier(parsing: line.trimmingCharacters(in: .whitespaces)) } catch { throw CLIError(.invalid, "\(option): \(error)") }
    }
}
