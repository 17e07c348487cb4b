import Ledger
import Projections
import PropertyBased
import Testing

/// DOMAIN.md rule 6's second half: whatever can be recorded, every view answers for it.
/// Today's contract admits dates in 1900–2199, but an older ledger may hold any date the
/// calendar can write (0001–9999), so cases are built here from stored events with dates
/// anywhere in that range, and every view is asked about them on dates across the contract's
/// years. A trap (the force-unwrap once reached through the 17½-year rule) kills the test.
@Suite struct ExtremeValuesTests {
    /// A stored event as the projections read it (the members replay decodes).
    private static func stored(seq: UInt64, version: Int64, stream: String, type: String, data: String) -> [UInt8] {
        Array(
            #"{"actor":"system:test","data":\#(data),"occurredAt":"2025-01-01T00:00:00Z","recordedAt":"2025-01-01T00:00:00Z","seq":\#(seq),"stream":"\#(stream)","type":"\#(type)","version":\#(version)}"#
                .utf8)
    }

    /// Days from 0001-01-01 to 9999-12-31, the span a stored date can have.
    private static let storedDays = CalendarDate.days(year: 1, month: 1, day: 1)...CalendarDate.days(year: 9999, month: 12, day: 31)

    private static func state(born: CalendarDate, opened: CalendarDate, caf: CalendarDate, due: CalendarDate, review: CalendarDate)
        throws -> ProjectionState
    {
        var state = ProjectionState()
        var seq: UInt64 = 0
        func apply(_ stream: String, _ version: Int64, _ type: String, _ data: String) throws {
            seq += 1
            let bytes = stored(seq: seq, version: version, stream: stream, type: type, data: data)
            state.apply(try bytes.withUnsafeBytes { try ProjectedEvent(decoding: $0) })
        }
        try apply("authority-la", 0, "LocalAuthorityRegistered", #"{"authorityId":"la","name":"LA","directorOfChildrensServices":"D"}"#)
        try apply("agency-ag", 0, "AgencyRegistered", #"{"agencyId":"ag","name":"Agency","authorityId":"la","sector":"statutory","service":"social-care"}"#)
        try apply("practitioner-p1", 0, "PractitionerRegistered", #"{"practitionerId":"p1","name":"P One","agencyId":"ag","role":"yot-officer","lineManagerId":null}"#)
        let c = "case-c1"
        try apply(c, 0, "CaseOpened", #"{"caseId":"c1","childId":"ch1","dateOfBirth":"\#(born)","gender":"male","ethnicity":"REFU","openedOn":"\#(opened)","openedBy":"p1"}"#)
        try apply(c, 1, "CAFStarted", #"{"cafId":"caf1","assessor":"p1","startedOn":"\#(caf)"}"#)
        try apply(c, 2, "CAFCompleted", #"{"cafId":"caf1","completedOn":"\#(caf)","needs":[],"strengths":[],"multiAgency":true}"#)
        try apply(c, 3, "TACMeetingHeld", #"{"meetingId":"m1","kind":"initial","heldOn":"\#(opened)","chair":"p1","attendees":["p1"],"familyPresent":true,"nextReviewDue":"\#(review)"}"#)
        try apply(c, 4, "LeadProfessionalAppointed", #"{"practitionerId":"p1","appointedOn":"\#(opened)","meetingId":"m1","criteria":[],"agreedWithFamily":true}"#)
        try apply(c, 5, "StatutoryStatusStarted", #"{"status":"care-leaver","startedOn":"\#(opened)"}"#)
        try apply(c, 6, "ActionAgreed", #"{"actionId":"a1","description":"Do it","owner":{"practitionerId":"p1"},"needId":null,"agreedOn":"\#(opened)","dueOn":"\#(due)","meetingId":null}"#)
        try apply(c, 7, "ActionEscalated", #"{"actionId":"a1","escalatedOn":"\#(due)","escalatedTo":"line-manager","reason":"late"}"#)
        return state
    }

    /// Every view, rendered in every form, on `date`.
    private static func askEverything(_ state: ProjectionState, on date: CalendarDate) throws {
        var outputs: [any ViewOutput] = [
            try OverdueActionsView(source: state, on: date), try OverdueReviewsView(source: state, on: date),
            try UnledCasesView(source: state, on: date), try CaseloadView(source: state, on: date),
            try FlagsView(source: state, on: date), try AnnexAList(source: state, inspectionDate: date),
            try AccountabilityView(source: state, subject: .case("c1"), on: date),
        ]
        if let record = state.cases["c1"] { outputs.append(CaseView(record: record, directory: state.directory, on: date)) }
        for output in outputs {
            #expect(!output.jsonBytes.isEmpty)
            _ = output.rows
        }
    }

    @Test func everyViewAnswersForEveryStoredDate() async {
        let day = Gen.int(in: Self.storedDays)
        let asked = Gen.int(in: CalendarDate.days(year: 1900, month: 1, day: 1)...CalendarDate.days(year: 2199, month: 12, day: 31))
        await propertyCheck(count: 300, input: day, day, day, day, day, asked) { born, opened, caf, due, review, on in
            do {
                let state = try Self.state(
                    born: CalendarDate(dayNumber: born), opened: CalendarDate(dayNumber: opened), caf: CalendarDate(dayNumber: caf),
                    due: CalendarDate(dayNumber: due), review: CalendarDate(dayNumber: review))
                try Self.askEverything(state, on: CalendarDate(dayNumber: on))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// The reproductions of the issue: a date of birth in 9990, and an Annex A inspection on
    /// the earliest dates, including the calendar's ends, where six months back leaves year 1.
    @Test(arguments: ["9990-01-01", "9999-12-31", "0001-01-01"])
    func theIssuesPoisonValuesAnswer(born: String) throws {
        let date = try #require(CalendarDate(parsing: born))
        let opened = try #require(CalendarDate(parsing: "2024-01-01"))
        let state = try Self.state(born: date, opened: opened, caf: opened, due: opened, review: opened)
        for on in ["1900-01-01", "2026-12-02", "2199-12-31"] { try Self.askEverything(state, on: try #require(CalendarDate(parsing: on))) }
        // The calendar's own ends, as only a stored value could reach them.
        for on in ["0001-01-01", "0001-06-30", "9999-12-31"] { try Self.askEverything(state, on: try #require(CalendarDate(parsing: on))) }
    }

    @Test func addingMonthsIsTotalAndMatchesTheRuleForMissingDays() throws {
        let aug31 = try #require(CalendarDate(parsing: "2007-08-31"))
        #expect(aug31.adding(years: 17, months: 6).description == "2025-02-28")
        let leap = try #require(CalendarDate(parsing: "2006-08-31"))
        #expect(leap.adding(years: 17, months: 6).description == "2024-02-29")
        let first = try #require(CalendarDate(parsing: "0001-01-15"))
        #expect(first.adding(months: -6).components == (0, 7, 15))
        #expect(first.adding(months: -13).components == (-1, 12, 15))
        let last = try #require(CalendarDate(parsing: "9999-12-31"))
        #expect(last.adding(years: 17, months: 6).components == (10017, 6, 30))
    }
}
