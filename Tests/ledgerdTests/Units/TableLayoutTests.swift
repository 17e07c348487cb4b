import Ledger
import Projections
import LedgerTestSupport
import Testing

@testable import ledgerd

/// `TableLayout.fit`: columns fitted to a width by narrowing the widest first, then leaving
/// out the least important; never wider than asked (unless one column alone is), never trapping.
@Suite struct TableLayoutTests {
    typealias Column = TableLayout.Column

    @Test func everythingFitsAtNaturalWidths() {
        let columns = [Column(natural: 10, minimum: 4, priority: 1), Column(natural: 20, minimum: 4, priority: 2)]
        let layout = TableLayout.fit(columns, into: 32)
        #expect(layout.widths == [10, 20])
        #expect(layout.totalWidth(gap: 2) == 32)
        #expect(!layout.truncates(columns))
    }

    @Test func theWidestIsNarrowedFirstAndShortColumnsAreKept() {
        let columns = [
            Column(natural: 14, minimum: 14, priority: 100), Column(natural: 60, minimum: 10, priority: 50),
            Column(natural: 4, minimum: 4, priority: 90), Column(natural: 40, minimum: 10, priority: 10),
        ]
        let layout = TableLayout.fit(columns, into: 80)
        #expect(layout.totalWidth(gap: 2) == 80)
        #expect(layout.widths[0] == 14 && layout.widths[2] == 4, "short columns keep their width")
        let cut = [layout.widths[1] ?? 0, layout.widths[3] ?? 0]
        // One cap for both long columns.
        #expect(cut == [28, 28], "\(cut)")
        #expect(layout.truncates(columns))
    }

    @Test func theLeastImportantAreLeftOutWhenMinimumsDoNotFit() {
        let columns = [
            Column(natural: 14, minimum: 14, priority: 100), Column(natural: 30, minimum: 20, priority: 10),
            Column(natural: 30, minimum: 20, priority: 50), Column(natural: 30, minimum: 20, priority: 20),
        ]
        let layout = TableLayout.fit(columns, into: 50)
        #expect(layout.hidden == [1, 3])
        #expect(layout.shown == [0, 2])
        #expect(layout.widths[2] == 30 && layout.totalWidth(gap: 2) <= 50)
    }

    @Test func aNarrowColumnDroppedBeforeAWideOneComesBackIfItFits() {
        // The narrow column (priority 1) goes first, then the wide one (priority 2): after
        // that there is room for the narrow one again.
        let columns = [
            Column(natural: 20, minimum: 20, priority: 100), Column(natural: 5, minimum: 5, priority: 1),
            Column(natural: 50, minimum: 40, priority: 2),
        ]
        let layout = TableLayout.fit(columns, into: 40)
        #expect(layout.widths == [20, 5, nil])
    }

    @Test(arguments: [0, 1, 3, 13])
    func aTerminalNarrowerThanAnyColumnShowsTheMostImportantCut(width: Int) {
        let columns = [Column(natural: 14, minimum: 14, priority: 100), Column(natural: 30, minimum: 10, priority: 50)]
        let layout = TableLayout.fit(columns, into: width)
        #expect(layout.shown == [0])
        #expect(layout.widths[0] == max(1, width))
    }

    @Test func noColumnsAndEmptyColumnsDoNotTrap() {
        #expect(TableLayout.fit([], into: 80).widths.isEmpty)
        let layout = TableLayout.fit([Column(natural: 0, minimum: 0, priority: 0), Column(natural: 0, minimum: 8, priority: 1)], into: 1)
        #expect(layout.totalWidth(gap: 2) <= 2)
    }

    @Test func fittedWidthsNeverExceedTheTerminal() {
        // Many shapes, every width: the shown columns and their gaps fit (or one column alone is cut to it).
        for seed in 0..<200 {
            var rng = SeededRandom(seed: UInt64(seed))
            let columns = (0..<Int(rng.next() % 9 + 1)).map { _ in
                Column(natural: Int(rng.next() % 120), minimum: Int(rng.next() % 20), priority: Int(rng.next() % 5))
            }
            for width in [1, 20, 40, 80, 120, 200] {
                let layout = TableLayout.fit(columns, into: width)
                #expect(layout.totalWidth(gap: 2) <= width, "\(columns) at \(width): \(layout.widths)")
                #expect(!layout.shown.isEmpty)
                for i in layout.shown { #expect((layout.widths[i] ?? 0) <= columns[i].natural || columns[i].natural == 0) }
            }
        }
    }

    @Test func displayWidthCountsGlyphsAsTerminalsDraw() {
        #expect(DisplayWidth.of("Amy Khan") == 8)
        #expect(DisplayWidth.of("…→⚠") == 3)
        #expect(DisplayWidth.of("Zoë") == 3)
        #expect(DisplayWidth.of("Zoe\u{308}") == 3, "a combining mark takes no column")
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("👍🏽") == 2)
    }

    @Test func truncationEndsInAnEllipsisWithinTheWidth() {
        #expect(DisplayWidth.truncate("Amy Khan (prac-000160)", to: 10) == "Amy Khan …")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("exactly10!", to: 10) == "exactly10!")
        #expect(DisplayWidth.truncate("日本語のテキスト", to: 5) == "日本…")
        #expect(DisplayWidth.truncate("anything", to: 0) == "")
        #expect(DisplayWidth.truncate("ab", to: 1) == "…")
    }

