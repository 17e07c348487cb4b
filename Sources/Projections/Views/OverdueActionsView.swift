import Ledger

/// Open actions past their due date (DOMAIN.md, "Overdue actions"), most overdue first.
public struct OverdueActionsView: ViewOutput, Sendable {
    /// One overdue action.
    public struct Item: Sendable, Equatable {
        /// The action's case.
        public var caseId: CaseID
        /// The action as it stands.
        public var action: ActionRecord
        /// Days past its due date on the evaluation date (at least 1).
        public var daysOverdue: Int
        /// The owner's agency; nil for a family-owned action or an unknown owner.
        public var ownerAgencyId: AgencyID?
        /// The case's lead professional, if any.
        public var leadProfessional: PractitionerID?
        /// Who answers for the action: the owner's line (or the lead professional's).
        public var accountability: AccountabilityChain
        /// Whose line `accountability` is: the owner, or for a family-owned action the LP.
        var accountableId: PractitionerID?
    }

    /// Narrows the view; nil matches everything.
    public struct Filter: Sendable {
        /// Only actions owned by practitioners of this agency.
        public var agencyId: AgencyID?
        /// Only actions owned by this practitioner.
        public var practitionerId: PractitionerID?
        /// Only this case's actions.
        public var caseId: CaseID?

        /// A filter of the given narrowings; none narrows nothing.
        public init(agencyId: AgencyID? = nil, practitionerId: PractitionerID? = nil, caseId: CaseID? = nil) {
            self.agencyId = agencyId
            self.practitionerId = practitionerId
            self.caseId = caseId
        }
    }

    /// The evaluation date.
    public let on: CalendarDate
    /// The overdue actions, most overdue first (ties in due date, case and action order).
    public let items: [Item]
    let directory: Directory

    /// The actions overdue on `date` that `filter` lets through.
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
                        directory: directory),
                    accountableId: ownerId ?? entry.leadProfessional))
        }
        // Stable: equal days keep (dueOn, case, action) order from the source.
        items.sort { $0.daysOverdue > $1.daysOverdue }
        self.on = date
        self.items = items
        self.directory = directory
    }

    /// The view's JSON (`schemas/views/overdue.schema.json`), each chain built once however many items share it.
    public var json: JSONValue {
        // Thousands of items share a few thousand chains: each chain's JSON is built once.
        var linksJSON: [PractitionerID: JSONValue] = [:]
        return .array(
            items.map { item in
                let links: JSONValue
                if let id = item.accountableId {
                    links = linksJSON[id] ?? item.accountability.linksJSON
                    linksJSON[id] = links
                } else {
                    links = item.accountability.linksJSON
                }
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
                    ("accountability", links),
                ]
                if let problem = item.accountability.problem { members.append(("accountabilityProblem", .text(problem))) }
                return .fields(members)
            })
    }

    /// Written directly, not via `json`'s tree: this view runs to thousands of items and is
    /// the one managers ask for most. A test holds the two to the same bytes.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(capacity: items.count * 900)
        w.beginArray()
        for item in items {
            let a = item.action
            w.beginObject()
            w.key("caseId")
            w.string(item.caseId.rawValue)
            w.key("actionId")
            w.string(a.actionId.rawValue)
            w.key("description")
            w.string(a.description)
            w.key("dueOn")
            w.string(a.dueOn.description)
            w.key("daysOverdue")
            w.int(item.daysOverdue)
            w.key("owner")
            w.beginObject()
            switch a.owner {
            case .practitioner(let id):
                w.key("practitionerId")
                w.string(id.rawValue)
            case .family(let member):
                w.key("familyMember")
                w.string(member.rawValue)
            }
            w.endObject()
            w.key("ownerAgencyId")
            w.string(item.ownerAgencyId?.rawValue)
            w.key("escalated")
            w.bool(a.isEscalated)
            w.key("leadProfessional")
            if let lead = item.leadProfessional {
                w.beginObject()
                w.key("practitionerId")
                w.string(lead.rawValue)
                w.key("name")
                w.string(directory.name(of: lead))
                w.endObject()
            } else {
                w.null()
            }
            w.key("accountability")
            if let id = item.accountableId {
                w.raw(directory.chainLinksJSON(of: id))
            } else {
                w.value(item.accountability.linksJSON)
            }
            if let problem = item.accountability.problem {
                w.key("accountabilityProblem")
                w.string(problem)
            }
            w.endObject()
        }
        w.endArray()
        return w.bytes
    }

    /// The cases of the items, repeated per action.
    public var caseIds: [String] { items.map(\.caseId.rawValue) }

    /// Case, action, owner, due date, days overdue, lead professional, accountable line.
    public var tableColumns: [ViewColumn] {
        [
            ViewColumn("case", csv: ["Case ID"], priority: 100, minimumWidth: 14),
            ViewColumn("action", csv: ["Action ID"], priority: 60, minimumWidth: 6),
            ViewColumn("description", csv: ["Description"], priority: 50, minimumWidth: 12),
            ViewColumn("due", csv: ["Due date"], priority: 70, minimumWidth: 10),
            ViewColumn("days overdue", short: "days", csv: ["Days overdue"], priority: 90, minimumWidth: 4),
            .named("owner", csv: "Owner", priority: 80),
            .named("owner's agency", short: "agency", csv: "Owner's agency", priority: 30),
            ViewColumn("escalated", short: "esc", csv: ["Escalated"], priority: 40, minimumWidth: 3),
            .named("lead professional", short: "lead", csv: "Lead professional", priority: 20),
            ViewColumn("accountable to", csv: ["Accountable to", "Accountability problem"], priority: 10, minimumWidth: 12),
        ]
    }

    /// One row per overdue action.
    public var cells: [[ViewCell]] {
        items.map { item in
            [
                .plain(item.caseId), .plain(item.action.actionId), .plain(item.action.description), .plain(item.action.dueOn.description),
                .plain(String(item.daysOverdue)), .owner(item.action.owner, directory),
                .agency(item.ownerAgencyId, directory),
                .plain(item.action.isEscalated ? "yes" : "no"), .person(item.leadProfessional, directory),
                .chain(item.accountability),
            ]
        }
    }
}
