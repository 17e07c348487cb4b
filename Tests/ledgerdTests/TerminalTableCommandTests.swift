import Foundation
import Testing

/// Tables for people (#16): under a pseudo-terminal of 80 and 200 columns the views fit the
/// width with a footer counting the rows, colour only where wanted, paging when taller than
/// the screen; in a pipe the same command prints the plain, complete table it always did.
@Suite struct TerminalTableCommandTests {
    /// A business date inside the demo's timeline with plenty overdue.
    static let on = "2025-06-30"

    /// One demo ledger for every test here, made once.
    static let ledger: (data: String?, problem: String) = {
        let dir = TemporaryDirectory()
        do {
            let demo = try LedgerdProcess.run(["demo", "--cases", "240", "--seed", "3"])
            guard demo.status == 0 else { return (nil, "demo: \(demo.stderr)") }
            let file = try dir.write("demo.ndjson", demo.stdout.split(separator: "\n").map(String.init))
            let data = dir.path + "/ledger"
            let imported = try LedgerdProcess.run(["import", "--data", data, file])
            guard imported.status == 0 else { return (nil, "import: \(imported.stderr)") }
            // The projections caught up once, here, rather than by whichever test asks first.
            let warm = try LedgerdProcess.run(["flags", "--data", data, "--format", "json"])
            guard warm.status == 0 else { return (nil, "flags: \(warm.stderr)") }
            return (data, "")
        } catch {
            return (nil, "\(error)")
        }
    }()

    static func data() throws -> String {
        try #require(ledger.data, "no demo ledger: \(ledger.problem)")
    }

