import Foundation
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
