import Ledger
import LedgerTestSupport
import Projections
import Testing

/// The guidance's own situations (`../shared/seeds/`), told as events and checked through the views.
@Suite struct GuidanceScenarioTests {
    /// Managers' guide: a family in Telford and Wrekin with housing, debt, nursery and a
    /// psychiatric referral; actions owned across four agencies and by the family.
    @Test func telfordFamilyOverdueActionsAndAccountability() throws {
        let story = try Story()
        try story.openCase("tw1", on: "2025-01-06", members: ["fsw1", "ho1", "ey1", "gp1"])
        try story.meeting("tw1", "m1", on: "2025-01-13", nextReview: "2025-03-10", attendees: ["fsw1", "ho1", "ey1", "gp1"])
        try story.appoint("tw1", "fsw1", on: "2025-01-13", meetingId: "m1")
        try story.action("tw1", "housing", "Move the family out of temporary accommodation", owner: "ho1", due: "2025-02-28", on: "2025-01-13")
        try story.action("tw1", "debt", "Book a debt advice appointment", owner: "fsw1", due: "2025-01-31", on: "2025-01-13")
        try story.action("tw1", "nursery", "Find a nursery place for the youngest", owner: "ey1", due: "2025-02-14", on: "2025-01-13")
        try story.action("tw1", "psych", "Refer mother to adult psychiatric services", owner: "gp1", due: "2025-01-20", on: "2025-01-13")
        try story.action("tw1", "budget", "Keep a weekly budget diary", owner: "parent", due: "2025-02-01", on: "2025-01-13", family: true)
        try story.event("tw1", .actionCompleted(actionId: "nursery", completedOn: "2025-02-10", note: "Place from March"), on: "2025-02-10")

        let view = try story.overdue(on: "2025-02-15")
        #expect(view.items.map(\.action.actionId) == ["psych", "debt", "budget"])
        #expect(view.items.map(\.daysOverdue) == [26, 15, 14])
        let psych = view.items[0]
        #expect(psych.ownerAgencyId == "health")
        #expect(psych.leadProfessional == "fsw1")
        #expect(psych.accountability.links.map(\.id) == ["gp1", "hvm", "health", "tw"])
        #expect(psych.accountability.links.last?.director == "Jo Director")
        // A family-owned action is accountable through the lead professional.
        let budget = view.items[2]
        #expect(budget.ownerAgencyId == nil)
        #expect(budget.accountability.links.map(\.id) == ["fsw1", "scm", "sc", "tw"])

        let json = String(decoding: CompactJSON.bytes(view.json), as: UTF8.self)
        #expect(json.hasPrefix(#"[{"caseId":"tw1","actionId":"psych","description":"Refer mother to adult psychiatric services","dueOn":"2025-01-20","daysOverdue":26,"owner":{"practitionerId":"gp1"},"ownerAgencyId":"health","escalated":false,"leadProfessional":{"practitionerId":"fsw1","name":"Name fsw1"},"accountability":[{"kind":"practitioner","id":"gp1","name":"Name gp1","role":"gp"}"#))

        #expect(try story.overdue(on: "2025-02-15", filter: .init(agencyId: "sc")).items.map(\.action.actionId) == ["debt"])
        #expect(try story.overdue(on: "2025-02-15", filter: .init(practitionerId: "gp1")).items.count == 1)
        #expect(try story.overdue(on: "2025-02-15", filter: .init(caseId: "other")).items.isEmpty)
        // Due dates are judged on the evaluation date: on the due date itself nothing is overdue yet.
        #expect(try story.overdue(on: "2025-01-20").items.isEmpty)

        let load = try story.view(on: "2025-02-15") { try CaseloadView(source: $0, on: $1) }.0
        let fsw = try #require(load.practitioners.first { $0.practitionerId == "fsw1" })
        #expect(fsw.load == CaseloadView.Load(casesLed: 1, openActions: 1, overdueActions: 1))
        let health = try #require(load.agencies.first { $0.agencyId == "health" })
        #expect(health.load == CaseloadView.Load(casesLed: 0, openActions: 1, overdueActions: 1))
        #expect(!load.practitioners.contains { $0.practitionerId == "ey1" }, "completed work is off the books")
    }