    static func json(_ arguments: [String]) throws -> Any {
        let result = try LedgerdProcess.run(arguments + ["--data", try data(), "--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    static func overdueItems() throws -> [[String: Any]] {
        try #require(try json(["overdue", "--on", on]) as? [[String: Any]])
    }

    static func footer(_ lines: [String], rows: Int) -> String? {
        lines.first { $0.hasPrefix(rows == 1 ? "1 row" : "\(rows) rows") }
    }

    @Test(arguments: [80, 200])
    func overdueFitsTheTerminalWithAFooterCountingTheRows(columns: Int) throws {
        let data = try Self.data()
        let count = try Self.overdueItems().count
        try #require(count > 30, "the demo has a screenful overdue on \(Self.on)")
        let run = try PseudoTerminal.run(["overdue", "--data", data, "--on", Self.on, "--no-pager"], columns: columns)
        #expect(run.status == 0)
        let lines = run.plainLines
        let tooWide = lines.filter { PseudoTerminal.width($0) > columns }
        #expect(tooWide.isEmpty, "wider than \(columns): \(tooWide.prefix(3))")
        #expect(lines.first?.hasPrefix("CASE") == true, "\(lines.prefix(2))")
        let footer = try #require(Self.footer(lines, rows: count), "no footer of \(count) rows: \(lines.suffix(3))")
        #expect(lines.firstIndex(of: footer) == count + 1, "the header, a line per row, then the footer")
        if columns == 80 {
            let footerLines = lines.suffix(from: count + 1).joined(separator: " ")
            #expect(footer.contains("not shown:") && footerLines.contains("--wide shows every column"), "\(footerLines)")
            #expect(lines.contains { $0.contains("…") })
        }
    }

    @Test func wideShowsEveryColumnInFullAndAPipeStaysPlainAndComplete() throws {
        let data = try Self.data()
        let count = try Self.overdueItems().count
        let wide = try PseudoTerminal.run(
            ["overdue", "--data", data, "--on", Self.on, "--wide"], columns: 80, rows: 1000, environment: ["NO_COLOR": "1"])
        #expect(wide.status == 0)
        #expect(!wide.output.contains("\u{1B}"), "NO_COLOR: no styles")
        let lines = wide.plainLines
        #expect(lines.first?.hasSuffix("ACCOUNTABLE TO") == true)
        #expect(lines.contains { PseudoTerminal.width($0) > 200 }, "the long rows are whole")
        #expect(lines.last == "\(count) rows")

        let pipe = try LedgerdProcess.run(["overdue", "--data", data, "--on", Self.on, "--wide"])
        #expect(pipe.status == 0 && !pipe.stdout.contains("\u{1B}") && !pipe.stdout.contains(" rows\n"))
        let piped = pipe.stdout.split(separator: "\n").map { String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        #expect(piped == Array(lines.dropLast()), "a pipe has the terminal's --wide table, no footer")
        let plain = try LedgerdProcess.run(["overdue", "--data", data, "--on", Self.on])
        #expect(plain.stdout == pipe.stdout, "--wide changes nothing in a pipe")
    }

    @Test func colourOnlyOnATerminalAndNeverUnderNoColor() throws {
        let data = try Self.data()
        let coloured = try PseudoTerminal.run(["caseload", "--data", data, "--on", Self.on, "--no-pager"], columns: 200)
        #expect(coloured.output.contains("\u{1B}[1mAGENCY"), "a bold header")
        #expect(coloured.output.contains("\u{1B}[2m ("), "dimmed IDs")
        let plain = try PseudoTerminal.run(
            ["caseload", "--data", data, "--on", Self.on, "--no-pager"], columns: 200, environment: ["NO_COLOR": "1"])
        #expect(!plain.output.contains("\u{1B}"))
        #expect(coloured.plainLines == plain.plainLines)
    }

    @Test func pagingEngagesOnlyWhenTallerThanTheScreen() throws {
        let data = try Self.data()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let marker = dir.path + "/paged"
        let pager = try dir.write("pager.sh", ["#!/bin/sh", "cat > '\(marker)'"])
        #expect(chmod(pager, 0o755) == 0)
        let count = try Self.overdueItems().count
        let arguments = ["overdue", "--data", data, "--on", Self.on]

        let paged = try PseudoTerminal.run(arguments, columns: 80, rows: 24, environment: ["PAGER": pager])
        #expect(paged.status == 0)
        let received = try String(contentsOfFile: marker, encoding: .utf8)
        #expect(received.contains("\(count) rows"), "the pager got the whole table and its footer")
        #expect(!paged.output.contains("rows"), "and the terminal got it only through the pager")
        try FileManager.default.removeItem(atPath: marker)

        let unpaged = try PseudoTerminal.run(arguments + ["--no-pager"], columns: 80, rows: 24, environment: ["PAGER": pager])
        #expect(Self.footer(unpaged.plainLines, rows: count) != nil && !FileManager.default.fileExists(atPath: marker))

        let tall = try PseudoTerminal.run(arguments, columns: 80, rows: count + 20, environment: ["PAGER": pager])
        #expect(Self.footer(tall.plainLines, rows: count) != nil && !FileManager.default.fileExists(atPath: marker), "it fits")

        let missing = try PseudoTerminal.run(arguments, columns: 80, rows: 24, environment: ["PAGER": dir.path + "/no-such-pager"])
        #expect(missing.status == 0 && Self.footer(missing.plainLines, rows: count) != nil, "no pager: printed directly")
    }

    @Test func caseShowsConsentAndMeetingsAsItsHelpPromises() throws {
        let data = try Self.data()
        let caseId = try #require(try Self.overdueItems().first?["caseId"] as? String)
        let record = try #require(try Self.json(["case", caseId, "--on", Self.on]) as? [String: Any])
        let consents = (record["consents"] as? [Any])?.count ?? 0
        let meetings = (record["meetings"] as? [Any])?.count ?? 0
        #expect(meetings > 0, "a case with overdue actions has met")

        let pipe = try LedgerdProcess.run(["case", caseId, "--data", data, "--on", Self.on])
        let lines = pipe.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("consent ") }.count == max(1, consents), "\(pipe.stdout)")
        #expect(lines.filter { $0.hasPrefix("meeting ") }.count == meetings, "\(pipe.stdout)")
        for label in ["status", "child", "lead professional", "TAC", "CAFs", "statuses", "open disputes", "flags"] {
            #expect(lines.contains { $0.hasPrefix(label + " ") }, "no \(label) in \(pipe.stdout)")
        }

        let terminal = try PseudoTerminal.run(["case", caseId, "--data", data, "--on", Self.on], columns: 80, rows: 200)
        let tooWide = terminal.plainLines.filter { PseudoTerminal.width($0) > 80 }
        #expect(terminal.status == 0 && tooWide.isEmpty, "\(tooWide)")
        #expect(terminal.plainLines.filter { $0.hasPrefix("meeting ") }.count == meetings, "values fold; no row is lost")
    }

    @Test func csvHasOneValuePerCellUnderReadableHeaders() throws {
        let data = try Self.data()
        let items = try Self.overdueItems()
        let csv = try LedgerdProcess.run(["overdue", "--data", data, "--on", Self.on, "--format", "csv"])
        let records = try ViewSchemaTests.parseCSV(csv.stdout)
        let header = [
            "Case ID", "Action ID", "Description", "Due date", "Days overdue", "Owner name", "Owner ID", "Owner's agency name",
            "Owner's agency ID", "Escalated", "Lead professional name", "Lead professional ID", "Accountable to",
            "Accountability problem",
        ]
        #expect(records.first == header)
        #expect(records.count == items.count + 1)
        for (record, item) in zip(records.dropFirst(), items) {
            #expect(record.count == header.count)
            let owner = item["owner"] as? [String: Any]
            #expect(record[6] == (owner?["practitionerId"] as? String ?? ""))
            #expect(record[8] == (item["ownerAgencyId"] as? String ?? ""))
            let lead = item["leadProfessional"] as? [String: Any]
            #expect(record[10] == (lead?["name"] as? String ?? "") && record[11] == (lead?["practitionerId"] as? String ?? ""))
            #expect(!record[5].contains("("), "a name alone: \(record[5])")
        }
    }

    @Test func historyFitsEightyColumnsToo() throws {
        let data = try Self.data()
        let caseId = try #require(try Self.overdueItems().first?["caseId"] as? String)
        let run = try PseudoTerminal.run(["history", caseId, "--data", data, "--no-pager"], columns: 80)
        let lines = run.plainLines
        #expect(run.status == 0 && lines.allSatisfy { PseudoTerminal.width($0) <= 80 }, "\(lines.prefix(3))")
        let pipe = try LedgerdProcess.run(["history", caseId, "--data", data])
        let rows = pipe.stdout.split(separator: "\n").count - 1
        #expect(Self.footer(lines, rows: rows) != nil, "\(lines.suffix(2))")
    }
}
