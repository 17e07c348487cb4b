import Ledger

/// Open cases whose latest TAC meeting set a review date that has passed.
public struct OverdueReviewsView: ViewOutput, Sendable {
    public struct Item: Sendable, Equatable {
        public var caseId: String
        public var meeting: MeetingRecord
        public var reviewDue: CalendarDate
        public var daysOverdue: Int
        public var leadProfessional: String?
    }

    public let on: CalendarDate
    public let items: [Item]
    let directory: Directory

    public init(source: some ViewSource, on date: CalendarDate) throws {
        var items: [Item] = []
        try source.forEachCase { record in
            guard record.isOpen, let meeting = record.latestMeeting, let due = meeting.nextReviewDue, due < date else { return }
            items.append(
                Item(
                    caseId: record.caseId, meeting: meeting, reviewDue: due, daysOverdue: date.days(since: due),
                    leadProfessional: record.leadProfessional))
        }
        items.sort { $0.daysOverdue > $1.daysOverdue }
        self.on = date
        self.items = items
        self.directory = source.directory
    }

    public var json: JSONValue {
        .array(
            items.map { item in
                .fields([
                    ("caseId", .text(item.caseId)),
                    ("reviewDue", .date(item.reviewDue)),
                    ("daysOverdue", .int(item.daysOverdue)),
                    ("lastMeeting", .fields([
                        ("meetingId", .text(item.meeting.meetingId)),
                        ("kind", .text(item.meeting.kind)),
                        ("heldOn", .date(item.meeting.heldOn)),
                    ])),
                    ("leadProfessional", leadJSON(item.leadProfessional, directory)),
                ])
            })
    }

    public var caseIds: [String] { items.map(\.caseId) }

    public var columns: [String] { ["case", "review due", "days overdue", "last meeting", "held on", "lead professional"] }

    public var rows: [[String]] {
        items.map { item in
            [
                item.caseId, item.reviewDue.description, String(item.daysOverdue),
                "\(item.meeting.meetingId) (\(item.meeting.kind))", item.meeting.heldOn.description,
                nameLabel(item.leadProfessional, directory),
            ]
        }
    }
}
