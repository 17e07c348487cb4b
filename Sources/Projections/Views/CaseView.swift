import Ledger

/// One case as it stands on a date: the manager's and auditor's whole picture.
public struct CaseView: ViewOutput, Sendable {
    /// The evaluation date.
    public let on: CalendarDate
    /// The case's record, as its events up to the evaluation date left it.
    public let record: CaseRecord
    /// The case's flags on the evaluation date.
    public let flags: [CaseFlag]
    let directory: Directory

    /// The case as `record` stands on `date`, its flags judged against `directory`.
    public init(record: CaseRecord, directory: Directory, on date: CalendarDate) {
        self.on = date
        self.record = record
        self.flags = CaseFlag.evaluate(record, directory: directory, on: date)
        self.directory = directory
    }

    private func actionJSON(_ a: ActionRecord) -> JSONValue {
        .fields([
            ("actionId", .text(a.actionId)),
            ("description", .text(a.description)),
            ("owner", a.owner.json),
            ("needId", .text(a.needId)),
            ("agreedOn", .date(a.agreedOn)),
            ("dueOn", .date(a.dueOn)),
            ("originalDueOn", .date(a.originalDueOn)),
            ("state", .text(a.state.name)),
            ("closedOn", .date(a.closedOn)),
            ("overdue", .bool(a.isOverdue(on: on))),
            ("daysOverdue", a.isOverdue(on: on) ? JSONValue.int(on.days(since: a.dueOn)) : JSONValue.null),
            ("escalations", .array(a.escalations.map { e in
                .fields([("escalatedOn", .date(e.on)), ("escalatedTo", .text(e.to.rawValue)), ("reason", .text(e.reason))])
            })),
            ("progressNotes", .int(a.progressNotes)),
        ])
    }

    /// The view's JSON (`schemas/views/case.schema.json`): the whole record, with names, flags and overdue actions.
    public var json: JSONValue {
        let r = record
        var members: [(String, JSONValue)] = [
            ("caseId", .text(r.caseId)),
            ("on", .date(on)),
            ("status", .text(r.isOpen ? "open" : "closed")),
            ("child", childJSON),
            ("openedOn", .date(r.openedOn)),
            ("openedBy", .text(r.openedBy)),
        ]
        let closure: JSONValue = r.closure.map { .fields([("closedOn", .date($0.closedOn)), ("reason", .text($0.reason))]) } ?? .null
        members.append(("closure", closure))
        members.append(("closures", .array(r.closures.map(closureJSON))))
        members.append(("consents", .array(r.consents.map(consentJSON))))
        members.append(("cafs", .array(r.cafs.map(cafJSON))))
        members.append(("tacMembers", .array(r.members.filter { $0.leftOn == nil }.map(memberJSON))))
        members.append(("meetings", .array(r.meetings.map(meetingJSON))))
        members.append(("nextReviewDue", .date(r.latestMeeting?.nextReviewDue)))
        members.append(("leadProfessional", leadJSON(r.leadProfessional, directory)))
        members.append(("cover", r.cover(on: on).map(coverJSON) ?? .null))
        members.append(("leadProfessionalHistory", .array(r.leadPeriods.map(periodJSON))))
        let actions: [(String, JSONValue)] = [
            ("open", .array(r.actions.filter { $0.state == .open }.map(actionJSON))),
            ("completed", .array(r.actions.filter { $0.state == .completed }.map(actionJSON))),
            ("cancelled", .array(r.actions.filter { $0.state == .cancelled }.map(actionJSON))),
        ]
        members.append(("actions", .fields(actions)))
        members.append(("statutoryStatuses", .array(r.statuses.map(statusJSON))))
        members.append(("openDisputes", .array(r.disputes.filter(\.isOpen).map(disputeJSON))))
        members.append(("flags", .strings(flags.map(\.rawValue))))
        members.append(("events", .int(r.eventCount)))
        members.append(("lastSeq", .int(Int(r.lastSeq))))
        return .fields(members)
    }

    private var childJSON: JSONValue {
        .fields([
            ("childId", .text(record.childId)),
            ("dateOfBirth", .date(record.dateOfBirth)),
            ("gender", .text(record.gender)),
            ("ethnicity", .text(record.ethnicity)),
        ])
    }

    private func closureJSON(_ c: ClosureRecord) -> JSONValue {
        .fields([
            ("closedOn", .date(c.closedOn)), ("reason", .text(c.reason)),
            ("reopenedOn", .date(c.reopenedOn)), ("reopenReason", .text(c.reopenReason)),
        ])
    }

    private func consentJSON(_ c: ConsentRecord) -> JSONValue {
        .fields([
            ("scope", .text(c.scope)), ("givenBy", .text(c.givenBy)), ("givenOn", .date(c.givenOn)),
            ("withdrawnOn", .date(c.withdrawnOn)),
        ])
    }

    private func needJSON(_ n: DomainEvent.Need) -> JSONValue {
        .fields([("needId", .text(n.needId)), ("domain", .text(n.domain.rawValue)), ("outcome", .text(n.outcome.rawValue)), ("summary", .text(n.summary))])
    }

    private func cafJSON(_ c: CAFRecord) -> JSONValue {
        let multiAgency: JSONValue = c.multiAgency.map { .bool($0) } ?? .null
        return .fields([
            ("cafId", .text(c.cafId)), ("assessor", leadJSON(c.assessor, directory)),
            ("startedOn", .date(c.startedOn)), ("completedOn", .date(c.completedOn)),
            ("consentInForce", .bool(c.consentInForce)),
            ("needs", .array(c.needs.map(needJSON))),
            ("strengths", .strings(c.strengths)),
            ("multiAgency", multiAgency),
        ])
    }

