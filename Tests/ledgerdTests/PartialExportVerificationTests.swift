import Foundation
import Ledger
import Testing

/// An export of part of the log (`export --from N`) follows a hash that the file cannot prove,
/// so `verify --file` and the independent `scripts/verify_chain.py` both verify it only when a
/// digest kept earlier anchors it, and say which seqs it held; without one, or with a digest
/// outside it, both refuse, as they refuse a file with no events at all.
@Suite struct PartialExportVerificationTests {
    @Test func aPartVerifiesOnlyWhenADigestAnchorsIt() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = dir.path + "/ledger"
        var lines = r.directory()
        for i in 0..<20 { lines.append(r.caseOpened("c\(i)")) }
        try LedgerdProcess.run(["import", "--data", data, try dir.write("in.ndjson", lines)])
        let part = dir.path + "/part.ndjson"
        try LedgerdProcess.run(["export", "--data", data, "--from", "11", "--to", "20"]).stdout.write(toFile: part, atomically: true, encoding: .utf8)
        let empty = try dir.write("empty.ndjson", [])
        let hash = { (seq: Int) throws -> String in
            let line = try LedgerdProcess.run(["export", "--data", data, "--from", "\(seq)", "--to", "\(seq)"]).stdout
            return try RecordedEvent(decoding: Array(line.trimmingCharacters(in: .newlines).utf8)).hash
        }
        let (h10, h15) = (try hash(10), try hash(15))

        // Both checkers, the same verdicts: (arguments, verifies, what the failure names).
        let cases: [(arguments: [String], verifies: Bool, says: String)] = [
            ([part], false, "after hash \(h10) at seq 10, which it cannot prove"),
            ([part, "--digest", "10:\(h10)"], true, "verified 10 events; head seq 20"),
            ([part, "--digest", "15:\(h15)"], true, "verified 10 events; head seq 20"),
            ([part, "--digest", "10:\(h15)"], false, "the digest says \(h15)"),
            ([part, "--digest", "15:\(h10)"], false, "the digest says \(h10)"),
            ([part, "--digest", "9:\(h10)"], false, "starts after this seq, at 11"),
            ([part, "--digest", "21:\(h10)"], false, "ends before this seq"),
            ([empty], false, "nothing was verified"),
        ]
        let script = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_chain.py").path
        for check in cases {
            let cli = try LedgerdProcess.run(["verify", "--file"] + check.arguments)
            #expect(cli.status == (check.verifies ? 0 : 5), "\(check.arguments): \(cli.stdout)\(cli.stderr)")
            #expect((cli.stdout + cli.stderr).contains(check.says), "\(check.arguments): \(cli.stdout)\(cli.stderr)")
            let python = try LedgerdProcess.shellOutput("python3", [script] + check.arguments)
            #expect(python.status == (check.verifies ? 0 : 1), "\(check.arguments): \(python.output)")
            #expect(python.output.contains(check.says), "\(check.arguments): \(python.output)")
        }
    }
}
