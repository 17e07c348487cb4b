import Ledger

/// Open cases with no lead professional in place, longest without first.
///
/// Every such case is listed; `flagged` marks those past their initial TAC meeting, which is
/// when the guidance expects a lead professional (the `no-lead-professional` flag).
public struct UnledCasesView: ViewOutput, Sendable {
    public struct Item: Sendable, Equatable {
        public var caseId: String
        public var childId: String
        public var openedOn: CalendarDate
        public var unledSince: CalendarDate
        public var daysUnled: Int
        public var initialMeetingOn: CalendarDate?
        public var previousLeadProfessional: String?
    }

    public let on: CalendarDate
    public let items: [Item]
    let directory: Directory

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

    public var caseIds: [String] { items.map(\.caseId) }

    public var columns: [String] { ["case", "child", "opened", "unled since", "days", "initial TAC", "previous lead professional"] }

    public var rows: [[String]] {
        items.map { item in
            [
                item.caseId, item.childId, item.openedOn.description, item.unledSince.description, String(item.daysUnled),
                item.initialMeetingOn?.description ?? "not yet held", nameLabel(item.previousLeadProfessional, directory),
            ]
        }
    }
}
