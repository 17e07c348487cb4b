import Foundation

/// A witness (c2sp.org/tlog-witness, VERIFIABLE_LOG.md §5): for each log it is configured
/// for, the latest checkpoint it cosigned, kept in an LMDB environment of its own; it
/// cosigns a new one only if it is signed by that log's key and provably extends the one it
/// holds, checked and stored in one durable transaction. It holds no case data.
public final class WitnessStore: Sendable {
    /// The witness's answer, as the protocol's status codes.
    public enum Answer: Sendable, Equatable {
        /// 200: the cosignature line(s).
        case cosigned(String)
        /// 409: the size the witness holds.
        case conflict(UInt64)
        /// 400, 403, 404, 422 with what was wrong.
        case refused(status: Int, reason: String)
    }

    private let environment: LMDBEnvironment
    private let latest: LMDBDatabase
    /// Refused requests that the log did sign (`WitnessEvidence`): per origin, a count under
    /// `origin NUL`, then the kept ones under `origin NUL index` (8 bytes, big-endian).
    private let evidence: LMDBDatabase
    private let logs: [String: NoteVerifier]
    private let signer: NoteSigner
    private let clock: @Sendable () -> UInt64
    /// Most refused requests kept per log (`WitnessEvidence.maximumPerLog`; small in a test).
    private let evidenceLimit: UInt64