    /// Annex C/E: a case stepped up to a child protection plan keeps a non-social-worker LP
    /// (flagged) until it is handed over to the social worker.
    @Test func stepUpToChildProtectionThenHandoverToSocialWorker() throws {
        let story = try Story()
        try story.openCase("cp1", on: "2025-02-03", members: ["hv1", "sw1"])
        try story.meeting("cp1", "m1", on: "2025-02-10", nextReview: "2025-05-10")
        try story.appoint("cp1", "hv1", on: "2025-02-10", meetingId: "m1")
        try story.event("cp1", .statutoryStatusStarted(status: "child-protection-plan", startedOn: "2025-03-01"), on: "2025-03-01")
        #expect(try story.flags("cp1", on: "2025-03-02") == ["lead-professional-not-social-worker"])
        #expect(try story.flags("cp1", on: "2025-02-20") == [], "before the plan began")
        try story.event("cp1", .leadProfessionalHandedOver(from: "hv1", to: "sw1", handedOverOn: "2025-03-05", reason: "stepped-up", meetingId: nil), on: "2025-03-05")
        #expect(try story.flags("cp1", on: "2025-03-06") == [])
        let view = try #require(try story.caseView("cp1", on: "2025-03-06"))
        #expect(view.record.leadPeriods.map(\.practitionerId) == ["hv1", "sw1"])
        #expect(view.record.leadPeriods[0].until == CalendarDate(parsing: "2025-03-05"))
        #expect(try story.view(on: "2025-03-06") { try AccountabilityView(source: $0, subject: .case("cp1"), on: $1) }.0.chain.links.first?.id == "sw1")
    }

    /// Annex C: a YOT officer must never lead a looked-after child's case.
    @Test func yotOfficerLeadingLookedAfterChild() throws {
        let story = try Story()
        try story.openCase("yo1", on: "2025-01-06", members: ["yot1"])
        try story.meeting("yo1", "m1", on: "2025-01-08", nextReview: nil)
        try story.appoint("yo1", "yot1", on: "2025-01-08")
        try story.event("yo1", .statutoryStatusStarted(status: "looked-after", startedOn: "2025-01-09"), on: "2025-01-09")
        #expect(try story.flags("yo1", on: "2025-01-10") == ["lead-professional-not-social-worker", "yot-leading-statutory-case"])
        try story.event("yo1", .statutoryStatusEnded(status: "looked-after", endedOn: "2025-04-01"), on: "2025-04-01")
        #expect(try story.flags("yo1", on: "2025-04-02") == [])
        try story.event("yo1", .statutoryStatusStarted(status: "care-leaver", startedOn: "2025-04-02"), on: "2025-04-02")
        #expect(try story.flags("yo1", on: "2025-04-03") == ["care-leaver-lead-professional"])
    }

    /// A school-based LP covered during the summer holidays.
    @Test func schoolHolidayCover() throws {
        let story = try Story()
        try story.openCase("sh1", on: "2025-05-01", members: ["t1", "fsw1"])
        try story.appoint("sh1", "t1", on: "2025-05-02")
        try story.event("sh1", .leadProfessionalCoverArranged(.init(practitionerId: "fsw1", fromDate: "2025-07-21", untilDate: "2025-09-02", reason: "school holidays")), on: "2025-07-10")
        #expect(try story.caseView("sh1", on: "2025-07-15")?.record.cover(on: CalendarDate(parsing: "2025-07-15")!) == nil)
        let inHoliday = try #require(try story.caseView("sh1", on: "2025-08-01"))
        #expect(inHoliday.record.cover(on: inHoliday.on)?.practitionerId == "fsw1")
        #expect(inHoliday.record.leadProfessional == "t1", "cover does not change who leads")
        #expect(String(decoding: CompactJSON.bytes(inHoliday.json), as: UTF8.self).contains(#""cover":{"practitionerId":"fsw1""#))
        #expect(try story.caseView("sh1", on: "2025-09-03")?.record.cover(on: CalendarDate(parsing: "2025-09-03")!) == nil)
    }

