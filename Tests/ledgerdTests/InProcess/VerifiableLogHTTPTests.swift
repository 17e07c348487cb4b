import Foundation
import Ledger
import Testing

@testable import ledgerd

/// The daemon signs a checkpoint for every tree size it reaches, promptly, and serves proofs
/// that check offline against its verifier key.
///
/// How promptly is a benchmark's figure (`Benchmarks/trust.py`: p99 ≈ 0.1 s against the
/// 1 s of VERIFIABLE_LOG.md), not a test's: a test process shares two cores with every other
/// suite, whose synchronous work can stall it for seconds. The deadline here only tells
/// "signed on its own, with no further append to prompt it" from "never" (or a timer slower
/// than the deadline).
@Suite struct VerifiableLogHTTPTests {
    /// Seconds an acknowledged append may wait for its checkpoint here (see above).
    static let deadline: TimeInterval = 15

    @Test func anAcknowledgedAppendIsCoveredByASignedCheckpointOnItsOwn() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1")], signed: true)
        let vkey = try #require(ledger.verifierKey)
        let directory = ledger.directory
        try await ledger.serve { [r] api in
            var r = r
            for i in 0..<5 {
                let appended = try await api.post("/streams/case-n\(i)", as: .practitioner, body: Requests.withoutStream(r.caseOpened("n\(i)")))
                #expect(appended.status == 201, "\(appended.text)")
                let acknowledged = Date()
                let seq = try #require((try appended.json() as? [String: Any])?["seq"] as? Int)
                var covered = false
                while !covered, Date().timeIntervalSince(acknowledged) < Self.deadline {
                    let checkpoint = try await api.get("/checkpoint", as: .manager)
                    let lines = checkpoint.text.split(separator: "\n")
                    if checkpoint.status == 200, lines.count > 1, let size = Int(lines[1]), size >= seq {
                        covered = true
                        #expect(checkpoint.headers["cache-control"] == "no-store")
                    } else {
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
                #expect(covered, "no checkpoint covered seq \(seq)")

                // Its proof, from the API, verifies offline against the log's key.
                let proof = try await api.get("/proofs/inclusion?seq=\(seq)", as: .integration)
                #expect(proof.status == 200 && proof.contentType.hasPrefix("text/plain"), "\(proof.text)")
                let file = directory + "/p\(i).tlog-proof"
                try proof.text.write(toFile: file, atomically: true, encoding: .utf8)
                let verified = try LedgerdProcess.run(["verify-proof", file, "--vkey", vkey])
                #expect(verified.status == 0, "\(verified.stderr)")
            }
            let consistency = try await api.get("/proofs/consistency?from=2&to=7", as: .manager)
            #expect(consistency.status == 200 && !consistency.text.isEmpty)
            #expect(try await api.get("/proofs/inclusion?seq=1", as: .manager).status == 403)
            // An auditor's /verify holds the checkpoints just served to the tree and the key.
            let verified = try await api.get("/verify", as: .auditor)
            let checked = try #require((try verified.json() as? [String: Any])?["checkpoints"] as? Int, "\(verified.text)")
            #expect(verified.status == 200 && checked >= 1, "\(verified.text)")
        }
    }
}

/// Tiles for monitors and auditors that fetch the tree (c2sp.org/tlog-tiles).
@Suite struct TileEndpointTests {
    @Test func tilesHoldTheTreesHashesAndEntryBundlesTheEvents() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + (0..<597).map { r.caseOpened("t\($0)") })
        let export = try LedgerdProcess.run(["export", "--data", ledger.data]).stdout.split(separator: "\n").map { Array($0.utf8) }
        #expect(export.count == 600)
        let leaves = export.map { $0.withUnsafeBytes { MerkleHash.leaf($0) } }
        try await ledger.serve { api in
            let full = try await api.get("/tile/0/000", as: .manager)
            #expect(full.status == 200 && full.body.count == 8192 && full.headers["cache-control"]?.contains("immutable") == true)
            #expect(full.body == Array(leaves[0..<256].flatMap(\.bytes)))
            let partial = try await api.get("/tile/0/002.p/88", as: .practitioner)
            #expect(partial.status == 200 && partial.body == Array(leaves[512..<600].flatMap(\.bytes)))
            // Level 1: the roots of the two full level-0 tiles.
            let upper = try await api.get("/tile/1/000.p/2", as: .manager)
            let roots = [0, 1].map { MerkleTreeRoot.of(leaves[($0 * 256)..<($0 * 256 + 256)]) }
            #expect(upper.status == 200 && upper.body == roots.flatMap(\.bytes))
            #expect(try await api.get("/tile/0/002", as: .manager).status == 404, "a full tile the tree lacks")
            #expect(try await api.get("/tile/0/2", as: .manager).status == 400)

            let bundle = try await api.get("/tile/entries/001", as: .integration)
            #expect(bundle.status == 200)
            var entries: [[UInt8]] = []
            var at = 0
            while at + 2 <= bundle.body.count {
                let length = Int(bundle.body[at]) << 8 | Int(bundle.body[at + 1])
                entries.append(Array(bundle.body[(at + 2)..<min(at + 2 + length, bundle.body.count)]))
                at += 2 + length
            }
            #expect(entries == Array(export[256..<512]))
            #expect(try await api.get("/tile/entries/001", as: .manager).status == 403, "entries carry case data")
        }
    }
}

/// RFC 6962's MTH of a power-of-two run of leaf hashes.
enum MerkleTreeRoot {
    static func of(_ hashes: ArraySlice<MerkleHash>) -> MerkleHash {
        if hashes.count == 1 { return hashes.first! }
        let half = hashes.count / 2
        return .node(of(hashes.prefix(half)), of(hashes.dropFirst(half)))
    }
}