    /// Opens the witness's store in `path` (created 0700), cosigning with `signer` for `logs`.
    /// Throws `NoteError` if `signer` is not a cosignature key (a log's key in the witness's
    /// key file), before anything is served.
    public init(
        path: String, signer: NoteSigner, logs: [NoteVerifier],
        clock: @escaping @Sendable () -> UInt64 = { UInt64(max(1, time(nil))) }, evidenceLimit: UInt64 = WitnessEvidence.maximumPerLog
    ) throws {
        // The key comes from a file: checked here, so `cosign`'s precondition cannot trap.
        guard signer.verifier.type == .cosignature else {
            throw NoteError("\(signer.name) is a log's signing key, not a witness's cosignature key")
        }
        environment = try Self.environment(in: path)
        latest = try environment.openDatabase("latest")
        evidence = try environment.openDatabase("evidence")
        self.logs = Dictionary(logs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.signer = signer
        self.clock = clock
        self.evidenceLimit = evidenceLimit
    }

    /// The witness's LMDB environment in its directory `path`.
    private static func environment(in path: String) throws -> LMDBEnvironment {
        try LMDBEnvironment(path: path + "/state", maxDatabases: 4)
    }

    /// The checkpoint the witness holds for `origin`, if any.
    public func held(_ origin: String) throws -> SignedNote? {
        try environment.read { txn in try Self.held(origin, txn, latest) }
    }

    private static func held(_ origin: String, _ txn: LMDBTransaction, _ latest: LMDBDatabase) throws -> SignedNote? {
        guard let bytes = try txn.get(latest, Array(origin.utf8)) else { return nil }
        return try SignedNote(parsing: String(decoding: bytes, as: UTF8.self))
    }

    /// Handles one `add-checkpoint` body.
    public func add(_ body: String) throws -> Answer {
        let request: AddCheckpointRequest
        let checkpoint: Checkpoint
        do {
            request = try AddCheckpointRequest(parsing: body)
            checkpoint = try Checkpoint(text: request.checkpoint.text)
        } catch {
            return .refused(status: 400, reason: "\(error)")
        }
        guard let log = logs[checkpoint.origin] else { return .refused(status: 404, reason: "unknown log \(checkpoint.origin)") }
        do {
            guard try request.checkpoint.isSigned(by: log) else {
                return .refused(status: 403, reason: "the checkpoint is not signed by \(log.name)")
            }
        } catch {
            return .refused(status: 403, reason: "\(error)")
        }
        guard request.oldSize <= checkpoint.size else {
            return .refused(status: 400, reason: "old size \(request.oldSize) is past the checkpoint's \(checkpoint.size)")
        }
        // Tree sizes are Int64 in the proofs' arithmetic (no log holds more): a larger one, even
        // signed by the log, is refused here rather than trapping in the conversion below.
        guard checkpoint.size <= UInt64(Int64.max) else {
            return .refused(status: 400, reason: "the checkpoint's size \(checkpoint.size) is past 2^63 - 1")
        }
        let latest = self.latest
        let evidence = self.evidence
        let evidenceLimit = self.evidenceLimit
        let signer = self.signer
        let now = clock()
        // Check and store in one write transaction: LMDB's single writer serialises them.
        return try environment.write { txn -> Answer in
            let heldNote = try Self.held(checkpoint.origin, txn, latest)
            let held = try heldNote.map { try Checkpoint(text: $0.text) }
            let heldSize = held?.size ?? 0
            guard request.oldSize == heldSize else { return .conflict(heldSize) }
            if checkpoint.size == 0, checkpoint.root != .empty { return .refused(status: 422, reason: "a tree of 0 has the empty root") }
            if request.oldSize == 0, !request.proof.isEmpty { return .refused(status: 422, reason: "a proof from size 0 is empty") }
            if let heldNote, let held {
                guard TreeVerification.consistent(
                    oldSize: Int64(held.size), newSize: Int64(checkpoint.size), oldRoot: held.root, newRoot: checkpoint.root,
                    proof: request.proof)
                else {
                    let reason = "the checkpoint is not consistent with the one held at size \(held.size)"
                    // Signed by the log (checked above) yet not shown to extend what it signed
                    // before: kept, in the same transaction, as evidence of a fork.
                    try Self.keep(
                        WitnessEvidence(
                            origin: checkpoint.origin, receivedAt: now, reason: reason, held: heldNote.serialized, request: body),
                        limit: evidenceLimit, txn, evidence)
                    return .refused(status: 422, reason: reason)
                }
            }
            var cosigned = SignedNote(text: request.checkpoint.text)
            try cosigned.cosign(with: signer, time: now)
            try txn.put(latest, Array(checkpoint.origin.utf8), Array(request.checkpoint.serialized.utf8))
            return .cosigned(cosigned.signatures.map(\.line).joined())
        }
    }

    /// Counts `item` for its log and stores it unless `limit` are kept already.
    private static func keep(_ item: WitnessEvidence, limit: UInt64, _ txn: LMDBTransaction, _ evidence: LMDBDatabase) throws {
        let prefix = Array(item.origin.utf8) + [0]
        let count = try txn.get(evidence, prefix).map { try Keys.decodeSeq($0) } ?? 0
        // A damaged count must not trap the witness: its refusals are counted until then.
        guard count < .max else { throw LedgerError.corrupt("the evidence count of \(item.origin) is \(count)") }
        if count < limit {
            try txn.put(evidence, prefix + Keys.seq(count), item.json)
        }
        try txn.put(evidence, prefix, Keys.seq(count + 1))
    }

    /// The evidence a witness keeps in `path` (its directory), every log's, oldest first per
    /// log, and how many refusals each log had in all (past `maximumPerLog`, more than are
    /// kept). Opens the store without its key, beside a running `witness serve`.
    public static func evidence(at path: String) throws -> (kept: [WitnessEvidence], refused: [String: UInt64]) {
        guard FileManager.default.fileExists(atPath: path + "/state/data.mdb") else {
            throw NoteError("no witness at \(path) (no state/data.mdb): run `ledgerd witness init` and `witness serve` there")
        }
        let environment = try Self.environment(in: path)
        let evidence = try environment.openDatabase("evidence")
        return try environment.read { txn in
            var kept: [WitnessEvidence] = []
            var refused: [String: UInt64] = [:]
            try txn.forEach(evidence) { key, value in
                guard let nul = key.firstIndex(of: 0) else { throw NoteError("a witness evidence key has no origin") }
                let origin = String(decoding: UnsafeRawBufferPointer(rebasing: key[..<nul]), as: UTF8.self)
                if key.count == nul + 1 {
                    refused[origin] = try Keys.decodeSeq(value)
                } else {
                    let item = try WitnessEvidence(json: Array(value))
                    guard item.origin == origin else { throw NoteError("witness evidence filed under \(origin) is of \(item.origin)") }
                    kept.append(item)
                }
            }
            return (kept, refused)
        }
    }
}
