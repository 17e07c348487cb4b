import Foundation
import Ledger
import LedgerTestSupport
import Projections
import Testing

/// `CaseRecord.involved` after each kind of event that involves a practitioner, and the
/// scoped sources built on it: who sees which case, for today (the involvement index) and
/// for a past date (a replay's records).
@Suite struct InvolvementTests {
    private static let far = "2099-01-01"

    @Test func eachKindOfEventInvolvesItsPractitionerForGood() throws {
        let story = try Story()
        func involved() throws -> [PractitionerID] { try story.maintainedState().cases["c1"]?.involved ?? [] }
        try story.openCase("c1", on: "2025-01-06")
        #expect(try involved() == ["t1"], "who opened it")
        try story.event("c1", .cafStarted(cafId: "caf1", assessor: "hv1", startedOn: "2025-01-07"), on: "2025-01-07")
        #expect(try involved() == ["hv1", "t1"], "the assessor")
        try story.event("c1", .tacMemberJoined(practitionerId: "sw1", joinedOn: "2025-01-08"), on: "2025-01-08")
        try story.event("c1", .tacMemberLeft(practitionerId: "sw1", leftOn: "2025-01-09", reason: "no longer needed"), on: "2025-01-09")
        #expect(try involved() == ["hv1", "sw1", "t1"], "a TAC member, who stays involved after leaving")
        try story.meeting("c1", "m1", on: "2025-01-10", nextReview: nil, attendees: ["gp1"])
        #expect(try involved() == ["hv1", "sw1", "t1"], "attending a meeting is not involvement")
        try story.appoint("c1", "fsw1", on: "2025-01-10", meetingId: "m1")
        #expect(try involved() == ["fsw1", "hv1", "sw1", "t1"], "the lead professional")
        try story.event("c1", .leadProfessionalCoverArranged(.init(practitionerId: "ey1", fromDate: "2025-02-01", untilDate: "2025-02-10", reason: "leave")), on: "2025-01-20")
        #expect(try involved() == ["ey1", "fsw1", "hv1", "sw1", "t1"], "the cover")
        try story.event("c1", .leadProfessionalHandedOver(from: "fsw1", to: "pa1", handedOverOn: "2025-03-01", reason: "needs-changed", meetingId: nil), on: "2025-03-01")
        #expect(try involved() == ["ey1", "fsw1", "hv1", "pa1", "sw1", "t1"], "handed over to, the previous LP kept")
        try story.action("c1", "a1", "Visit", owner: "yot1", due: "2025-04-01", on: "2025-03-02")
        try story.action("c1", "a2", "Keep a diary", owner: "parent", due: "2025-04-01", on: "2025-03-02", family: true)
        #expect(try involved() == ["ey1", "fsw1", "hv1", "pa1", "sw1", "t1", "yot1"], "an action's owner; not the family")
        try story.event("c1", .actionReassigned(actionId: "a1", owner: .practitioner("ho1"), reason: "housing"), on: "2025-03-03")
        #expect(try involved() == ["ey1", "fsw1", "ho1", "hv1", "pa1", "sw1", "t1", "yot1"], "the new owner; the previous kept")
        try story.event("c1", .leadProfessionalStoodDown(practitionerId: "pa1", stoodDownOn: "2025-03-04", reason: "ends"), on: "2025-03-04")
        try story.event("c1", .caseClosed(closedOn: "2025-03-05", reason: "needs-met"), on: "2025-03-05")
        #expect(try involved() == ["ey1", "fsw1", "ho1", "hv1", "pa1", "sw1", "t1", "yot1"], "are or were: it only grows")

        // A replay agrees, and a past date's involves whoever that date's events named.
        let (replayed, _) = try Replayer(ledger: story.ledger).state(on: nil, knownAt: nil)
        #expect(try story.maintainedState() == replayed)
        let (past, _) = try Replayer(ledger: story.ledger).state(on: CalendarDate(parsing: "2025-01-10"), knownAt: nil)
        #expect(past.cases["c1"]?.involved == ["fsw1", "hv1", "sw1", "t1"])
    }

    /// Two authorities: `tw` (the story's) and `sh`, with a practitioner of its own who opens
    /// one case with a `tw` social worker on its team and one alone.
    private static func twoAuthorities() throws -> Story {
        let story = try Story()
        try story.append(.localAuthorityRegistered(authorityId: "sh", name: "Shropshire Council", director: "Sam Director"), "authority-sh", on: "2024-01-02")
        try story.append(
            .agencyRegistered(agencyId: "sh-school", name: "Shrewsbury School", authorityId: "sh", sector: "statutory", service: "education"),
            "agency-sh-school", on: "2024-01-02")
        try story.append(
            .practitionerRegistered(practitionerId: "sh-t1", name: "Name sh-t1", agencyId: "sh-school", role: "teacher", lineManagerId: nil),
            "practitioner-sh-t1", on: "2024-01-02")
        try story.openCase("a", on: "2025-01-06", members: ["hv1"])
        try story.action("a", "a1", "Visit", owner: "hv1", due: "2025-03-01", on: "2025-01-06")
        for (caseId, member) in [("b", "sw1"), ("c", nil)] as [(String, PractitionerID?)] {
            try story.event(
                caseId,
                .caseOpened(
                    .init(
                        caseId: CaseID(rawValue: caseId), childId: ChildID(rawValue: "child-\(caseId)"), dateOfBirth: nil, gender: "male",
                        ethnicity: "WBRI", openedOn: "2025-01-07", openedBy: "sh-t1")),
                on: "2025-01-07")
            if let member {
                try story.event(caseId, .tacMemberJoined(practitionerId: member, joinedOn: "2025-02-01"), on: "2025-02-01")
            }
        }
        try story.action("b", "b1", "Call", owner: "sh-t1", due: "2025-03-01", on: "2025-02-01")
        return story
    }

