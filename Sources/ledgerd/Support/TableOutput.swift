import ArgumentParser
import Projections

/// How a table is shown on a terminal; in a pipe neither option changes anything.
struct TableOptions: ParsableArguments {
    @Flag(help: "On a terminal, show every column in full instead of fitting the table to the width.")
    var wide = false

    @Flag(help: "On a terminal, print output taller than the screen instead of paging it through $PAGER (default: less -FRX).")
    var noPager = false
}

/// Prints a table: in a pipe or file, plain and complete (aligned, every column, no colour,
/// no footer, exactly as scripts have always read it); on a terminal, fitted to its width,
/// with a footer, in colour unless `NO_COLOR`, and paged when taller than the screen. Either
/// way control characters in a cell are shown as symbols (`VisibleText`).
enum TableOutput {
    static func print(
        columns: [ViewColumn], cells: [[ViewCell]], isRecord: Bool = false, noneWhenEmpty: Bool = true, options: TableOptions,
        terminal: TerminalInfo = .standardOutput()
    ) throws {
        let output = Output(fd: 1)
        let cells = visible(cells)
        if cells.isEmpty, noneWhenEmpty {
            try output.line("(none)")
            return try output.flush()
        }
        guard terminal.isTerminal else {
            var table = TextTable(headers: columns.map { isRecord ? "" : $0.title.uppercased() })
            table.rows = cells.map { $0.map(\.text) }
            let rendered = table.render()
            // A record has label/value rows and no header.
            try output.line(isRecord ? String(rendered.drop { $0 != "\n" }.dropFirst()) : rendered)
            return try output.flush()
        }
        let lines = TerminalTable(columns: columns, cells: cells, isRecord: isRecord).lines(for: terminal, wide: options.wide)
        let text = lines.joined(separator: "\n") + "\n"
        // Taller than the screen: the last line is the prompt's once the output ends.
        if !options.noPager, let rows = terminal.rows, lines.count >= rows, let pager = Pager.command(),
            Pager.show(text, through: pager)
        {
            return
        }
        try output.write(text)
        try output.flush()
    }

    /// `cells` as a table shows them: what authors typed is shown, never obeyed by the
    /// terminal, and keeps to its row (`VisibleText`). CSV values are left exact.
    static func visible(_ cells: [[ViewCell]]) -> [[ViewCell]] {
        cells.map { row in row.map { ViewCell(text: VisibleText.of($0.text), values: $0.values, identifier: $0.identifier) } }
    }

    /// A simple table of text cells (a command's own listing, not a view).
    static func columns(_ titles: [(title: String, csv: String, priority: Int)]) -> [ViewColumn] {
        titles.map { ViewColumn($0.title, csv: [$0.csv], priority: $0.priority) }
    }
}
