import Foundation
import Ledger
import Testing

/// The daemon signs a checkpoint for every tree size it reaches, promptly, and serves proofs
/// that check offline against its verifier key.
@Suite struct VerifiableLogHTTPTests {
    @Test func anAcknowledgedAppendIsCoveredByASignedCheckpointWithinASecond() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])
        let vkey = try #require(try LedgerdProcess.run(["checkpoint", "--data", daemon.data, "--vkey"]).stdout.split(separator: "\n").last)
        var delays: [TimeInterval] = []
        for i in 0..<5 {
            let appended = try daemon.request("POST", "/streams/case-n\(i)", role: "practitioner", body: Requests.withoutStream(r.caseOpened("n\(i)")))
            #expect(appended.status == 201, "\(appended.text)")
            let acknowledged = Date()
            let seq = try #require((try appended.json() as? [String: Any])?["seq"] as? Int)
            var covered = false
            while !covered, Date().timeIntervalSince(acknowledged) < 5 {
                let checkpoint = try daemon.request("GET", "/checkpoint", role: "manager")
                if checkpoint.status == 200, let size = Int(checkpoint.text.split(separator: "\n")[1]), size >= seq {
                    covered = true
                    #expect(checkpoint.headers["cache-control"] == "no-store")
                } else {
                    usleep(5_000)
                }
            }
            #expect(covered, "no checkpoint covered seq \(seq)")
            delays.append(Date().timeIntervalSince(acknowledged))

            // Its proof, from the API, verifies offline against the log's key.
            let proof = try daemon.request("GET", "/proofs/inclusion?seq=\(seq)", role: "integration")
            #expect(proof.status == 200 && proof.contentType.hasPrefix("text/plain"), "\(proof.text)")
            let file = try daemon.directory.write("p\(i).tlog-proof", [String(proof.text.dropLast())])
            let verified = try LedgerdProcess.run(["verify-proof", file, "--vkey", String(vkey)])
            #expect(verified.status == 0, "\(verified.stderr)")
        }
        // Within a second of the acknowledgement (VERIFIABLE_LOG.md); a loaded CI machine gets none of that slack.
        #expect(delays.max() ?? 9 < 1, "acknowledgement → covering checkpoint: \(delays)")
        let consistency = try daemon.request("GET", "/proofs/consistency?from=2&to=7", role: "manager")
        #expect(consistency.status == 200 && !consistency.text.isEmpty)
        #expect(try daemon.request("GET", "/proofs/inclusion?seq=1", role: "manager").status == 403)
    }
}

/// Tiles for monitors and auditors that fetch the tree (c2sp.org/tlog-tiles).
@Suite struct TileEndpointTests {
    @Test func tilesHoldTheTreesHashesAndEntryBundlesTheEvents() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + (0..<597).map { r.caseOpened("t\($0)") })
        let export = try LedgerdProcess.run(["export", "--data", daemon.data]).stdout.split(separator: "\n").map { Array($0.utf8) }
        #expect(export.count == 600)
        let leaves = export.map { $0.withUnsafeBytes { MerkleHash.leaf($0) } }

        let full = try daemon.request("GET", "/tile/0/000", role: "manager")
        #expect(full.status == 200 && full.body.count == 8192 && full.headers["cache-control"]?.contains("immutable") == true)
        #expect(full.body == Array(leaves[0..<256].flatMap(\.bytes)))
        let partial = try daemon.request("GET", "/tile/0/002.p/88", role: "practitioner")
        #expect(partial.status == 200 && partial.body == Array(leaves[512..<600].flatMap(\.bytes)))
        // Level 1: the roots of the two full level-0 tiles.
        let upper = try daemon.request("GET", "/tile/1/000.p/2", role: "manager")
        let roots = [0, 1].map { MerkleTreeRoot.of(leaves[($0 * 256)..<($0 * 256 + 256)]) }
        #expect(upper.status == 200 && upper.body == roots.flatMap(\.bytes))
        #expect(try daemon.request("GET", "/tile/0/002", role: "manager").status == 404, "a full tile the tree lacks")
        #expect(try daemon.request("GET", "/tile/0/2", role: "manager").status == 400)

        let bundle = try daemon.request("GET", "/tile/entries/001", role: "integration")
        #expect(bundle.status == 200)
        var entries: [[UInt8]] = []
        var at = 0
        while at + 2 <= bundle.body.count {
            let length = Int(bundle.body[at]) << 8 | Int(bundle.body[at + 1])
            entries.append(Array(bundle.body[(at + 2)..<(at + 2 + length)]))
            at += 2 + length
        }
        #expect(entries == Array(export[256..<512]))
        #expect(try daemon.request("GET", "/tile/entries/001", role: "manager").status == 403, "entries carry case data")
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