    /// An LP who leaves their agency; their open action is flagged too.
    @Test func leadProfessionalLeaves() throws {
        let story = try Story()
        try story.openCase("lv1", on: "2025-01-06", members: ["fsw1"])
        try story.appoint("lv1", "fsw1", on: "2025-01-07")
        try story.action("lv1", "a1", "Weekly home visit", owner: "fsw1", due: "2025-06-30", on: "2025-01-07")
        try story.append(.practitionerLeft(practitionerId: "fsw1", leftOn: "2025-03-31"), "practitioner-fsw1", on: "2025-03-31")
        #expect(try story.flags("lv1", on: "2025-04-01") == ["action-owner-departed", "lead-professional-departed"])
        #expect(try story.flags("lv1", on: "2025-03-30") == [])
        try story.event("lv1", .leadProfessionalHandedOver(from: "fsw1", to: "sw1", handedOverOn: "2025-04-02", reason: "practitioner-leaving", meetingId: nil), on: "2025-04-02")
        try story.event("lv1", .actionReassigned(actionId: "a1", owner: .practitioner("sw1"), reason: "fsw1 left"), on: "2025-04-02")
        #expect(try story.flags("lv1", on: "2025-04-03") == [])
    }

    /// A review that slips past its date, then is held.
    @Test func reviewThatSlips() throws {
        let story = try Story()
        try story.openCase("rv1", on: "2025-01-06", members: ["t1"])
        try story.meeting("rv1", "m1", on: "2025-01-10", nextReview: "2025-04-10")
        try story.appoint("rv1", "t1", on: "2025-01-10", meetingId: "m1")
        #expect(try story.flags("rv1", on: "2025-04-10") == [])
        #expect(try story.flags("rv1", on: "2025-04-11") == ["review-overdue"])
        let reviews = try story.view(on: "2025-04-20") { try OverdueReviewsView(source: $0, on: $1) }.0
        #expect(reviews.items.map(\.caseId) == ["rv1"])
        #expect(reviews.items[0].daysOverdue == 10)
        try story.meeting("rv1", "m2", kind: "review", on: "2025-04-25", nextReview: "2025-07-25")
        #expect(try story.flags("rv1", on: "2025-04-26") == [])
        #expect(try story.view(on: "2025-04-26") { try OverdueReviewsView(source: $0, on: $1) }.0.items.isEmpty)
    }

    /// A dispute about non-delivery, then an action revised and escalated.
    @Test func disputeRevisionAndEscalation() throws {
        let story = try Story()
        try story.openCase("dp1", on: "2025-01-06", members: ["t1", "ho1"])
        try story.appoint("dp1", "t1", on: "2025-01-07")
        try story.action("dp1", "a1", "Repair the damp bedroom", owner: "ho1", due: "2025-02-01", on: "2025-01-07")
        try story.event("dp1", .disputeRaised(disputeId: "d1", about: "non-delivery", raisedBy: "t1", raisedOn: "2025-02-05", actionId: "a1", summary: "No repair yet"), on: "2025-02-05")
        #expect(try story.caseView("dp1", on: "2025-02-06")?.record.disputes.filter(\.isOpen).map(\.disputeId) == ["d1"])
        try story.event("dp1", .actionDueDateRevised(actionId: "a1", dueOn: "2025-03-01", reason: "contractor booked"), on: "2025-02-07")
        #expect(try story.overdue(on: "2025-02-20").items.isEmpty, "the revised date is the one in force")
        // Asked about a date before the revision, the old due date applies.
        #expect(try story.overdue(on: "2025-02-06").items.map(\.daysOverdue) == [5])
        try story.event("dp1", .actionEscalated(actionId: "a1", escalation: .init(on: "2025-03-05", to: "line-manager", reason: "still no repair")), on: "2025-03-05")
        let item = try #require(try story.overdue(on: "2025-03-06").items.first)
        #expect(item.action.isEscalated && item.action.dueDateRevisions == 1 && item.daysOverdue == 5)
        try story.event("dp1", .disputeResolved(disputeId: "d1", resolvedOn: "2025-03-10", resolvedBy: "scm", resolution: "Housing manager committed a date"), on: "2025-03-10")
        #expect(try story.caseView("dp1", on: "2025-03-11")?.record.disputes.filter(\.isOpen).isEmpty == true)
    }

