import Foundation
import Testing

/// `ledgerd replay` on a demo ledger: views kept current incrementally (the second half of the
/// log appended by another process after the projection was built) equal the views after a
/// full rebuild, byte for byte; and the replay reports what it did.
@Suite struct ReplayCommandTests {
    @Test func replayRebuildsTheSameViews() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let demo = try LedgerdProcess.run(["demo", "--cases", "60", "--seed", "9"])
        try #require(demo.status == 0, "\(demo.stderr)")
        let lines = demo.stdout.split(separator: "\n").map(String.init)
        let half = lines.count / 2
        let data = dir.path + "/ledger"
        let first = try dir.write("first.ndjson", Array(lines[..<half]))
        let second = try dir.write("second.ndjson", Array(lines[half...]))
        try #require(try LedgerdProcess.run(["import", "--data", data, first]).status == 0)
        // Builds the projection over the first half.
        try #require(try LedgerdProcess.run(["flags", "--data", data, "--format", "json"]).status == 0)
        try #require(try LedgerdProcess.run(["append", "--data", data, second]).status == 0)

        let firstCase = try #require(
            lines.first { $0.contains(#""type":"CaseOpened""#) }.flatMap { line in
                line.range(of: #""caseId":""#).map { String(line[$0.upperBound...].prefix { $0 != "\"" }) }
            })
        // Dated explicitly, so the maintained projection (not a replay) answers the incremental side.
        let views: [[String]] = [
            ["flags", "--on", "2026-11-25"], ["overdue", "--on", "2026-11-25"], ["reviews", "--on", "2026-11-25"],
            ["unled", "--on", "2026-11-25"], ["caseload", "--on", "2026-11-25"], ["overdue", "--on", "2025-06-30"],
            ["annex-a", "--inspection-date", "2025-09-30"], ["case", firstCase, "--on", "2026-11-25"],
        ]
        func snapshot() throws -> [String] {
            try views.map { view in
                let result = try LedgerdProcess.run(view + ["--data", data, "--format", "json"])
                #expect(result.status == 0, "\(view): \(result.stderr)")
                return result.stdout
            }
        }
        let incremental = try snapshot()
        let replay = try LedgerdProcess.run(["replay", "--data", data])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.hasPrefix("replayed \(lines.count) events (seq 1–\(lines.count))"), "\(replay.stdout)")
        let rebuilt = try snapshot()
        for (i, view) in views.enumerated() {
            #expect(incremental[i] == rebuilt[i], "\(view.joined(separator: " ")) differs after a replay")
        }
        #expect(incremental[0].hasPrefix("[{\"caseId\":"), "the demo has flagged cases")

        // History is bitemporal too: nothing was known before the import, nothing occurred before 2023.
        let all = try LedgerdProcess.run(["history", firstCase, "--data", data, "--format", "json"])
        #expect(all.status == 0 && all.stdout.hasPrefix("[{"), "\(all.stderr)")
        for filter in [["--known-at", "2020-01-01T00:00:00Z"], ["--on", "2022-12-31"]] {
            let none = try LedgerdProcess.run(["history", firstCase, "--data", data, "--format", "json"] + filter)
            #expect(none.status == 0 && none.stdout == "[]\n", "\(filter): \(none.stdout) \(none.stderr)")
        }
    }
}
