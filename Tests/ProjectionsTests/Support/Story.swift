import Foundation
import Ledger
import Projections
import Testing

/// A clock the test sets: `recordedAt` is what it says when an append commits.
final class TestClock: @unchecked Sendable {
    // @unchecked: `now` is guarded by `lock`.
    private let lock = NSLock()
    private var now = Timestamp(parsing: "2025-01-01T09:00:00Z")!

    func set(_ text: String) {
        let t = Timestamp(parsing: text)!
        lock.lock()
        now = t
        lock.unlock()
    }

    func read() -> Timestamp {
        lock.lock()
        defer { lock.unlock() }
        return now
    }
}

/// A case told as the guidance tells it: a ledger in a temporary directory with a local
/// authority's directory registered, appends dated in business time and (optionally) in
/// ledger time, and the views asked on any date.
///
/// Directory: authority `tw` (Telford and Wrekin, DCS "Jo Director"); agencies `school`,
/// `health`, `sc` (social care), `yot`, `housing`, `nursery`, `leaving-care`; practitioners:
/// `head` (manager, school) → `t1` (teacher), `hvm` (manager, health) → `hv1` (health visitor),
/// `gp1` (gp, health), `scm` (manager, sc) → `sw1` (social worker), `fsw1` (family support
/// worker, sc), `yot1` (YOT officer), `ho1` (housing support officer), `ey1` (early years
/// worker, nursery), `pa1` (personal adviser, leaving-care).
final class Story {
    let path: String
    let clock = TestClock()
    let ledger: Ledger
    let projector: Projector
    private var counter = 0

