import Projections
import Testing

@testable import ledgerd

/// What an event's author typed is shown in a table, never obeyed by the reader's terminal.
@Suite struct VisibleTextTests {
    @Test func controlCharactersAreShownAsSymbols() {
        #expect(VisibleText.of("plain text, café ✓") == "plain text, café ✓")
        #expect(VisibleText.of("x\u{1B}[2Jy\u{07}") == "x␛[2Jy␇")
        #expect(VisibleText.of("two\nlines\r\n\ttab") == "two␊lines␍␊␉tab")
        #expect(VisibleText.of("del\u{7F} csi\u{9B}31m") == "del␡ csi\u{FFFD}31m")
        #expect(VisibleText.of("\u{0}") == "␀")
        #expect(VisibleText.of("a\u{202E}cba\u{2066}x\u{2028}y") == "a\u{FFFD}cba\u{FFFD}x␤y")
        #expect(VisibleText.of("مرحبا שלום") == "مرحبا שלום", "right-to-left text itself is shown as it is")
    }

    @Test func aTableRowStaysOneRowAndCarriesNoEscape() {
        let columns = [ViewColumn("Description", csv: ["description"], priority: 0)]
        let cells = [[ViewCell.plain("call\u{1B}]0;owned\u{07} the\nfamily")]]
        let shown = TableOutput.visible(cells)
        #expect(shown[0][0].values == cells[0][0].values, "CSV keeps the exact text")
        let lines = TerminalTable(columns: columns, cells: shown)
            .lines(for: TerminalInfo(isTerminal: true, columns: 80, rows: nil, colour: false), wide: false)
        #expect(lines.count == 3, "\(lines)")  // header, the row, the footer
        #expect(!lines.joined().unicodeScalars.contains { $0.value == 0x1B || $0 == "\n" })
    }
}
