import ArgumentParser
import Foundation
import Ledger

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the hash chain and check the indexes agree with the log.",
        discussion: """
            Exit 0 and print the head, or exit 5 naming the first bad seq. With --file, verify an \
            export instead of the ledger. With --digest SEQ:HASH, also prove that event SEQ still \
            has that hash (the ledger holds that exact prefix). An export of part of the log \
            (export --from N) verifies only with --digest of seq N-1 or of one of its own: the \
            hash it follows cannot be proved from the file alone.
            """
    )

    @OptionGroup var options: DataOptions

    @Option(help: ArgumentHelp("Verify this NDJSON export instead of the ledger.", valueName: "export"))
    var file: String?

    @Option(help: ArgumentHelp("A digest kept earlier, as SEQ:HASH.", valueName: "seq:hash"))
    var digest: String?

    @Option(
        help: ArgumentHelp(
            "A signed checkpoint kept earlier: also prove the ledger's tree extends it (its root at that size).", valueName: "file"))
    var checkpoint: String?

    @Option(
        help: ArgumentHelp(
            "The log's verifier key, for --checkpoint and the stored checkpoints' signatures (default: this ledger's own key, if it has one).",
            valueName: "vkey"))
    var vkey: String?

    @OptionGroup var key: LogKeyOptions

    @OptionGroup var progress: ProgressOptions

    @Flag(name: .customLong("isolated-reader"), help: .hidden)
    var isolatedReader = false

    private var parsedDigest: (seq: UInt64, hash: String)? {
        guard let digest else { return nil }
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let seq = UInt64(parts[0]), seq >= 1, Hex.decodeHash(String(parts[1]).lowercased()) != nil
        else { return nil }
        return (seq, String(parts[1]).lowercased())
    }

    func validate() throws {
        if digest != nil, parsedDigest == nil {
            throw ValidationError("--digest must be SEQ:HASH (seq ≥ 1, 64 hex digits), got \(digest!)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            do {
                let report: (events: UInt64, head: UInt64, hash: String, recordedAt: String)
                var checkpointsLine: String?
                if let file {
                    report = try verifyExport(file)
                } else if isolatedReader {
                    let ledger = try options.openLedger()
                    // This child has the parent's standard error: on a terminal it shows how far it is.
                    let meter = progress.meter("verifying", total: try ledger.lastSeq())
                    defer { meter.finish() }
                    let reached: (UInt64) -> Void = { seq in
                        IsolatedReader.reached(seq)
                        meter.update(seq)
                    }
                    let r = try parsedDigest.map { try ledger.verify(digestSeq: $0.seq, hash: $0.hash, progress: reached) }
                        ?? ledger.verify(progress: reached)
                    meter.finish()
                    report = (r.events, r.events, r.headHash, r.headRecordedAt)
                    let logKey = try logVerifier()
                    checkpointsLine = try verifyStoredCheckpoints(ledger, logKey: logKey)
                    if let checkpoint { try verifyExtends(checkpoint, ledger, logKey: logKey) }
                } else {
                    // The data file is read in a child, so corruption that faults LMDB is a
                    // finding (exit 5), not a crash of the checker.
                    try options.requireExistingLedger()
                    let status = try IsolatedReader.runReporting(options.path, what: "verification failed")
                    if status != 0 { throw ExitCode(status) }
                    return
                }
                try Output.say("verified \(report.events) events; head seq \(report.head) hash \(report.hash) recordedAt \(report.recordedAt)")
                if let checkpointsLine { try Output.say(checkpointsLine) }
            } catch let failure as VerificationFailure {
                throw CLIError(.verification, failure.seq > 0 ? "verification failed at \(failure)" : "verification failed: \(failure.reason)")
            } catch LedgerError.corrupt(let what) {
                throw CLIError(.verification, "verification failed: the data file is corrupt: \(what)")
            }
        }
    }

    /// The log's verifier key: `--vkey`, else the ledger's own key file if it has one (not
    /// made here); nil when neither.
    private func logVerifier() throws -> NoteVerifier? {
        if let vkey { return try VerifyProofCommand.verifier(vkey, "--vkey") }
        guard FileManager.default.fileExists(atPath: key.path(in: options)) else { return nil }
        return try key.signer(in: options).signer.verifier
    }

    /// Every checkpoint the log stored and serves is its tree's, and, where the log's key is
    /// known, verifies under it. A line saying so, or nil when the log has signed none.
    private func verifyStoredCheckpoints(_ ledger: Ledger, logKey: NoteVerifier?) throws -> String? {
        let report = try ledger.verifyStoredCheckpoints(logKey: logKey)
        guard report.checkpoints > 0, let newest = report.newestSize else { return nil }
        let signatures = logKey.map { "their signatures by \($0.name) verify" } ?? "their signatures not checked (no log key here: give --vkey)"
        return "checked \(report.checkpoints) stored checkpoint\(report.checkpoints == 1 ? "" : "s") (the newest of \(newest) events): each is the tree's; \(signatures)"
    }

    /// The kept checkpoint is the log's, signed by its key, and the ledger's tree at its
    /// size has its root: nothing it covered was rewritten.
    private func verifyExtends(_ path: String, _ ledger: Ledger, logKey: NoteVerifier?) throws {
        guard let bytes = try AtomicFile.read(path) else { throw CLIError(.storage, "no checkpoint file \(path)") }
        // A checker makes no keys: a key made here would sign nothing the ledger holds, and
        // would leave a secret in a directory the auditor may only have been lent.
        guard let verifier = logKey else {
            throw CLIError(.invalid, "--checkpoint needs the log's key to check its signature: give --vkey (no key file at \(key.path(in: options)))")
        }
        do {
            let note = try SignedNote(parsing: String(decoding: bytes, as: UTF8.self))
            let kept = try Checkpoint(text: note.text)
            guard kept.origin == verifier.name, try note.isSigned(by: verifier) else {
                throw VerificationFailure(seq: 0, reason: "\(path) is not a checkpoint signed by \(verifier.name)")
            }
            let head = try ledger.treeHead()
            guard kept.size <= head.size else {
                throw VerificationFailure(seq: 0, reason: "the checkpoint covers \(kept.size) events; the ledger has only \(head.size)")
            }
            guard try ledger.treeHead(size: kept.size).root == kept.root else {
                throw VerificationFailure(seq: 0, reason: "the ledger's tree at \(kept.size) events is not the checkpoint's: history was rewritten")
            }
            try Output.say("consistent with the checkpoint of \(kept.size) events (\(kept.origin), root \(kept.root.base64))")
        } catch let error as NoteError {
            throw VerificationFailure(seq: 0, reason: "\(path): \(error)")
        }
    }

    /// Verifies an export: the whole log from seq 1, or a part of it (an export `--from N`)
    /// whose start a digest proves. A part's first event names the hash it follows, which
    /// the file itself cannot prove (a made-up part can be consistent with itself), so a part
    /// verifies only with `--digest` of the seq it follows or of one of its own: the chain
    /// commits every event to all before it.
    private func verifyExport(_ path: String) throws -> (events: UInt64, head: UInt64, hash: String, recordedAt: String) {
        let reader: NDJSONReader
        do { reader = try NDJSONReader(path: path) } catch { throw CLIError(.storage, error.localizedDescription) }
        var verifier = ChainVerifier()
        var started = false
        var follows: (seq: UInt64, hash: String)?
        var matched = parsedDigest == nil
        // The total is a count of the file's lines, made only if it will be shown.
        let meter = progress.meter("verifying", total: progress.showsProgress() ? LineCount.nonBlankLines(path) : nil)
        defer { meter.finish() }
        var done: UInt64 = 0
        while try reader.nextLine({ bytes -> Bool in
            if !started {
                // The first line says where the export starts: seq 1, or after a hash it follows.
                started = true
                verifier = try Self.verifier(startingWith: bytes, follows: &follows)
                if let d = parsedDigest, let follows, d.seq == follows.seq {
                    guard follows.hash == d.hash else {
                        throw VerificationFailure(seq: d.seq, reason: "the export follows hash \(follows.hash) at this seq, the digest says \(d.hash)")
                    }
                    matched = true
                }
            }
            let event = try verifier.check(bytes)
            done += 1
            meter.update(done)
            if let d = parsedDigest, event.seq == d.seq {
                guard event.hash == d.hash else {
                    throw VerificationFailure(seq: d.seq, reason: "hash is \(event.hash), the digest says \(d.hash)")
                }
                matched = true
            }
            return true
        }) != nil {}
        guard started else { throw VerificationFailure(seq: 0, reason: "\(path) holds no events: nothing was verified") }
        if let d = parsedDigest, !matched {
            if let follows, d.seq < follows.seq {
                throw VerificationFailure(seq: d.seq, reason: "the export starts after this seq, at \(follows.seq + 1)")
            }
            throw VerificationFailure(seq: d.seq, reason: "the export ends before this seq")
        }
        if let follows, parsedDigest == nil {
            throw VerificationFailure(
                seq: follows.seq + 1,
                reason: "the export starts here, after hash \(follows.hash) at seq \(follows.seq), which it cannot prove: "
                    + "verify it with --digest \(follows.seq):HASH (or a later seq's), a digest of this ledger kept earlier, or export from seq 1")
        }
        if let follows { try Output.say("the export holds seq \(follows.seq + 1)–\(verifier.seq), anchored by the digest") }
        return (done, verifier.seq, Hex.encode(verifier.hash), verifier.recordedAt)
    }

    /// The verifier for an export whose first line is `bytes`: from seq 1, or after the seq
    /// and hash its first event follows (then `follows` says which).
    private static func verifier(
        startingWith bytes: UnsafeRawBufferPointer, follows: inout (seq: UInt64, hash: String)?
    ) throws(VerificationFailure) -> ChainVerifier {
        let first: RecordedEvent
        do {
            first = try RecordedEvent(decoding: bytes)
        } catch {
            // Which seq it was meant to have is unknown: the chain's own check reports it, as
            // the log's first line.
            return ChainVerifier()
        }
        guard first.seq > 1 else { return ChainVerifier() }
        guard let previous = Hex.decodeHash(first.prevHash) else {
            throw VerificationFailure(seq: first.seq, reason: "prevHash is not a SHA-256 hash")
        }
        follows = (first.seq - 1, first.prevHash)
        return ChainVerifier(after: first.seq - 1, hash: previous)
    }
}
