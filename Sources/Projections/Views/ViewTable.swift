import Ledger

/// One column of a view's table: what people read as its header, what a spreadsheet gets
/// as its headers, and how much it matters when a terminal is too narrow for all of them.
public struct ViewColumn: Sendable, Equatable {
    /// The table's header, as today's pipes print it (upper-cased).
    public var title: String
    /// A shorter header for a column narrowed below `title`'s width (`days` for `days overdue`).
    public var shortTitle: String?
    /// The CSV headers: one per value each of the column's cells gives (`Owner name`, `Owner ID`).
    public var csvTitles: [String]
    /// Larger is kept longer: on a narrow terminal the lowest-priority columns go first.
    public var priority: Int
    /// Cells are not cut below this many columns (unless the whole terminal is narrower).
    public var minimumWidth: Int

    /// A column headed `title` (and `short` when narrowed), with its CSV headers and priority.
    public init(_ title: String, short: String? = nil, csv: [String], priority: Int, minimumWidth: Int = 8) {
        self.title = title
        self.shortTitle = short
        self.csvTitles = csv
        self.priority = priority
        self.minimumWidth = minimumWidth
    }

    /// A column of a person (or agency): `Name (id)` in a table, name and ID apart in CSV.
    public static func named(_ title: String, short: String? = nil, csv: String, priority: Int, minimumWidth: Int = 12) -> ViewColumn {
        ViewColumn(title, short: short, csv: ["\(csv) name", "\(csv) ID"], priority: priority, minimumWidth: minimumWidth)
    }
}

/// One cell: the text a table shows and the values a spreadsheet gets, one per CSV column.
public struct ViewCell: Sendable, Equatable {
    /// As a table prints it.
    public var text: String
    /// As CSV writes it; as many as the column's `csvTitles` (a short list is padded with empty cells).
    public var values: [String]
    /// A trailing part of `text` that only identifies (` (prac-000160)`): a colour terminal dims it.
    public var identifier: String?

    /// A cell showing `text`, giving `values` to CSV, with `identifier` dimmed.
    public init(text: String, values: [String], identifier: String? = nil) {
        self.text = text
        self.values = values
        self.identifier = identifier
    }

    /// A single value, shown as it is.
    public static func plain(_ value: String) -> ViewCell { ViewCell(text: value, values: [value]) }

    /// An ID, shown as it is spelt.
    public static func plain<Kind>(_ id: Identifier<Kind>) -> ViewCell { plain(id.rawValue) }

    /// A person by ID: `Name (id)`, the bare ID if the directory does not know them, empty for none.
    static func person(_ id: PractitionerID?, _ directory: Directory) -> ViewCell {
        guard let id else { return ViewCell(text: "", values: ["", ""]) }
        guard let name = directory.name(of: id) else { return ViewCell(text: id.rawValue, values: ["", id.rawValue]) }
        return ViewCell(text: "\(name) (\(id))", values: [name, id.rawValue], identifier: " (\(id))")
    }

    /// An agency by ID: its name in a table (as the views always printed it), name and ID in CSV.
    static func agency(_ id: AgencyID?, _ directory: Directory) -> ViewCell {
        guard let id else { return ViewCell(text: "", values: ["", ""]) }
        let name = directory.agencies[id]?.name
        return ViewCell(text: name ?? id.rawValue, values: [name ?? "", id.rawValue])
    }

    /// An action's owner: a practitioner as `person`, a family member by their role.
    static func owner(_ owner: ActionOwner, _ directory: Directory) -> ViewCell {
        switch owner {
        case .practitioner(let id): person(id, directory)
        case .family(let member): ViewCell(text: owner.label(directory), values: ["family: \(member)", ""])
        }
    }

    /// An accountability line: the chain in a table; the chain and any problem apart in CSV.
    static func chain(_ chain: AccountabilityChain) -> ViewCell {
        ViewCell(text: chain.label, values: [chain.line, chain.problem ?? ""])
    }
}

extension ViewOutput {
    /// The table's headers, as a pipe prints them (lower case; upper-cased on print).
    public var columns: [String] { tableColumns.map(\.title) }

    /// Each row's cells as text, as a pipe prints them.
    public var rows: [[String]] { cells.map { $0.map(\.text) } }

    /// The CSV header row: every column's `csvTitles`.
    public var csvHeader: [String] { tableColumns.flatMap(\.csvTitles) }

    /// Each row as CSV values, one per header; never ragged, whatever a cell holds.
    public var csvRows: [[String]] {
        let counts = tableColumns.map(\.csvTitles.count)
        return cells.map { row in
            var values: [String] = []
            for (i, count) in counts.enumerated() {
                let cell = i < row.count ? row[i].values : []
                values += cell.prefix(count)
                if cell.count < count { values += Array(repeating: "", count: count - cell.count) }
            }
            return values
        }
    }

    /// A record (one case) is label/value rows under no header.
    public var isRecord: Bool { false }
}
