import Ledger

/// Open cases with no lead professional in place, longest without first.
///
/// Every such case is listed; `flagged` marks those past their initial TAC meeting, which is
/// when the guidance expects a lead professional (the `no-lead-professional` flag).
public struct UnledCasesView: ViewOutput, Sendable {
    /// One open case without a lead professional.
    public struct Item: Sendable, Equatable {
        /// The case's ID.
        public var caseId: CaseID
        /// The child's ID.
        public var childId: ChildID
        /// When the case was opened.
        public var openedOn: CalendarDate
        /// Since when it has had no lead professional (its opening, or when the last one's period ended).
        public var unledSince: CalendarDate
        /// Days without one on the evaluation date.
        public var daysUnled: Int
        /// When its initial TAC meeting was held, if it has been.
        public var initialMeetingOn: CalendarDate?
        /// The last lead professional it had, if any.
        public var previousLeadProfessional: PractitionerID?
    }

    /// The evaluation date.
    public let on: CalendarDate
    /// The unled open cases, longest without first.
    public let items: [Item]
    let directory: Directory

    /// The open cases without a lead professional on `date`.
    public init(source: some ViewSource, on date: CalendarDate) throws {
        var items: [Item] = []
        try source.forEachCase { record in
            guard record.isOpen, let since = record.unledSince else { return }
            items.append(
                Item(
                    caseId: record.caseId, childId: record.childId, openedOn: record.openedOn, unledSince: since,
                    daysUnled: max(0, date.days(since: since)), initialMeetingOn: record.initialMeeting?.heldOn,
                    previousLeadProfessional: record.leadPeriods.last?.practitionerId))
        }
        items.sort { $0.daysUnled > $1.daysUnled }
        self.on = date
        self.items = items
        self.directory = source.directory
    }

    /// The view's JSON: one object per case, with whether it is flagged.
    public var json: JSONValue {
        .array(
            items.map { item in
                .fields([
                    ("caseId", .text(item.caseId)),
                    ("childId", .text(item.childId)),
                    ("openedOn", .date(item.openedOn)),
                    ("unledSince", .date(item.unledSince)),
                    ("daysUnled", .int(item.daysUnled)),
                    ("initialMeetingOn", .date(item.initialMeetingOn)),
                    ("flagged", .bool(item.initialMeetingOn != nil)),
                    ("previousLeadProfessional", leadJSON(item.previousLeadProfessional, directory)),
                ])
            })
    }

    /// The cases listed.
    public var caseIds: [String] { items.map(\.caseId.rawValue) }

    /// Case, child, unled since, days, initial meeting, previous lead professional.
    public var tableColumns: [ViewColumn] {
        [
            ViewColumn("case", csv: ["Case ID"], priority: 100, minimumWidth: 14),
            ViewColumn("child", csv: ["Child ID"], priority: 60),
            ViewColumn("opened", csv: ["Opened on"], priority: 50, minimumWidth: 10),
            ViewColumn("unled since", short: "since", csv: ["Unled since"], priority: 70, minimumWidth: 10),
            ViewColumn("days", csv: ["Days unled"], priority: 90, minimumWidth: 4),
            ViewColumn("initial TAC", short: "TAC", csv: ["Initial TAC meeting held on"], priority: 40, minimumWidth: 10),
            .named("previous lead professional", short: "previous lead", csv: "Previous lead professional", priority: 30),
        ]
    }

    /// One row per case.
    public var cells: [[ViewCell]] {
        items.map { item in
            [
                .plain(item.caseId), .plain(item.childId), .plain(item.openedOn.description), .plain(item.unledSince.description),
                .plain(String(item.daysUnled)),
                // A spreadsheet's date column stays dates: a meeting not yet held is an empty cell.
                ViewCell(text: item.initialMeetingOn?.description ?? "not yet held", values: [item.initialMeetingOn?.description ?? ""]),
                .person(item.previousLeadProfessional, directory),
            ]
        }
    }
}