    /// The visible cases of `scope` today (from the index) and on `date` (from a replay), as
    /// sorted lists; nil for "every case".
    private static func visible(_ story: Story, _ scope: CaseScope, on date: String) throws -> (today: [CaseID]?, past: [CaseID]?) {
        try story.projector.catchUp()
        let today = try story.projector.withSnapshot { source, _, _ in try source.visibleCases(scope)?.sorted() }
        let (state, _) = try Replayer(ledger: story.ledger).state(on: CalendarDate(parsing: date), knownAt: nil)
        return (today, try state.visibleCases(scope)?.sorted())
    }

    @Test func scopesSeeTheCasesTheirPractitionersAreInvolvedIn() throws {
        let story = try Self.twoAuthorities()
        let expected: [(CaseScope, [CaseID]?, [CaseID]?)] = [
            (.everything, nil, nil),
            (.practitioner("hv1"), ["a"], ["a"]),
            (.practitioner("sw1"), ["b"], []),  // joined b on 1 February
            (.practitioner("sh-t1"), ["b", "c"], ["b", "c"]),
            (.practitioner("nobody"), [], []),
            (.agency("health"), ["a"], ["a"]),
            (.agency("sc"), ["b"], []),
            (.agency("sh-school"), ["b", "c"], ["b", "c"]),
            (.authority("tw"), ["a", "b"], ["a"]),
            (.authority("sh"), ["b", "c"], ["b", "c"]),
            (.authority("nowhere"), [], []),
        ]
        for (scope, today, past) in expected {
            let seen = try Self.visible(story, scope, on: "2025-01-20")
            #expect(seen.today == today, "\(scope) today")
            #expect(seen.past == past, "\(scope) on 2025-01-20")
        }
        // Agencies are the directory's, as it stands: hv1 moving to social care takes case a along.
        try story.append(.practitionerMovedAgency(practitionerId: "hv1", agencyId: "sc", lineManagerId: "scm"), "practitioner-hv1", on: "2025-04-01")
        #expect(try Self.visible(story, .agency("sc"), on: "2025-03-01").today == ["a", "b"])
        #expect(try Self.visible(story, .agency("sc"), on: "2025-03-01").past == ["b"])
        #expect(try Self.visible(story, .agency("health"), on: "2025-03-01").today == [])
    }

    /// One authority owning every agency sees every case with no scan (the maintained
    /// projection); a replay works the same set out from its records.
    @Test func anAuthorityOwningEveryAgencySeesEverything() throws {
        let story = try Story()
        try story.openCase("a", on: "2025-01-06")
        try story.openCase("b", on: "2025-01-07")
        let seen = try Self.visible(story, .authority("tw"), on: Self.far)
        #expect(seen.today == nil)
        #expect(seen.past == ["a", "b"])
        #expect(try Self.visible(story, .authority("sh"), on: Self.far).today == [])
    }

    @Test func aScopedQueryHidesWhatIsOutsideTheScope() throws {
        let story = try Self.twoAuthorities()
        let query = ViewQuery(projector: story.projector, clock: { Timestamp(parsing: "2099-01-01T00:00:00Z")! })
        for on in [Self.far, "2025-01-20"] {
            let day = try #require(CalendarDate(parsing: on))
            let answer = try query.answer(Evaluation(on: day), scope: .agency("health")) { source in
                var ids: [CaseID] = []
                try source.forEachCase { ids.append($0.caseId) }
                let hidden = try source.caseRecord("b")
                let overdue = try OverdueActionsView(source: source, on: day).items.map(\.caseId)
                let caseload = try CaseloadView(source: source, on: day).practitioners.map(\.practitionerId)
                #expect(throws: AccountabilityView.Failure.self) {
                    try AccountabilityView(source: source, subject: .practitioner("sh-t1"), on: day)
                }
                #expect(throws: AccountabilityView.Failure.self) {
                    try AccountabilityView(source: source, subject: .case("b"), on: day)
                }
                let own = try AccountabilityView(source: source, subject: .practitioner("hv1"), on: day)
                return (ids, hidden, overdue, caseload, own.chain.links.map(\.id))
            }
            #expect(answer.path == (on == Self.far ? .maintained : .replay))
            #expect(answer.result.0 == ["a"], "on \(on)")
            #expect(answer.result.1 == nil, "case b is not there")
            #expect(answer.result.2 == (on == Self.far ? ["a"] : []), "only case a's overdue action")
            #expect(answer.result.3 == ["hv1"], "only the agency's practitioners' caseloads")
            #expect(answer.result.4 == ["hv1", "hvm", "health", "tw"])
        }
        // Unscoped, every case and every practitioner's row, as before.
        let all = try query.answer(Evaluation(on: try #require(CalendarDate(parsing: Self.far)))) { source in
            try CaseloadView(source: source, on: CalendarDate(parsing: Self.far)!).practitioners.map(\.practitionerId)
        }
        #expect(all.result.sorted() == ["hv1", "sh-t1"])
    }
}
