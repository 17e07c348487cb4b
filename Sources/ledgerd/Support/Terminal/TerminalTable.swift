import Projections

/// A table as a person at a terminal sees it: fitted to the width (long cells cut with `…`,
/// the least important columns left out, a record's values folded onto more lines), the
/// header bold and IDs dimmed where colour is wanted, and a footer with the row count and
/// what was left out.
struct TerminalTable {
    var columns: [ViewColumn]
    var cells: [[ViewCell]]
    /// Label/value rows with no header and no footer (one case).
    var isRecord = false

    private static let gap = 2

    /// The lines to print, each at most `terminal.columns` wide unless `wide` asks for everything.
    func lines(for terminal: TerminalInfo, wide: Bool) -> [String] {
        let cellWidths = columns.indices.map { i in
            cells.reduce(0) { widest, row in i < row.count ? max(widest, DisplayWidth.of(row[i].text)) : widest }
        }
        func measured(shortTitles: Bool) -> [TableLayout.Column] {
            columns.indices.map { i in
                let column = columns[i]
                let short = isRecord ? 0 : DisplayWidth.of(column.shortTitle ?? "")
                let title = isRecord ? 0 : (shortTitles && column.shortTitle != nil ? short : DisplayWidth.of(column.title))
                return TableLayout.Column(
                    natural: max(cellWidths[i], title), minimum: max(column.minimumWidth, short), priority: column.priority)
            }
        }
        // A table too wide for the terminal first trades long headers for short ones (DAYS for
        // DAYS OVERDUE): room for the cells that carry the information.
        var layoutColumns = measured(shortTitles: false)
        if !wide, TableLayout.natural(layoutColumns).totalWidth(gap: Self.gap) > terminal.columns {
            layoutColumns = measured(shortTitles: true)
        }
        let layout = wide ? TableLayout.natural(layoutColumns) : TableLayout.fit(layoutColumns, into: terminal.columns, gap: Self.gap)
        let shown = layout.shown
        let widths = shown.map { layout.widths[$0] ?? 0 }
        var lines: [String] = []
        if !isRecord {
            let headers = shown.map { i in header(columns[i], width: layout.widths[i] ?? 0) }
            lines.append(join(headers.map { Piece(text: $0) }, widths: widths, style: .bold, colour: terminal.colour))
        }
        for row in cells {
            let picked = shown.map { i in i < row.count ? row[i] : ViewCell.plain("") }
            if isRecord, !wide {
                lines += folded(picked, widths: widths, colour: terminal.colour)
            } else {
                let texts = zip(picked, widths).map { cell, width -> Piece in
                    let text = DisplayWidth.truncate(cell.text, to: width)
                    // An ID is dimmed only when it is shown whole: half an ID dimmed reads as a glitch.
                    return Piece(text: text, identifier: text == cell.text ? cell.identifier : nil)
                }
                lines.append(join(texts, widths: widths, style: nil, colour: terminal.colour))
            }
        }
        if !isRecord {
            lines += footer(layout: layout, truncated: !wide && layout.truncates(layoutColumns), width: wide ? .max : terminal.columns)
                .map { ANSIStyle.dim.apply($0, when: terminal.colour) }
        }
        return lines
    }

    /// The row count, and what `--wide` would add.
    func footer(layout: TableLayout, truncated: Bool, width: Int) -> [String] {
        var text = cells.count == 1 ? "1 row" : "\(cells.count) rows"
        let hidden = layout.hidden.map { columns[$0].title }
        if !hidden.isEmpty {
            text += "; not shown: \(hidden.joined(separator: ", ")) (--wide shows every column in full)"
        } else if truncated {
            text += "; cells cut with … (--wide shows them in full)"
        }
        return width == .max ? [text] : DisplayWidth.fold(text, to: width)
    }

    private func header(_ column: ViewColumn, width: Int) -> String {
        let title = column.title.uppercased()
        if DisplayWidth.of(title) <= width { return title }
        if let short = column.shortTitle?.uppercased(), DisplayWidth.of(short) <= width { return short }
        return DisplayWidth.truncate(title, to: width)
    }

    /// A cell's text as shown, and the identifying part at its end to dim.
    private struct Piece {
        var text: String
        var identifier: String?

        init(text: String, identifier: String? = nil) {
            self.text = text
            self.identifier = identifier.flatMap { text.hasSuffix($0) ? $0 : nil }
        }
    }

    /// Cells padded to their widths; trailing padding dropped so no line ends in spaces.
    private func join(_ cells: [Piece], widths: [Int], style: ANSIStyle?, colour: Bool) -> String {
        var line = ""
        for (i, cell) in cells.enumerated() {
            if i > 0 { line += String(repeating: " ", count: Self.gap) }
            var styled = cell.text
            if let identifier = cell.identifier, colour {
                styled = String(cell.text.dropLast(identifier.count)) + ANSIStyle.dim.apply(identifier, when: true)
            }
            if let style { styled = style.apply(styled, when: colour) }
            line += styled
            let pad = (i < widths.count ? widths[i] : 0) - DisplayWidth.of(cell.text)
            if pad > 0 { line += String(repeating: " ", count: pad) }
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    /// A record's row: the label cut to its column, the value folded onto as many lines as it needs.
    private func folded(_ cells: [ViewCell], widths: [Int], colour: Bool) -> [String] {
        guard let value = cells.last, let valueWidth = widths.last else { return [] }
        let labels = zip(cells.dropLast(), widths.dropLast()).map { cell, width in DisplayWidth.truncate(cell.text, to: width) }
        let indent = widths.dropLast().reduce(0) { $0 + $1 + Self.gap }
        let pieces = DisplayWidth.fold(value.text, to: valueWidth)
        return pieces.enumerated().map { n, piece in
            if n == 0 {
                let last = Piece(text: piece, identifier: pieces.count == 1 ? value.identifier : nil)
                return join(labels.map { Piece(text: $0) } + [last], widths: widths, style: nil, colour: colour)
            }
            return String(repeating: " ", count: indent) + piece
        }
    }
}