    init() throws {
        path = NSTemporaryDirectory() + "ledgerd-story-" + UUID().uuidString
        let clock = self.clock
        ledger = try Ledger(path: path, mapSize: 32 << 20, clock: { clock.read() })
        projector = try Projector(ledger: ledger)
        try registerDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    private func registerDirectory() throws {
        let day = "2024-01-02"
        try append(.localAuthorityRegistered(authorityId: "tw", name: "Telford and Wrekin Council", director: "Jo Director"), "authority-tw", on: day)
        for (id, name, service) in [
            ("school", "Hadley Primary School", "education"), ("health", "Shropshire Community Health", "health"),
            ("sc", "Children's Social Care", "social-care"), ("yot", "Youth Offending Service", "youth-justice"),
            ("housing", "Wrekin Housing", "housing"), ("nursery", "Little Acorns Nursery", "early-years"),
            ("leaving-care", "Leaving Care Team", "social-care"),
        ] {
            try append(
                .agencyRegistered(agencyId: AgencyID(rawValue: id), name: name, authorityId: "tw", sector: "statutory", service: AgencyService(rawValue: service)),
                "agency-\(id)", on: day)
        }
        for (id, agency, role, manager) in [
            ("head", "school", "manager", nil), ("t1", "school", "teacher", "head"), ("hvm", "health", "manager", nil),
            ("hv1", "health", "health-visitor", "hvm"), ("gp1", "health", "gp", "hvm"), ("scm", "sc", "manager", nil),
            ("sw1", "sc", "social-worker", "scm"), ("fsw1", "sc", "family-support-worker", "scm"),
            ("yot1", "yot", "yot-officer", nil), ("ho1", "housing", "housing-support-officer", nil),
            ("ey1", "nursery", "early-years-worker", nil), ("pa1", "leaving-care", "personal-adviser", nil),
        ] as [(PractitionerID, AgencyID, String, PractitionerID?)] {
            try append(
                .practitionerRegistered(
                    practitionerId: id, name: "Name \(id)", agencyId: agency, role: PractitionerRole(rawValue: role), lineManagerId: manager),
                "practitioner-\(id)", on: day)
        }
    }

    /// Appends `event`, written by the typed events' own encoder, to `stream`: it occurred at
    /// 10:00 UTC on `on`; `recordedAt`, if given, sets the ledger clock first (a late entry or
    /// a migration).
    @discardableResult
    func append(_ event: DomainEvent, _ stream: String, on date: String, recordedAt: String? = nil) throws -> AppendOutcome {
        try append(on: date, recordedAt: recordedAt) { eventId, occurredAt in
            AppendRequestDraft(eventId: eventId, stream: stream, event: event, occurredAt: occurredAt, actor: "system:story").line
        }
    }

    /// Appends one event with `data` as written, for a spelling the test is about (the typed
    /// events write their own); otherwise as above.
    @discardableResult
    func append(_ type: String, _ stream: String, _ data: String, on date: String, recordedAt: String? = nil) throws -> AppendOutcome {
        try append(on: date, recordedAt: recordedAt) { eventId, occurredAt in
            #"{"eventId":"\#(eventId)","stream":"\#(stream)","type":"\#(type)","occurredAt":"\#(occurredAt)","actor":"system:story","data":\#(data)}"#
        }
    }

    /// The one append step both forms share: the next eventId, the clock set, the line
    /// `write` makes (from the eventId and occurredAt) decoded and appended alone.
    private func append(
        on date: String, recordedAt: String?, _ write: (_ eventId: String, _ occurredAt: String) -> String
    ) throws -> AppendOutcome {
        counter += 1
        clock.set(recordedAt ?? "\(date)T12:00:00Z")
        let eventId = EventID(high: 0x4000, low: 0x8000_0000_0000_0000 | UInt64(counter)).description
        let request = try AppendRequest.decode(write(eventId, "\(date)T10:00:00Z"))
        return try ledger.append([request])[0]
    }

    /// Appends `event` to `case-<caseId>`.
    @discardableResult
    func event(_ caseId: String, _ event: DomainEvent, on date: String, recordedAt: String? = nil) throws -> AppendOutcome {
        try append(event, "case-\(caseId)", on: date, recordedAt: recordedAt)
    }

    /// Appends `data`, as written, to `case-<caseId>`.
    @discardableResult
    func event(_ caseId: String, _ type: String, _ data: String, on date: String, recordedAt: String? = nil) throws -> AppendOutcome {
        try append(type, "case-\(caseId)", data, on: date, recordedAt: recordedAt)
    }

    /// Opens a case, records assessment consent and holds the initial TAC with `members`.
    func openCase(
        _ caseId: String, on date: String, born: String? = "2015-06-01", members: [String] = [], consent: Bool = true
    ) throws {
        let day = try Self.day(date)
        let stream = "case-\(caseId)"
        let opened = DomainEvent.CaseOpened(
            caseId: CaseID(rawValue: caseId), childId: ChildID(rawValue: "child-\(caseId)"), dateOfBirth: try born.map(Self.day), gender: "female", ethnicity: "WBRI",
            openedOn: day, openedBy: "t1")
        try append(.caseOpened(opened), stream, on: date)
        if consent {
            try append(.consentRecorded(scope: "assessment", givenBy: "parent", givenOn: day), stream, on: date)
        }
        for member in members {
            try append(.tacMemberJoined(practitionerId: PractitionerID(rawValue: member), joinedOn: day), stream, on: date)
        }
    }

    func meeting(_ caseId: String, _ meetingId: String, kind: String = "initial", on date: String, nextReview: String?, attendees: [String] = []) throws {
        let meeting = DomainEvent.Meeting(
            meetingId: MeetingID(rawValue: meetingId), kind: MeetingKind(rawValue: kind), heldOn: try Self.day(date),
            chair: PractitionerID(rawValue: attendees.first ?? "t1"), attendees: attendees.map(PractitionerID.init(rawValue:)), familyPresent: true, nextReviewDue: try nextReview.map(Self.day))
        try append(.tacMeetingHeld(meeting), "case-\(caseId)", on: date)
    }

    func appoint(_ caseId: String, _ practitioner: String, on date: String, meetingId: String? = nil) throws {
        try append(
            .leadProfessionalAppointed(
                practitionerId: PractitionerID(rawValue: practitioner), appointedOn: try Self.day(date),
                meetingId: meetingId.map(MeetingID.init(rawValue:)), criteria: ["skills-and-capacity"],
                agreedWithFamily: true),
            "case-\(caseId)", on: date)
    }

    func action(_ caseId: String, _ actionId: String, _ description: String, owner: String, due: String, on date: String, family: Bool = false) throws {
        try append(
            .actionAgreed(
                actionId: ActionID(rawValue: actionId), description: description,
                owner: family ? .family(FamilyMember(rawValue: owner)) : .practitioner(PractitionerID(rawValue: owner)), needId: nil,
                agreedOn: try Self.day(date), dueOn: try Self.day(due), meetingId: nil),
            "case-\(caseId)", on: date)
    }

    /// A test's date, which must parse.
    static func day(_ text: String) throws -> CalendarDate {
        try #require(CalendarDate(parsing: text), "\(text) is not a date")
    }

    /// The view answered on `on` (as known at `knownAt`, default now), and which path answered.
    func view<V>(on date: String, knownAt: String? = nil, _ make: (any ViewSource, CalendarDate) throws -> V) throws -> (V, ViewPath) {
        let day = CalendarDate(parsing: date)!
        let query = ViewQuery(projector: projector, clock: { Timestamp(parsing: "2099-01-01T00:00:00Z")! })
        let answer = try query.answer(Evaluation(on: day, knownAt: knownAt.flatMap(Timestamp.init(parsing:)))) { try make($0, day) }
        return (answer.result, answer.path)
    }

    func overdue(on date: String, knownAt: String? = nil, filter: OverdueActionsView.Filter = .init()) throws -> OverdueActionsView {
        try view(on: date, knownAt: knownAt) { try OverdueActionsView(source: $0, on: $1, filter: filter) }.0
    }

    func flags(_ caseId: String, on date: String, knownAt: String? = nil) throws -> [String] {
        try view(on: date, knownAt: knownAt) { source, day in
            try source.caseRecord(CaseID(rawValue: caseId)).map { CaseFlag.evaluate($0, directory: source.directory, on: day).map(\.rawValue) } ?? []
        }.0
    }

    func caseView(_ caseId: String, on date: String, knownAt: String? = nil) throws -> CaseView? {
        try view(on: date, knownAt: knownAt) { source, day in
            try source.caseRecord(CaseID(rawValue: caseId)).map { CaseView(record: $0, directory: source.directory, on: day) }
        }.0
    }

    /// The whole maintained projection, caught up, as a replayable state to compare.
    func maintainedState() throws -> ProjectionState {
        try projector.catchUp()
        return try projector.withSnapshot { source, checkpoint, _ in
            var state = ProjectionState()
            state.directory = source.directory
            state.checkpoint = checkpoint.seq
            try source.forEachCase { state.cases[$0.caseId] = $0 }
            return state
        }
    }
}
