import Ledger

/// Per practitioner and per agency: open cases led, open actions owned, and how many of
/// those are overdue. Only practitioners with something on their books are listed, and over
/// a scoped source only those inside its scope (`CaseScope.includes`): their rows are whole,
/// since every case they lead or own an action in involves them and so is visible.
public struct CaseloadView: ViewOutput, Sendable {
    /// What one practitioner (or agency) has on their books.
    public struct Load: Sendable, Equatable {
        /// Open cases they lead.
        public var casesLed = 0
        /// Open actions they own (actions owned by the family count for no one).
        public var openActions = 0
        /// Those of their open actions past their due date.
        public var overdueActions = 0

        /// A load of these counts (all zero by default).
        public init(casesLed: Int = 0, openActions: Int = 0, overdueActions: Int = 0) {
            self.casesLed = casesLed
            self.openActions = openActions
            self.overdueActions = overdueActions
        }
    }

    /// One practitioner's row.
    public struct PractitionerLoad: Sendable, Equatable {
        /// The practitioner's ID.
        public var practitionerId: PractitionerID
        /// Their agency, if the directory knows them.
        public var agencyId: AgencyID?
        /// Their counts.
        public var load: Load
    }

    /// One agency's totals over its listed practitioners.
    public struct AgencyLoad: Sendable, Equatable {
        /// The agency's ID (empty for practitioners the directory does not know).
        public var agencyId: AgencyID
        /// How many of its practitioners are listed.
        public var practitioners: Int
        /// The sum of their counts.
        public var load: Load
    }

    /// The evaluation date.
    public let on: CalendarDate
    /// Practitioners with something on their books, by agency then ID.
    public let practitioners: [PractitionerLoad]
    /// Agency totals, by agency ID.
    public let agencies: [AgencyLoad]
    let directory: Directory

    /// Caseloads on `date`, narrowed to an agency or one practitioner when given.
    public init(
        source: some ViewSource, on date: CalendarDate, agencyId: AgencyID? = nil, practitionerId: PractitionerID? = nil
    ) throws {
        let directory = source.directory
        var loads: [PractitionerID: Load] = [:]
        try source.forEachCase { record in
            guard record.isOpen, let lead = record.leadProfessional else { return }
            loads[lead, default: Load()].casesLed += 1
        }
        try source.forEachOpenAction(dueBefore: nil) { entry in
            guard let owner = entry.action.owner.practitionerId else { return }
            loads[owner, default: Load()].openActions += 1
            if entry.action.dueOn < date { loads[owner, default: Load()].overdueActions += 1 }
        }
        var practitioners: [PractitionerLoad] = []
        var agencies: [AgencyID: AgencyLoad] = [:]
        let scope = source.scope
        for (id, load) in loads {
            guard scope.includes(practitioner: id, in: directory) else { continue }
            let agency = directory.practitioners[id]?.agencyId
            if let practitionerId, id != practitionerId { continue }
            if let agencyId, agency != agencyId { continue }
            practitioners.append(PractitionerLoad(practitionerId: id, agencyId: agency, load: load))
            let key = agency ?? ""
            var total = agencies[key] ?? AgencyLoad(agencyId: key, practitioners: 0, load: Load())
            total.practitioners += 1
            total.load.casesLed += load.casesLed
            total.load.openActions += load.openActions
            total.load.overdueActions += load.overdueActions
            agencies[key] = total
        }
        practitioners.sort { ($0.agencyId ?? "", $0.practitionerId) < ($1.agencyId ?? "", $1.practitionerId) }
        self.on = date
        self.practitioners = practitioners
        self.agencies = agencies.values.sorted { $0.agencyId < $1.agencyId }
        self.directory = directory
    }

    private func loadMembers(_ load: Load) -> [(String, JSONValue)] {
        [("casesLed", .int(load.casesLed)), ("openActions", .int(load.openActions)), ("overdueActions", .int(load.overdueActions))]
    }

    /// The view's JSON: practitioners and agency totals.
    public var json: JSONValue {
        .fields([
            ("practitioners", .array(practitioners.map { p in
                .fields([
                    ("practitionerId", .text(p.practitionerId)),
                    ("name", .text(directory.name(of: p.practitionerId))),
                    ("agencyId", .text(p.agencyId)),
                ] + loadMembers(p.load))
            })),
            ("agencies", .array(agencies.map { a in
                .fields([
                    ("agencyId", .text(a.agencyId)),
                    ("name", .text(directory.agencies[a.agencyId]?.name)),
                    ("practitioners", .int(a.practitioners)),
                ] + loadMembers(a.load))
            })),
        ])
    }

    /// Counts per practitioner and agency: no one case.
    public var caseIds: [String] { [] }

    /// One row per practitioner: name, agency, and the three counts.
    public var tableColumns: [ViewColumn] {
        [
            .named("agency", csv: "Agency", priority: 60),
            .named("practitioner", csv: "Practitioner", priority: 100, minimumWidth: 16),
            ViewColumn("cases led", short: "led", csv: ["Cases led"], priority: 90, minimumWidth: 3),
            ViewColumn("open actions", short: "open", csv: ["Open actions"], priority: 80, minimumWidth: 4),
            ViewColumn("overdue actions", short: "overdue", csv: ["Overdue actions"], priority: 85, minimumWidth: 7),
        ]
    }

    /// Each agency's practitioners, then the agency's total.
    public var cells: [[ViewCell]] {
        var rows: [[ViewCell]] = []
        for agency in agencies {
            let agencyCell = ViewCell.agency(agency.agencyId, directory)
            for p in practitioners where (p.agencyId ?? "") == agency.agencyId {
                rows.append([
                    agencyCell, .person(p.practitionerId, directory), .plain(String(p.load.casesLed)), .plain(String(p.load.openActions)),
                    .plain(String(p.load.overdueActions)),
                ])
            }
            let total = "total (\(agency.practitioners) practitioners)"
            rows.append([
                agencyCell, ViewCell(text: total, values: [total, ""]), .plain(String(agency.load.casesLed)),
                .plain(String(agency.load.openActions)), .plain(String(agency.load.overdueActions)),
            ])
        }
        return rows
    }
}
