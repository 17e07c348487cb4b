import Foundation
import Ledger
import Testing

/// The verifiable log from the command line: a key made once, checkpoints signed and kept,
/// proofs that verify offline (with ledgerd and with the independent script), and a key that
/// refuses to sign a history that does not extend what it signed.
@Suite struct VerifiableLogCommandTests {
    private func ledger(_ dir: TemporaryDirectory, _ r: inout Requests, cases: Int) throws -> String {
        let data = dir.path + "/ledger"
        let lines = r.directory() + (0..<cases).map { r.caseOpened("c\($0)") }
        let imported = try LedgerdProcess.run(["import", "--data", data, try dir.write("seed.ndjson", lines)])
        try #require(imported.status == 0, "\(imported.stderr)")
        return data
    }

    @Test func proofsVerifyOfflineAndTamperingIsCaught() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = try ledger(dir, &r, cases: 30)
        let made = try LedgerdProcess.run(["keys", "init", "--data", data, "--origin", "ledger.example.gov.uk/early-help"])
        #expect(made.status == 0, "\(made.stderr)")
        let vkey = try #require(made.stdout.split(separator: "\n").last.map(String.init))
        #expect(vkey.hasPrefix("ledger.example.gov.uk/early-help+"))
        var status = stat()
        #expect(stat(data + "/log.key", &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(try LedgerdProcess.run(["keys", "init", "--data", data]).status == 3, "a second key must be refused")
        #expect(try LedgerdProcess.run(["checkpoint", "--data", data, "--vkey"]).stdout.split(separator: "\n").last.map(String.init) == vkey)