    /// A case closed (off every view) and reopened (back on them).
    @Test func caseClosedThenReopened() throws {
        let story = try Story()
        try story.openCase("cr1", on: "2025-01-06", members: ["t1"])
        try story.meeting("cr1", "m1", on: "2025-01-10", nextReview: "2025-02-10")
        try story.action("cr1", "a1", "Attendance plan", owner: "t1", due: "2025-02-01", on: "2025-01-10")
        #expect(try story.flags("cr1", on: "2025-03-01") == ["no-lead-professional", "review-overdue"])
        try story.event("cr1", .caseClosed(closedOn: "2025-03-02", reason: "moved-out-of-area"), on: "2025-03-02")
        #expect(try story.flags("cr1", on: "2025-03-03") == [])
        #expect(try story.overdue(on: "2025-03-03").items.isEmpty)
        #expect(try story.view(on: "2025-03-03") { try UnledCasesView(source: $0, on: $1) }.0.items.isEmpty)
        try story.event("cr1", .caseReopened(reopenedOn: "2025-05-01", reason: "family returned"), on: "2025-05-01")
        #expect(try story.overdue(on: "2025-05-02").items.map(\.action.actionId) == ["a1"])
        let unled = try story.view(on: "2025-05-02") { try UnledCasesView(source: $0, on: $1) }.0
        #expect(unled.items.map(\.caseId) == ["cr1"])
        #expect(try story.caseView("cr1", on: "2025-05-02")?.record.closures.count == 1)
        // On a date while it was closed, it is closed.
        #expect(try story.caseView("cr1", on: "2025-04-01")?.record.isOpen == false)
    }

    /// A migration: events recorded in 2026 that occurred in 2024. "On" a 2024 date they
    /// count; "as known at" a moment before the migration they do not.
    @Test func migrationRecordedLongAfter() throws {
        let story = try Story()
        try story.event(
            "mg1",
            .caseOpened(.init(caseId: "mg1", childId: "c-mg1", dateOfBirth: "2012-01-01", gender: "male", ethnicity: "WBRI", openedOn: "2024-03-01", openedBy: "t1")),
            on: "2024-03-01", recordedAt: "2026-02-01T09:00:00Z")
        try story.event("mg1", .tacMemberJoined(practitionerId: "t1", joinedOn: "2024-03-01"), on: "2024-03-01", recordedAt: "2026-02-01T09:00:01Z")
        try story.action("mg1", "a1", "Attendance plan", owner: "t1", due: "2024-04-01", on: "2024-03-05")
        // ^ recorded "now" on its own date would go backwards; the ledger keeps recordedAt monotonic.
        let onlyOn = try story.overdue(on: "2024-05-01")
        #expect(onlyOn.items.map(\.action.actionId) == ["a1"])
        let knownBefore = try story.view(on: "2024-05-01", knownAt: "2025-12-31T00:00:00Z") { source, _ in try source.caseRecord("mg1") }
        #expect(knownBefore.0 == nil, "before the migration the ledger knew nothing of the case")
        #expect(knownBefore.1 == .replay)
        let knownAfter = try story.view(on: "2024-05-01", knownAt: "2026-03-01T00:00:00Z") { source, _ in try source.caseRecord("mg1") }
        #expect(knownAfter.0?.actions.count == 1)
    }

    /// Flags that depend only on dates and consent.
    @Test func transitionPlanningAndAssessmentWithoutConsent() throws {
        let story = try Story()
        // Born 31 August: 17½ falls on the last day of February.
        try story.openCase("tp1", on: "2025-06-01", born: "2008-08-31", consent: false)
        try story.event("tp1", .cafStarted(cafId: "caf1", assessor: "t1", startedOn: "2025-06-02"), on: "2025-06-02")
        #expect(try story.flags("tp1", on: "2026-02-27") == ["assessment-without-consent"])
        #expect(try story.flags("tp1", on: "2026-02-28") == ["assessment-without-consent", "transition-planning-due"])
        try story.openCase("tp2", on: "2025-06-01", born: nil)
        try story.event("tp2", .cafStarted(cafId: "caf1", assessor: "t1", startedOn: "2025-06-02"), on: "2025-06-02")
        #expect(try story.flags("tp2", on: "2026-02-28") == [])
    }