    private func memberJSON(_ m: TACMembership) -> JSONValue {
        .fields([
            ("practitionerId", .text(m.practitionerId)), ("name", .text(directory.name(of: m.practitionerId))),
            ("joinedOn", .date(m.joinedOn)),
        ])
    }

    private func meetingJSON(_ m: MeetingRecord) -> JSONValue {
        .fields([
            ("meetingId", .text(m.meetingId)), ("kind", .text(m.kind.rawValue)), ("heldOn", .date(m.heldOn)),
            ("chair", .text(m.chair)), ("attendees", .strings(m.attendees)),
            ("familyPresent", .bool(m.familyPresent)), ("nextReviewDue", .date(m.nextReviewDue)),
        ])
    }

    private func coverJSON(_ c: CoverRecord) -> JSONValue {
        .fields([
            ("practitionerId", .text(c.practitionerId)), ("name", .text(directory.name(of: c.practitionerId))),
            ("fromDate", .date(c.fromDate)), ("untilDate", .date(c.untilDate)), ("reason", .text(c.reason)),
        ])
    }

    private func periodJSON(_ p: LeadProfessionalPeriod) -> JSONValue {
        .fields([
            ("practitionerId", .text(p.practitionerId)), ("name", .text(directory.name(of: p.practitionerId))),
            ("from", .date(p.from)), ("until", .date(p.until)), ("startedBy", .text(p.startedBy)),
            ("endedBy", .text(p.endedBy)),
            ("endReason", .text(p.endReason)),
        ])
    }

    private func statusJSON(_ s: StatutoryPeriod) -> JSONValue {
        .fields([("status", .text(s.status)), ("startedOn", .date(s.startedOn)), ("endedOn", .date(s.endedOn))])
    }

    private func disputeJSON(_ d: DisputeRecord) -> JSONValue {
        .fields([
            ("disputeId", .text(d.disputeId)), ("about", .text(d.about)), ("raisedBy", .text(d.raisedBy)),
            ("raisedOn", .date(d.raisedOn)), ("actionId", .text(d.actionId)), ("summary", .text(d.summary)),
        ])
    }

    /// The one case shown.
    public var caseIds: [String] { [record.caseId.rawValue] }

    /// Label and value columns: a case is shown as a record, not a list.
    public var tableColumns: [ViewColumn] {
        [
            ViewColumn("field", csv: ["Field"], priority: 100, minimumWidth: 8),
            ViewColumn("value", csv: ["Value", "ID"], priority: 90, minimumWidth: 20),
        ]
    }

    /// A case is one record, shown as label/value rows.
    public var isRecord: Bool { true }

    /// A two-column summary for the terminal, of everything `case --help` lists; JSON has every field.
    public var cells: [[ViewCell]] {
        let r = record
        func row(_ label: String, _ value: String) -> [ViewCell] { [.plain(label), .plain(value)] }
        func person(_ label: String, _ id: PractitionerID?) -> [ViewCell] { [.plain(label), .person(id, directory)] }
        let status = r.closure.map { "closed (\($0.reason), \($0.closedOn))" } ?? "open"
        var rows: [[ViewCell]] = [
            row("case", r.caseId.rawValue),
            row("status", status),
            row("child", "\(r.childId), born \(r.dateOfBirth?.description ?? "unknown"), \(r.gender), \(r.ethnicity)"),
            row("opened", "\(r.openedOn) by \(nameLabel(r.openedBy, directory))"),
        ]
        rows += r.consents.map { c in
            row("consent", "\(c.scope), given by \(c.givenBy) on \(c.givenOn)\(c.withdrawnOn.map { ", withdrawn \($0)" } ?? "")")
        }
        if r.consents.isEmpty { rows.append(row("consent", "none recorded")) }
        rows.append(r.leadProfessional.map { person("lead professional", $0) } ?? row("lead professional", "none"))
        if let cover = r.cover(on: on) {
            rows.append(row("cover", "\(nameLabel(cover.practitionerId, directory)) \(cover.fromDate)–\(cover.untilDate)"))
        }
        rows.append(row("next review due", r.latestMeeting?.nextReviewDue?.description ?? "none set"))
        rows.append(row("statuses", r.activeStatuses.joined(separator: ", ")))
        rows.append(row("TAC", r.members.filter { $0.leftOn == nil }.map { nameLabel($0.practitionerId, directory) }.joined(separator: "; ")))
        rows.append(row("CAFs", r.cafs.map { "\($0.cafId) \($0.startedOn)\($0.completedOn.map { "–\($0)" } ?? " (open)")" }.joined(separator: "; ")))
        for m in r.meetings {
            let family = m.familyPresent ? "family present" : "family not present"
            let next = m.nextReviewDue.map { ", next review \($0)" } ?? ""
            rows.append(row(
                "meeting \(m.meetingId)",
                "\(m.kind), \(m.heldOn), chaired by \(nameLabel(m.chair, directory)), \(m.attendees.count) attending, \(family)\(next)"))
        }
        for a in r.actions where a.isOpen {
            let overdue = a.isOverdue(on: on) ? ", \(on.days(since: a.dueOn)) days overdue" : ""
            rows.append(row("action \(a.actionId)", "\(a.description): \(a.owner.label(directory)), due \(a.dueOn)\(overdue)"))
        }
        let done = r.actions.filter { !$0.isOpen }.count
        rows.append(row("closed actions", String(done)))
        rows.append(row("open disputes", r.disputes.filter(\.isOpen).map { "\($0.disputeId) (\($0.about))" }.joined(separator: "; ")))
        rows.append(row("flags", flags.map(\.rawValue).joined(separator: ", ")))
        return rows
    }
}
