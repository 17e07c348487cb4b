import Foundation
import Testing

@testable import Ledger

/// A witness keeps what a log signed and could not show consistent with what it signed
/// before (c2sp.org/tlog-witness: "it might be proof of log misbehavior"), a bounded number
/// per log, counting the rest; nothing the log did not sign is kept.
@Suite struct WitnessEvidenceTests {
    @Test func aForkIsKeptBoundedAndOnlyWhenTheLogSignedIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("witness-evidence-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try NoteSigner(name: "log.example/l", type: .ed25519)
        let stranger = try NoteSigner(name: "log.example/l", type: .ed25519)
        let witness = try NoteSigner(name: "witness.example", type: .cosignature)
        let store = try WitnessStore(path: directory, signer: witness, logs: [log.verifier], clock: { 1_700_000_000 }, evidenceLimit: 2)
        func body(old: UInt64, root: UInt8, signer: NoteSigner) throws -> String {
            var note = SignedNote(text: Checkpoint(origin: "log.example/l", size: 1, root: MerkleHash(Array(repeating: root, count: 32))!).text)
            try note.sign(with: signer)
            return AddCheckpointRequest(oldSize: old, proof: [], checkpoint: note).body
        }
        guard case .cosigned = try store.add(try body(old: 0, root: 1, signer: log)) else {
            Issue.record("the first checkpoint was not cosigned")
            return
        }
        #expect(try WitnessStore.evidence(at: directory).kept.isEmpty)

        // The same size with another root, signed by the log: a fork, three times over.
        var forks: [String] = []
        for root in [UInt8(2), 3, 4] {
            forks.append(try body(old: 1, root: root, signer: log))
            #expect(try store.add(forks.last!) == .refused(status: 422, reason: "the checkpoint is not consistent with the one held at size 1"))
        }
        // A size past Int64, signed by the log: refused, never a trap in the proof's arithmetic.
        var huge = SignedNote(text: Checkpoint(origin: "log.example/l", size: .max, root: .empty).text)
        try huge.sign(with: log)
        #expect(try store.add(AddCheckpointRequest(oldSize: 1, proof: [], checkpoint: huge).body).status == 400)
        // Not signed by the log's key: refused, and no evidence of anything.
        #expect(try store.add(try body(old: 1, root: 5, signer: stranger)).status == 403)

        let (kept, refused) = try WitnessStore.evidence(at: directory)
        #expect(refused == ["log.example/l": 3], "every fork is counted")
        #expect(kept.map(\.request) == Array(forks.prefix(2)), "the first two are kept, in order")
        let first = try #require(kept.first)
        #expect(first.origin == "log.example/l" && first.receivedAt == 1_700_000_000)
        #expect(try SignedNote(parsing: first.held).isSigned(by: log.verifier))
        #expect(try WitnessEvidence(json: first.json) == first, "as stored, so read")
        #expect(throws: NoteError.self) { try WitnessEvidence(json: Array(#"{"origin":"x"}"#.utf8)) }
        #expect(throws: NoteError.self) { try WitnessStore.evidence(at: directory + "/nowhere") }
    }
}

extension WitnessStore.Answer {
    /// The status code of a refusal; 200 or 409 otherwise.
    fileprivate var status: Int {
        switch self {
        case .cosigned: 200
        case .conflict: 409
        case .refused(let status, _): status
        }
    }
}
