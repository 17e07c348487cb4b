import Ledger

/// Open cases whose latest TAC meeting set a review date that has passed.
public struct OverdueReviewsView: ViewOutput, Sendable {
    /// One case whose review is overdue.
    public struct Item: Sendable, Equatable {
        /// The case's ID.
        public var caseId: CaseID
        /// Its latest TAC meeting, which set the review date.
        public var meeting: MeetingRecord
        /// The review date that has passed.
        public var reviewDue: CalendarDate
        /// Days since it passed.
        public var daysOverdue: Int
        /// The case's lead professional, if any: who should convene the review.
        public var leadProfessional: PractitionerID?
    }

    /// The evaluation date.
    public let on: CalendarDate
    /// Cases with an overdue review, most overdue first.
    public let items: [Item]
    let directory: Directory

    /// The open cases whose latest meeting's review date is before `date`.
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

    /// The view's JSON: one object per case.
    public var json: JSONValue {
        .array(
            items.map { item in
                .fields([
                    ("caseId", .text(item.caseId)),
                    ("reviewDue", .date(item.reviewDue)),
                    ("daysOverdue", .int(item.daysOverdue)),
                    ("lastMeeting", .fields([
                        ("meetingId", .text(item.meeting.meetingId)),
                        ("kind", .text(item.meeting.kind.rawValue)),
                        ("heldOn", .date(item.meeting.heldOn)),
                    ])),
                    ("leadProfessional", leadJSON(item.leadProfessional, directory)),
                ])
            })
    }

    /// The cases listed.
    public var caseIds: [String] { items.map(\.caseId.rawValue) }

    /// Case, meeting, review due, days overdue, lead professional.
    public var tableColumns: [ViewColumn] {
        [
            ViewColumn("case", csv: ["Case ID"], priority: 100, minimumWidth: 14),
            ViewColumn("review due", short: "due", csv: ["Review due"], priority: 80, minimumWidth: 10),
            ViewColumn("days overdue", short: "days", csv: ["Days overdue"], priority: 90, minimumWidth: 4),
            ViewColumn("last meeting", short: "meeting", csv: ["Last meeting ID", "Last meeting kind"], priority: 40),
            ViewColumn("held on", csv: ["Last meeting held on"], priority: 50, minimumWidth: 10),
            .named("lead professional", short: "lead", csv: "Lead professional", priority: 60),
        ]
    }

    /// One row per case.
    public var cells: [[ViewCell]] {
        items.map { item in
            [
                .plain(item.caseId), .plain(item.reviewDue.description), .plain(String(item.daysOverdue)),
                ViewCell(
                    text: "\(item.meeting.meetingId) (\(item.meeting.kind))", values: [item.meeting.meetingId.rawValue, item.meeting.kind.rawValue],
                    identifier: nil),
                .plain(item.meeting.heldOn.description), .person(item.leadProfessional, directory),
            ]
        }
    }
}