    @Test func foldingBreaksAtSpacesAndSplitsOnlyOverlongWords() {
        #expect(DisplayWidth.fold("one two three four", to: 9) == ["one two", "three", "four"])
        #expect(DisplayWidth.fold("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        #expect(DisplayWidth.fold("", to: 4) == [""])
        for line in DisplayWidth.fold("review, 2024-03-01, chaired by Amy Khan (prac-000160), 5 attending", to: 20) {
            #expect(DisplayWidth.of(line) <= 20)
        }
    }

    @Test func aTerminalTableFitsItsWidthAndCountsItsRows() {
        let columns = [
            ViewColumn("case", csv: ["Case ID"], priority: 100, minimumWidth: 14),
            .named("owner", csv: "Owner", priority: 80),
            ViewColumn("description", csv: ["Description"], priority: 50, minimumWidth: 12),
            ViewColumn("accountable to", csv: ["Accountable to"], priority: 10, minimumWidth: 12),
        ]
        let row: [ViewCell] = [
            .plain("EH-2023-000001"), ViewCell(text: "Amy Khan (prac-000160)", values: ["Amy Khan", "prac-000160"], identifier: " (prac-000160)"),
            .plain(String(repeating: "a long description ", count: 10)), .plain(String(repeating: "Manager → ", count: 8)),
        ]
        let table = TerminalTable(columns: columns, cells: [row, row, row])
        let narrow = table.lines(for: TerminalInfo(isTerminal: true, columns: 60, rows: 24, colour: false), wide: false)
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 60 }, "\(narrow)")
        #expect(narrow.first?.hasPrefix("CASE") == true)
        #expect(narrow.last?.hasPrefix("3 rows") == true, "\(narrow)")
        #expect(narrow.contains { $0.contains("…") })

        let wide = table.lines(for: TerminalInfo(isTerminal: true, columns: 60, rows: 24, colour: false), wide: true)
        #expect(wide.contains { DisplayWidth.of($0) > 60 } && wide.last == "3 rows")

        let coloured = table.lines(for: TerminalInfo(isTerminal: true, columns: 200, rows: 24, colour: true), wide: false)
        #expect(coloured[0].hasPrefix("\u{1B}[1m"), "a bold header")
        #expect(coloured[1].contains("Amy Khan\u{1B}[2m (prac-000160)\u{1B}[0m"), "a dimmed ID: \(coloured[1])")
        #expect(coloured.allSatisfy { DisplayWidth.of(ANSIStyle.strip($0)) <= 200 })
        #expect(!coloured.contains { $0.hasSuffix(" ") })
    }

    @Test func aRecordFoldsItsValuesAndHasNoHeaderOrFooter() {
        let columns = [ViewColumn("field", csv: ["Field"], priority: 100), ViewColumn("value", csv: ["Value"], priority: 90, minimumWidth: 20)]
        let cells: [[ViewCell]] = [[.plain("case"), .plain("EH-1")], [.plain("meeting m1"), .plain(String(repeating: "word ", count: 40))]]
        let lines = TerminalTable(columns: columns, cells: cells, isRecord: true)
            .lines(for: TerminalInfo(isTerminal: true, columns: 40, rows: nil, colour: false), wide: false)
        #expect(lines.first == "case        EH-1")
        #expect(lines.count > 3 && lines.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(lines)")
        #expect(lines.dropFirst(2).allSatisfy { $0.hasPrefix(String(repeating: " ", count: 12)) })
    }

    @Test func colourIsOffUnderNoColorOrADumbTerminal() {
        #expect(TerminalInfo.wantsColour(["TERM": "xterm-256color"]))
        #expect(TerminalInfo.wantsColour(["TERM": "xterm", "NO_COLOR": ""]), "an empty NO_COLOR is unset (no-color.org)")
        #expect(!TerminalInfo.wantsColour(["TERM": "xterm", "NO_COLOR": "1"]))
        #expect(!TerminalInfo.wantsColour(["TERM": "dumb"]))
    }

    @Test func thePagerIsPAGERElseLessAndAnEmptyPAGERMeansNone() {
        #expect(Pager.command(environment: [:]) == "less -FRX")
        #expect(Pager.command(environment: ["PAGER": "more"]) == "more")
        #expect(Pager.command(environment: ["PAGER": " "]) == nil)
    }

    @Test func csvRowsAreNeverRaggedWhateverACellHolds() {
        struct Odd: ViewOutput {
            var json: JSONValue { .null }
            var caseIds: [String] { [] }
            var tableColumns: [ViewColumn] { [.named("who", csv: "Who", priority: 1), ViewColumn("n", csv: ["N"], priority: 1)] }
            var cells: [[ViewCell]] { [[.plain("only one value"), ViewCell(text: "x", values: ["1", "2", "3"])], []] }
            var isRecord: Bool { false }
        }
        #expect(Odd().csvHeader == ["Who name", "Who ID", "N"])
        #expect(Odd().csvRows == [["only one value", "", "1"], ["", "", ""]])
    }
}