    /// A line-manager cycle is an error shown, not a hang.
    @Test func accountabilityCycleIsReported() throws {
        let story = try Story()
        try story.append(.practitionerLineManagerChanged(practitionerId: "head", lineManagerId: "t1"), "practitioner-head", on: "2025-01-10")
        let view = try story.view(on: "2025-01-11") { try AccountabilityView(source: $0, subject: .practitioner("t1"), on: $1) }.0
        #expect(view.chain.links.map(\.id) == ["t1", "head"])
        #expect(view.chain.problem == "line managers form a cycle: t1 → head → t1")
        // Before the change, the line is whole.
        let before = try story.view(on: "2025-01-09") { try AccountabilityView(source: $0, subject: .practitioner("t1"), on: $1) }.0
        #expect(before.chain.problem == nil && before.chain.links.map(\.id) == ["t1", "head", "school", "tw"])
    }

    /// Annex A, List 2: the window, the columns and the codes.
    @Test func annexAList() throws {
        let story = try Story()
        try story.openCase("an1", on: "2025-01-06", born: "2015-06-01")
        try story.event("an1", .cafStarted(cafId: "caf1", assessor: "hv1", startedOn: "2025-03-31"), on: "2025-03-31")
        try story.event("an1", .cafCompleted(cafId: "caf1", completedOn: "2025-04-20", needs: [], strengths: ["loving family"], multiAgency: true), on: "2025-04-20")
        try story.openCase("an2", on: "2025-01-06", born: nil)
        try story.event("an2", .cafStarted(cafId: "caf1", assessor: "t1", startedOn: "2025-03-30"), on: "2025-03-30")
        // Window for an inspection on 30 September: 30 March to 30 September inclusive.
        let list = try story.view(on: "2025-09-30") { source, _ in try AnnexAList(source: source, inspectionDate: CalendarDate(parsing: "2025-09-30")!) }.0
        #expect(list.columns == ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Assessment start date", "Assessment completion date", "Organisation completing assessment"])
        #expect(list.rows == [
            ["child-an2", "b) Female", "a) WBRI", "", "", "30/03/2025", "", "Hadley Primary School"],
            ["child-an1", "b) Female", "a) WBRI", "01/06/2015", "10", "31/03/2025", "20/04/2025", "Shropshire Community Health"],
        ])
        let later = try story.view(on: "2025-10-01") { source, _ in try AnnexAList(source: source, inspectionDate: CalendarDate(parsing: "2025-10-01")!) }.0
        #expect(later.rows.isEmpty, "both CAFs fall before a window starting 1 April")
    }
}

@Suite struct ViewJSONTests {
    /// The overdue view writes its JSON directly for speed; it must be the documented tree, byte for byte.
    @Test func overdueJSONWriterMatchesTheTree() throws {
        let demo = try DemoLedger(cases: 40, seed: 11)
        try demo.append(0..<demo.requests.count)
        let query = ViewQuery(projector: try Projector(ledger: demo.ledger))
        let view = try query.answer(Evaluation(on: CalendarDate(parsing: "2026-11-25")!)) {
            try OverdueActionsView(source: $0, on: CalendarDate(parsing: "2026-11-25")!)
        }.result
        #expect(!view.items.isEmpty)
        #expect(view.jsonBytes == CompactJSON.bytes(view.json))
    }
}

@Suite struct StoredEventDecodingTests {
    /// The replay's reader skips strings with memchr; escapes (including an escaped quote and an
    /// escaped backslash right before a closing quote) must still decode exactly.
    @Test func escapedStringsDecodeExactly() throws {
        let story = try Story()
        try story.openCase("esc", on: "2025-01-06", members: ["t1"])
        // Written as JSON text, escapes and all (the typed builder would escape it again).
        let description = #"Mum said \"not now\" \\ then \u00e9t\u00e9 \\"#
        try story.event(
            "esc", "ActionAgreed",
            #"{"actionId":"a1","description":"\#(description)","owner":{"practitionerId":"t1"},"needId":null,"agreedOn":"2025-01-07","dueOn":"2025-02-01","meetingId":null}"#,
            on: "2025-01-07")
        let record = try #require(try story.caseView("esc", on: "2025-01-08")?.record)
        #expect(record.actions.first?.description == "Mum said \"not now\" \\ then été \\")
    }
}
