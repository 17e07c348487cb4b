import Ledger

/// Open cases with at least one policy flag, by caseId.
public struct FlagsView: ViewOutput, Sendable {
    /// One flagged case.
    public struct Item: Sendable, Equatable {
        /// The case's ID.
        public var caseId: CaseID
        /// Its flags, in `CaseFlag` order.
        public var flags: [CaseFlag]
    }

    /// The evaluation date.
    public let on: CalendarDate
    /// Flagged open cases, by case ID.
    public let items: [Item]

    /// Only cases carrying `flag`, when given.
    public init(source: some ViewSource, on date: CalendarDate, only flag: CaseFlag? = nil) throws {
        let directory = source.directory
        var items: [Item] = []
        try source.forEachCase { record in
            let flags = CaseFlag.evaluate(record, directory: directory, on: date)
            guard !flags.isEmpty, flag.map(flags.contains) ?? true else { return }
            items.append(Item(caseId: record.caseId, flags: flags))
        }
        self.on = date
        self.items = items
    }

    /// The view's JSON: one object per case with its flags.
    public var json: JSONValue {
        .array(items.map { .fields([("caseId", .text($0.caseId)), ("flags", .strings($0.flags.map(\.rawValue)))]) })
    }

    /// The flagged cases.
    public var caseIds: [String] { items.map(\.caseId.rawValue) }

    /// Case ID and flags.
    public var tableColumns: [ViewColumn] {
        [ViewColumn("case", csv: ["Case ID"], priority: 100, minimumWidth: 14), ViewColumn("flags", csv: ["Flags"], priority: 50)]
    }

    /// One row per case, its flags joined with commas.
    public var cells: [[ViewCell]] { items.map { [.plain($0.caseId), .plain($0.flags.map(\.rawValue).joined(separator: ", "))] } }
}
