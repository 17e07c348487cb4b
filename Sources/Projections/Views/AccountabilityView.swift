import Ledger

/// The accountability chain of a practitioner, an action or a case, on a date.
public struct AccountabilityView: ViewOutput, Sendable {
    /// What the chain is asked for.
    public enum Subject: Sendable, Equatable {
        /// A practitioner: their line managers, agency and authority.
        case practitioner(PractitionerID)
        /// An action: its owner's line, or the lead professional's for a family-owned action.
        case action(caseId: CaseID, actionId: ActionID)
        /// A case: its lead professional's line.
        case `case`(CaseID)
    }

    /// Why no chain can be given; the HTTP API answers 404.
    public enum Failure: Error, CustomStringConvertible {
        /// No such case (on the evaluation date, or within the source's scope).
        case unknownCase(CaseID)
        /// Asked over a scoped source about a practitioner outside its scope.
        case unknownPractitioner(PractitionerID)
        /// The case has no action with this ID on the evaluation date.
        case unknownAction(caseId: CaseID, actionId: ActionID)

        /// The subject and what was not found, for a problem's detail.
        public var description: String {
            switch self {
            case .unknownCase(let id): "no case \(id) on the evaluation date"
            case .unknownPractitioner(let id): "no practitioner \(id) on the evaluation date"
            case .unknownAction(let caseId, let actionId): "case \(caseId) has no action \(actionId) on the evaluation date"
            }
        }
    }

    /// The evaluation date.
    public let on: CalendarDate
    /// What the chain was asked for.
    public let subject: Subject
    /// The chain, as the directory stands (on the evaluation date, for a replay).
    public let chain: AccountabilityChain

    /// The chain for `subject` from `source`; throws `Failure` for a case, action or (scoped)
    /// practitioner the source does not hold.
    public init(source: some ViewSource, subject: Subject, on date: CalendarDate) throws {
        let directory = source.directory
        switch subject {
        case .practitioner(let id):
            // Outside the scope is not found, as an invisible case is; unscoped, an unknown
            // practitioner still answers with the chain's problem.
            guard source.scope.includes(practitioner: id, in: directory) else { throw Failure.unknownPractitioner(id) }
            chain = directory.chain(of: id)
        case .action(let caseId, let actionId):
            guard let record = try source.caseRecord(caseId) else { throw Failure.unknownCase(caseId) }
            guard let action = record.actions.last(where: { $0.actionId == actionId }) else {
                throw Failure.unknownAction(caseId: caseId, actionId: actionId)
            }
            chain = .ofAction(owner: action.owner, caseId: caseId, leadProfessional: record.leadProfessional, directory: directory)
        case .case(let caseId):
            guard let record = try source.caseRecord(caseId) else { throw Failure.unknownCase(caseId) }
            chain = .ofCase(caseId, leadProfessional: record.leadProfessional, directory: directory)
        }
        self.on = date
        self.subject = subject
    }

    /// The view's JSON (`schemas/views/accountability.schema.json`): the subject, the date and the links.
    public var json: JSONValue {
        let subjectJSON: JSONValue =
            switch subject {
            case .practitioner(let id): .fields([("practitionerId", .text(id))])
            case .action(let caseId, let actionId): .fields([("caseId", .text(caseId)), ("actionId", .text(actionId))])
            case .case(let caseId): .fields([("caseId", .text(caseId))])
            }
        return .fields([
            ("subject", subjectJSON),
            ("on", .date(on)),
            ("chain", chain.linksJSON),
            ("problem", .text(chain.problem)),
        ])
    }

    /// The case of a case's or an action's chain; a practitioner's chain names no case.
    public var caseIds: [String] {
        switch subject {
        case .practitioner: []
        case .action(let caseId, _), .case(let caseId): [caseId.rawValue]
        }
    }

    /// One row per link: kind, name and ID, role.
    public var tableColumns: [ViewColumn] {
        [
            ViewColumn("#", csv: ["Position"], priority: 100, minimumWidth: 1),
            ViewColumn("kind", csv: ["Kind"], priority: 60),
            ViewColumn("id", csv: ["ID"], priority: 70),
            ViewColumn("name", csv: ["Name"], priority: 90, minimumWidth: 12),
            ViewColumn("role", csv: ["Role"], priority: 50),
        ]
    }

    /// The links in order, then the problem as a last row if the chain stops short.
    public var cells: [[ViewCell]] {
        var rows = chain.links.enumerated().map { i, link in
            [String(i + 1), link.kind.rawValue, link.id, link.name,
             link.kind == .authority ? "DCS: \(link.director ?? "")" : (link.role ?? "")].map(ViewCell.plain)
        }
        if let problem = chain.problem { rows.append(["!", "problem", "", problem, ""].map(ViewCell.plain)) }
        return rows
    }
}