        let checkpoint = try LedgerdProcess.run(["checkpoint", "--data", data])
        let lines = checkpoint.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6 && lines[0] == "ledger.example.gov.uk/early-help" && lines[1] == "33" && lines[3].isEmpty, "\(checkpoint.stdout)")
        #expect(lines[4].hasPrefix("— ledger.example.gov.uk/early-help "))

        let proof = try LedgerdProcess.run(["prove", "12", "--data", data])
        #expect(proof.status == 0, "\(proof.stderr)")
        let file = try dir.write("12.tlog-proof", [String(proof.stdout.dropLast())])
        let verified = try LedgerdProcess.run(["verify-proof", file, "--vkey", vkey])
        #expect(verified.status == 0 && verified.stdout.contains("seq 12 (index 11)") && verified.stdout.contains("tree size 33"), "\(verified.stderr)")
        // The independent verifier agrees.
        let script = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_proof.py").path
        let python = try LedgerdProcess.shellOutput("python3", [script, file, "--vkey", vkey])
        #expect(python.status == 0 && python.output.contains("verified: seq 12 (index 11)"), "\(python.output)")

        // A changed event, a wrong index, another key: each refused, exit 5.
        let text = proof.stdout
        let otherKey = try LedgerdProcess.run(["keys", "init", "--data", data, "--signing-key", dir.path + "/other.key", "--origin", "ledger.example.gov.uk/early-help"])
        let otherVkey = try #require(otherKey.stdout.split(separator: "\n").last.map(String.init))
        let tampered: [(String, String)] = [
            (text.replacingOccurrences(of: "index 11\n", with: "index 12\n"), vkey),
            (text, otherVkey),
        ]
        for (i, (body, key)) in tampered.enumerated() {
            let path = try dir.write("bad\(i).tlog-proof", [String(body.dropLast())])
            let result = try LedgerdProcess.run(["verify-proof", path, "--vkey", key])
            #expect(result.status == 5, "case \(i): \(result.stdout) \(result.stderr)")
        }

        let consistency = try LedgerdProcess.run(["prove", "--data", data, "--consistency", "5", "33"])
        #expect(consistency.status == 0 && consistency.stdout.split(separator: "\n").allSatisfy { Base64.decode($0)?.count == 32 })
        #expect(try LedgerdProcess.run(["prove", "99", "--data", data]).status == 3)
    }

    @Test func theIndependentVerifierPassesItsOwnSelfTest() throws {
        let script = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_proof.py").path
        let run = try LedgerdProcess.shellOutput("python3", [script, "--self-test"])
        #expect(run.status == 0 && run.output.contains(" 0 failed"), "\(run.output.suffix(2000))")
    }

    @Test func anAuditPackProvesOneChildsRecordAndShowsNoOther() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = try ledger(dir, &r, cases: 6)
        let more = try dir.write("more.ndjson", [r.consent("c2"), r.consent("c3"), r.consent("c2")])
        #expect(try LedgerdProcess.run(["append", "--data", data, more]).status == 0)
        let out = dir.path + "/pack"
        let packed = try LedgerdProcess.run(["audit-pack", "c2", "--data", data, "--out", out])
        #expect(packed.status == 0 && packed.stdout.contains("3 events of case c2"), "\(packed.stderr)")
        let events = try String(contentsOfFile: out + "/case.ndjson", encoding: .utf8).split(separator: "\n")
        #expect(events.count == 3 && events.allSatisfy { $0.contains(#""stream":"case-c2""#) })
        let proofs = try FileManager.default.contentsOfDirectory(atPath: out + "/proofs")
        #expect(proofs.count == 3)
        for proof in proofs {
            let result = try LedgerdProcess.run(["verify-proof", out + "/proofs/" + proof, "--vkey", out + "/log.vkey"])
            #expect(result.status == 0, "\(proof): \(result.stderr)")
            #expect(!(try String(contentsOfFile: out + "/proofs/" + proof, encoding: .utf8)).contains("case-c3"))
        }
        #expect(try String(contentsOfFile: out + "/README.txt", encoding: .utf8).contains("verify_proof.py"))
        #expect(try LedgerdProcess.run(["audit-pack", "c2", "--data", data, "--out", out]).status == 3, "an existing directory is refused")
        #expect(try LedgerdProcess.run(["audit-pack", "nobody", "--data", data, "--out", dir.path + "/p2"]).status == 3)
    }

    @Test func aKeyRefusesToSignAHistoryThatDoesNotExtendWhatItSigned() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = try ledger(dir, &r, cases: 5)
        let key = dir.path + "/keys/log.key"
        try FileManager.default.createDirectory(atPath: dir.path + "/keys", withIntermediateDirectories: true)
        let made = try LedgerdProcess.run(["keys", "init", "--data", data, "--signing-key", key, "--origin", "example.org/log"])
        #expect(made.status == 0)
        let vkeyText = try #require(made.stdout.split(separator: "\n").last.map(String.init))
        #expect(try LedgerdProcess.run(["checkpoint", "--data", data, "--signing-key", key]).status == 0)
        // A backup of the data directory, then more events, signed.
        let backup = dir.path + "/backup"
        try FileManager.default.copyItem(atPath: data, toPath: backup)
        let more = try dir.write("more.ndjson", [r.caseOpened("m1"), r.caseOpened("m2")])
        #expect(try LedgerdProcess.run(["append", "--data", data, more]).status == 0)
        let signed = try LedgerdProcess.run(["checkpoint", "--data", data, "--signing-key", key])
        #expect(signed.stdout.contains("\n10\n"))
        let kept = try dir.write("kept.checkpoint", [String(signed.stdout.dropLast())])
        #expect(try LedgerdProcess.run(["verify", "--data", data, "--signing-key", key, "--checkpoint", kept]).status == 0)
        // Without the log's key a checker names what it needs and makes no key of its own.
        let keyless = try LedgerdProcess.run(["verify", "--data", data, "--checkpoint", kept])
        #expect(keyless.status == 2 && keyless.stderr.contains("give --vkey"), "\(keyless.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data + "/log.key"), "verify made a key")
        let vkey = try dir.write("log.vkey", [vkeyText])
        #expect(try LedgerdProcess.run(["verify", "--data", data, "--vkey", vkey, "--checkpoint", kept]).status == 0)

        // The backup restored while the key's record was not: it shows what it signed then,
        // and signs nothing new.
        let restored = try LedgerdProcess.run(["checkpoint", "--data", backup, "--signing-key", key])
        #expect(restored.status == 0 && restored.stdout.contains("\n8\n"), "\(restored.stderr)")
        // One more event there: shorter than what the key signed, so refused.
        let one = try dir.write("one.ndjson", [r.caseOpened("y1")])
        #expect(try LedgerdProcess.run(["append", "--data", backup, one]).status == 0)
        let shorter = try LedgerdProcess.run(["checkpoint", "--data", backup, "--signing-key", key])
        #expect(shorter.status == 5 && shorter.stderr.contains("restored from an older backup"), "\(shorter.stderr)")
        // The restored ledger appends other events past the signed size: a fork, refused.
        let other = try dir.write("other.ndjson", [r.caseOpened("x1"), r.caseOpened("x2")])
        #expect(try LedgerdProcess.run(["append", "--data", backup, other]).status == 0)
        let fork = try LedgerdProcess.run(["checkpoint", "--data", backup, "--signing-key", key])
        #expect(fork.status == 5 && fork.stderr.contains("history was rewritten"), "\(fork.stderr)")
        // An auditor holding the kept checkpoint sees the fork too.
        let audit = try LedgerdProcess.run(["verify", "--data", backup, "--signing-key", key, "--checkpoint", kept])
        #expect(audit.status == 5 && audit.stderr.contains("history was rewritten"), "\(audit.stderr)")
        // The true ledger still signs.
        #expect(try LedgerdProcess.run(["checkpoint", "--data", data, "--signing-key", key]).status == 0)
    }

    /// `verify` holds every stored checkpoint, which the daemon serves and proofs carry, to
    /// the tree and to the log's key: a root that is not the tree's, or a line in the log
    /// key's name that does not verify (what a witness could once add, and what would make
    /// every verifier reject the checkpoint), is a failed verification naming the size.
    @Test func verifyHoldsTheStoredCheckpointsToTheTreeAndTheKey() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = try ledger(dir, &r, cases: 3)
        #expect(try LedgerdProcess.run(["keys", "init", "--data", data, "--origin", "example.org/log"]).status == 0)
        let signed = try LedgerdProcess.run(["checkpoint", "--data", data])
        let note = try SignedNote(parsing: signed.stdout)
        let size = try Checkpoint(text: note.text).size
        let good = try LedgerdProcess.run(["verify", "--data", data])
        #expect(
            good.status == 0
                && good.stdout.contains("checked 1 stored checkpoint (the newest of \(size) events): each is the tree's; their signatures by example.org/log verify"),
            "\(good.stdout) \(good.stderr)")
        let signer = try NoteSigner(parsing: try String(contentsOfFile: data + "/log.key", encoding: .utf8))

        // A line in the log key's name that does not verify.
        var forged = note.signatures
        forged.append(SignedNote.Signature(name: signer.name, keyID: signer.verifier.keyID, payload: Array(repeating: 7, count: 64)))
        try Self.store(SignedNote(text: note.text, signatures: forged), in: data)
        let poisoned = try LedgerdProcess.run(["verify", "--data", data])
        #expect(
            poisoned.status == 5 && poisoned.stderr.contains("the stored checkpoint of \(size) events fails every verifier"),
            "\(poisoned.status) \(poisoned.stderr)")

        // Properly signed, but not the tree's root.
        var other = SignedNote(text: Checkpoint(origin: signer.name, size: size, root: .empty).text)
        try other.sign(with: signer)
        try Self.store(other, in: data)
        let rewritten = try LedgerdProcess.run(["verify", "--data", data])
        #expect(rewritten.status == 5 && rewritten.stderr.contains("has another root than the tree's"), "\(rewritten.stderr)")

        // Put right again, and checked with a stranger's key of the same name: not the log's.
        try Self.store(note, in: data)
        #expect(try LedgerdProcess.run(["verify", "--data", data]).status == 0)
        let stranger = try NoteSigner(name: "example.org/log", type: .ed25519)
        let foreign = try LedgerdProcess.run(["verify", "--data", data, "--vkey", stranger.verifier.text])
        #expect(foreign.status == 5 && foreign.stderr.contains("has no signature by example.org/log"), "\(foreign.stderr)")
    }

    /// Stores `note` as the ledger's checkpoint of its size, replacing any (what a damaged or
    /// tampered store would hold).
    private static func store(_ note: SignedNote, in data: String) throws {
        try Ledger(path: data).store(checkpoint: note)
    }
}
