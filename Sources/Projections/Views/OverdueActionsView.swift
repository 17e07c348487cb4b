import Ledger

/// Open actions past their due date (DOMAIN.md, "Overdue actions"), most overdue first.
public struct OverdueActionsView: ViewOutput, Sendable {
    public struct Item: Sendable, Equatable {
        public var caseId: String
        public var action: ActionRecord
        public var daysOverdue: Int
        public var ownerAgencyId: String?
        public var leadProfessional: String?
        public var accountability: AccountabilityChain
    }

    /// Narrows the view; nil matches everything.
    public struct Filter: Sendable {
        public var agencyId: String?
        public var practitionerId: String?
        public var caseId: String?

        public init(agencyId: String? = nil, practitionerId: String? = nil, caseId: String? = nil) {
            self.agencyId = agencyId
            self.practitionerId = practitionerId
            self.caseId = caseId
        }
    }

    public let on: CalendarDate
    public let items: [Item]
    let directory: Directory

    public init(source: some ViewSource, on date: CalendarDate, filter: Filter = Filter()) throws {
        let directory = source.directory
        var items: [Item] = []
        try source.forEachOpenAction(dueBefore: date) { entry in
            if let caseId = filter.caseId, entry.caseId != caseId { return }
            let ownerId = entry.action.owner.practitionerId
            if let practitionerId = filter.practitionerId, ownerId != practitionerId { return }
            let ownerAgencyId = ownerId.flatMap { directory.practitioners[$0]?.agencyId }
            if let agencyId = filter.agencyId, ownerAgencyId != agencyId { return }
            items.append(
                Item(
                    caseId: entry.caseId, action: entry.action, daysOverdue: date.days(since: entry.action.dueOn),
                    ownerAgencyId: ownerAgencyId, leadProfessional: entry.leadProfessional,
                    accountability: .ofAction(
                        owner: entry.action.owner, caseId: entry.caseId, leadProfessional: entry.leadProfessional,
                        directory: directory)))
        }
        // Stable: equal days keep (dueOn, case, action) order from the source.
        items.sort { $0.daysOverdue > $1.daysOverdue }
        self.on = date
        self.items = items
        self.directory = directory
    }

    public var json: JSONValue {
        .array(
            items.map { item in
                var members: [(String, JSONValue)] = [
                    ("caseId", .text(item.caseId)),
                    ("actionId", .text(item.action.actionId)),
                    ("description", .text(item.action.description)),
                    ("dueOn", .date(item.action.dueOn)),
                    ("daysOverdue", .int(item.daysOverdue)),
                    ("owner", item.action.owner.json),
                    ("ownerAgencyId", .text(item.ownerAgencyId)),
                    ("escalated", .bool(item.action.isEscalated)),
                    ("leadProfessional", leadJSON(item.leadProfessional, directory)),
                    ("accountability", item.accountability.linksJSON),
                ]
                if let problem = item.accountability.problem { members.append(("accountabilityProblem", .text(problem))) }
                return .fields(members)
            })
    }

    public var columns: [String] {
        ["case", "action", "description", "due", "days overdue", "owner", "owner's agency", "escalated", "lead professional",
         "accountable to"]
    }

    public var rows: [[String]] {
        items.map { item in
            [
                item.caseId, item.action.actionId, item.action.description, item.action.dueOn.description,
                String(item.daysOverdue), item.action.owner.label(directory),
                item.ownerAgencyId.map { directory.agencies[$0]?.name ?? $0 } ?? "",
                item.action.isEscalated ? "yes" : "no", nameLabel(item.leadProfessional, directory),
                item.accountability.label,
            ]
        }
    }
}
