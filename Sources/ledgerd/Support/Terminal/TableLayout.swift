/// Fitting a table's columns into a terminal's width: a pure function of the columns'
/// widths and priorities, so it is tested apart from any terminal.
///
/// Columns keep their natural width when everything fits. Otherwise the widest are narrowed
/// first, all to one cap (a short column is never cut to spare a long one), down to each
/// column's minimum; when even the minimums do not fit, the least important columns are
/// left out, and any that fit again afterwards are brought back.
struct TableLayout: Equatable {
    struct Column: Equatable {
        /// The widest cell (or header): the width that shows everything.
        var natural: Int
        /// Narrower than this the column is left out rather than cut.
        var minimum: Int
        /// Larger is kept longer.
        var priority: Int

        init(natural: Int, minimum: Int, priority: Int) {
            self.natural = max(0, natural)
            self.minimum = max(1, minimum)
            self.priority = priority
        }

        /// What the column can be narrowed to: its minimum, or less if it never needs that much.
        var floor: Int { min(natural, minimum) }
    }

    /// Each column's width, nil for one left out.
    var widths: [Int?]

    /// The columns shown, in order.
    var shown: [Int] { widths.indices.filter { widths[$0] != nil } }

    /// The columns left out, in order.
    var hidden: [Int] { widths.indices.filter { widths[$0] == nil } }

    /// True when a shown column is narrower than its content.
    func truncates(_ columns: [Column]) -> Bool {
        zip(widths, columns).contains { width, column in width.map { $0 < column.natural } ?? false }
    }

    /// The total width of the shown columns and the `gap` between each two.
    func totalWidth(gap: Int) -> Int {
        let shown = widths.compactMap { $0 }
        return shown.reduce(0, +) + gap * max(0, shown.count - 1)
    }

    /// Every column at its natural width: a pipe's table, or `--wide`.
    static func natural(_ columns: [Column]) -> TableLayout {
        TableLayout(widths: columns.map(\.natural))
    }

    /// `columns` fitted into `width` terminal columns with `gap` spaces between columns.
    /// Always shows at least one column (the most important), cut to `width` if need be.
    static func fit(_ columns: [Column], into width: Int, gap: Int = 2) -> TableLayout {
        let width = max(1, width)
        guard !columns.isEmpty else { return TableLayout(widths: []) }
        if natural(columns).totalWidth(gap: gap) <= width { return natural(columns) }

        func floors(_ kept: [Int]) -> Int { kept.reduce(0) { $0 + columns[$1].floor } + gap * max(0, kept.count - 1) }
        var kept = Array(columns.indices)
        var dropped: [Int] = []
        while kept.count > 1, floors(kept) > width {
            // The least important; of equals, the widest (it frees the most room).
            guard let victim = kept.min(by: { a, b in
                (columns[a].priority, -columns[a].natural, -a) < (columns[b].priority, -columns[b].natural, -b)
            }) else { break }
            kept.removeAll { $0 == victim }
            dropped.append(victim)
        }
        // Dropping a wide column may have made room for a narrower one dropped before it.
        for candidate in dropped.sorted(by: { columns[$0].priority > columns[$1].priority }) {
            let trial = (kept + [candidate]).sorted()
            if floors(trial) <= width { kept = trial }
        }

        var widths = [Int?](repeating: nil, count: columns.count)
        if kept.count == 1, let only = kept.first {
            widths[only] = min(columns[only].natural, width)
            return TableLayout(widths: widths)
        }
        let budget = width - gap * (kept.count - 1)
        func used(cap: Int) -> Int { kept.reduce(0) { $0 + max(columns[$1].floor, min(columns[$1].natural, cap)) } }
        // The largest cap under which the kept columns fit: found by bisection, as widths are small.
        var low = 0
        var high = kept.map { columns[$0].natural }.max() ?? 0
        while low < high {
            let mid = (low + high + 1) / 2
            if used(cap: mid) <= budget { low = mid } else { high = mid - 1 }
        }
        for i in kept { widths[i] = max(columns[i].floor, min(columns[i].natural, low)) }
        // What the cap leaves over goes, a column at a time, to the most important cut columns.
        var spare = budget - used(cap: low)
        let cut = kept.filter { (widths[$0] ?? 0) < columns[$0].natural }.sorted { columns[$0].priority > columns[$1].priority }
        for i in cut where spare > 0 {
            widths[i] = (widths[i] ?? 0) + 1
            spare -= 1
        }
        return TableLayout(widths: widths)
    }
}
