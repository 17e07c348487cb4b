import LedgerTestSupport
import Testing

@testable import Ledger

/// Every refusal rule of DOMAIN.md ("What the ledger refuses"): a clear error naming the
/// field, and nothing appended.
@Suite struct AppendRulesTests {
    /// Appends `setup`, then expects `request` to be refused on `field` with nothing appended.
    private func expectRefused(
        _ t: TestLedger, _ request: AppendRequest, field: String, _ reason: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try t.ledger.head()
        let failure = t.failure(request)
        guard case .refused(let refusal)? = failure?.error else {
            Issue.record("expected a refusal on \(field), got \(String(describing: failure))", sourceLocation: sourceLocation)
            return
        }
        #expect(refusal.field == field, sourceLocation: sourceLocation)
        if let reason { #expect(refusal.reason.contains(reason), "\(refusal.reason)", sourceLocation: sourceLocation) }
        #expect(failure?.eventId == request.eventIdText, sourceLocation: sourceLocation)
        #expect(try t.ledger.head() == before, "something was appended", sourceLocation: sourceLocation)
    }

    @Test func directoryReferencesMustExist() throws {
        let t = try TestLedger()
        try expectRefused(
            t,
            try t.fixture.request(
                .agencyRegistered(agencyId: "x", name: "X", authorityId: "nowhere", sector: "private", service: "other"), "agency-x"),
            field: "data.authorityId", "not registered")
        try expectRefused(t, try t.fixture.practitioner("p9", agency: "nowhere", role: "gp", manager: nil), field: "data.agencyId")
        try expectRefused(t, try t.fixture.practitioner("p9", agency: "sc", role: "gp", manager: "ghost"), field: "data.lineManagerId")
        try expectRefused(t, try t.fixture.practitioner("sw1", agency: "sc", role: "gp", manager: nil), field: "type", "already registered")
        try expectRefused(
            t, try t.fixture.request(.practitionerLeft(practitionerId: "ghost", leftOn: "2025-01-01"), "practitioner-ghost"),
            field: "stream", "not registered")
        try expectRefused(t, try t.fixture.caseOpened("c1", by: "ghost"), field: "actor")
    }

    @Test func aLeftPractitionerAcceptsNoFurtherEvents() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.request(.practitionerLeft(practitionerId: "t1", leftOn: "2025-04-01"), "practitioner-t1"))
        try expectRefused(
            t, try t.fixture.request(.practitionerLineManagerChanged(practitionerId: "t1", lineManagerId: nil), "practitioner-t1"),
            field: "stream", "has left")
    }

    @Test func caseStreamsBeginWithCaseOpenedAndAcceptOnlyReopenedOnceClosed() throws {
        let t = try TestLedger()
        try expectRefused(
            t, try t.fixture.request(.caseClosed(closedOn: "2025-05-01", reason: "needs-met"), "case-c1"), field: "type",
            "must begin with CaseOpened")
        try t.append(try t.fixture.caseOpened("c1"))
        try expectRefused(t, try t.fixture.caseOpened("c1"), field: "type", "already open")
        try expectRefused(
            t, try t.fixture.request(.caseReopened(reopenedOn: "2025-05-01", reason: "x"), "case-c1"), field: "type", "not closed")
        try t.append(try t.fixture.request(.caseClosed(closedOn: "2025-05-01", reason: "needs-met"), "case-c1"))
        try expectRefused(
            t, try t.fixture.request(.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-05-02"), "case-c1"),
            field: "type", "closed")
        try t.append(try t.fixture.request(.caseReopened(reopenedOn: "2025-06-01", reason: "new concerns"), "case-c1"))
        try t.append(try t.fixture.request(.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-06-02"), "case-c1"))
    }

    @Test func actionsMustBeKnownOpenAndUnique() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"))
        func agreed(_ actionId: ActionID) -> DomainEvent {
            .actionAgreed(
                actionId: actionId, description: "Refer to housing", owner: .practitioner("t1"), needId: nil,
                agreedOn: "2025-03-04", dueOn: "2025-04-01", meetingId: nil)
        }
        try expectRefused(
            t, try t.fixture.request(.actionCompleted(actionId: "a1", completedOn: "2025-03-05", note: nil), "case-c1"),
            field: "data.actionId", "not agreed")
        try t.append(try t.fixture.request(agreed("a1"), "case-c1"))
        try expectRefused(t, try t.fixture.request(agreed("a1"), "case-c1"), field: "data.actionId", "already exists")
        try expectRefused(
            t,
            try t.fixture.request(.actionReassigned(actionId: "a1", owner: .practitioner("ghost"), reason: "x"), "case-c1"),
            field: "data.owner.practitionerId")
        try t.append(try t.fixture.request(.actionCompleted(actionId: "a1", completedOn: "2025-03-05", note: nil), "case-c1"))
        try expectRefused(
            t, try t.fixture.request(.actionProgressRecorded(actionId: "a1", note: "x", recordedOn: "2025-03-06"), "case-c1"),
            field: "data.actionId", "already completed")
        try t.append(
            try t.fixture.request(agreed("a2"), "case-c1"),
            try t.fixture.request(.actionCancelled(actionId: "a2", cancelledOn: "2025-03-06", reason: "x"), "case-c1"))
        try expectRefused(
            t,
            try t.fixture.request(
                .actionEscalated(actionId: "a2", escalation: .init(on: "2025-03-07", to: "line-manager", reason: "x")), "case-c1"),
            field: "data.actionId", "already cancelled")
    }

    /// Every change `ActionRule` names is refused on an action never agreed, completed or
    /// cancelled, with the same field and a reason that says which.
    @Test(arguments: ActionChanges.all.indices)
    func everyChangeNeedsAnOpenAction(change index: Int) throws {
        let change = ActionChanges.all[index]
        let t = try TestLedger()
        func agreed(_ caseId: String) throws -> AppendRequest {
            try t.fixture.request(
                .actionAgreed(
                    actionId: "act-1", description: "Refer to housing", owner: .family("parent"), needId: nil,
                    agreedOn: "2025-03-04", dueOn: "2025-04-01", meetingId: nil),
                "case-\(caseId)")
        }
        try t.append(try t.fixture.caseOpened("never"), try t.fixture.caseOpened("done"), try t.fixture.caseOpened("dropped"))
        try t.append(
            try agreed("done"),
            try t.fixture.request(.actionCompleted(actionId: "act-1", completedOn: "2025-03-05", note: nil), "case-done"),
            try agreed("dropped"),
            try t.fixture.request(.actionCancelled(actionId: "act-1", cancelledOn: "2025-03-05", reason: "x"), "case-dropped"))
        try expectRefused(t, try t.fixture.request(change, "case-never"), field: "data.actionId", "not agreed")
        try expectRefused(t, try t.fixture.request(change, "case-done"), field: "data.actionId", "already completed")
        try expectRefused(t, try t.fixture.request(change, "case-dropped"), field: "data.actionId", "already cancelled")
    }

    @Test func needsMeetingsCafsAndDisputesMustBeKnownAndUnique() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"))
        let agreed = DomainEvent.actionAgreed(
            actionId: "a1", description: "x", owner: .family("parent"), needId: "n1", agreedOn: "2025-03-04", dueOn: "2025-04-01",
            meetingId: nil)
        try expectRefused(t, try t.fixture.request(agreed, "case-c1"), field: "data.needId", "not in a completed CAF")
        try expectRefused(
            t,
            try t.fixture.request(
                .cafCompleted(cafId: "caf1", completedOn: "2025-03-05", needs: [], strengths: [], multiAgency: true), "case-c1"),
            field: "data.cafId", "not started")
        let started = DomainEvent.cafStarted(cafId: "caf1", assessor: "t1", startedOn: "2025-03-04")
        try t.append(try t.fixture.request(started, "case-c1"))
        try expectRefused(t, try t.fixture.request(started, "case-c1"), field: "data.cafId", "already exists")
        let completed = DomainEvent.cafCompleted(
            cafId: "caf1", completedOn: "2025-03-05",
            needs: [.init(needId: "n1", domain: "parenting", outcome: "stay-safe", summary: "Housing")], strengths: ["Loving family"],
            multiAgency: true)
        try t.append(try t.fixture.request(completed, "case-c1"))
        try expectRefused(t, try t.fixture.request(completed, "case-c1"), field: "data.cafId", "already completed")
        try t.append(try t.fixture.request(agreed, "case-c1"))
        func meeting(attendees: [PractitionerID]) -> DomainEvent {
            .tacMeetingHeld(
                .init(
                    meetingId: "m1", kind: "initial", heldOn: "2025-03-06", chair: "t1", attendees: attendees, familyPresent: true,
                    nextReviewDue: "2025-06-06"))
        }
        try expectRefused(t, try t.fixture.request(meeting(attendees: ["t1", "ghost"]), "case-c1"), field: "data.attendees.1")
        try t.append(try t.fixture.request(meeting(attendees: ["t1", "sw1"]), "case-c1"))
        try expectRefused(
            t, try t.fixture.request(meeting(attendees: ["t1", "sw1"]), "case-c1"), field: "data.meetingId", "already exists")
        try expectRefused(
            t,
            try t.fixture.request(
                .leadProfessionalAppointed(
                    practitionerId: "t1", appointedOn: "2025-03-06", meetingId: "m9", criteria: [], agreedWithFamily: true),
                "case-c1"),
            field: "data.meetingId", "not held")
        func raised(actionId: ActionID) -> DomainEvent {
            .disputeRaised(
                disputeId: "d1", about: "non-delivery", raisedBy: "sw1", raisedOn: "2025-04-02", actionId: actionId, summary: "Not done")
        }
        try expectRefused(
            t,
            try t.fixture.request(
                .disputeResolved(disputeId: "d1", resolvedOn: "2025-04-03", resolvedBy: "m1", resolution: "x"), "case-c1"),
            field: "data.disputeId", "not raised")
        try expectRefused(t, try t.fixture.request(raised(actionId: "a9"), "case-c1"), field: "data.actionId")
        try t.append(try t.fixture.request(raised(actionId: "a1"), "case-c1"))
        try expectRefused(t, try t.fixture.request(raised(actionId: "a1"), "case-c1"), field: "data.disputeId", "already exists")
        let resolved = DomainEvent.disputeResolved(disputeId: "d1", resolvedOn: "2025-04-03", resolvedBy: "m1", resolution: "Agreed plan")
        try t.append(try t.fixture.request(resolved, "case-c1"))
        try expectRefused(t, try t.fixture.request(resolved, "case-c1"), field: "data.disputeId", "already resolved")
    }

    @Test func leadProfessionalRules() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"))
        let appoint = DomainEvent.leadProfessionalAppointed(
            practitionerId: "t1", appointedOn: "2025-03-06", meetingId: nil, criteria: ["trusted-relationship"], agreedWithFamily: true)
        try expectRefused(
            t,
            try t.fixture.request(
                .leadProfessionalCoverArranged(
                    .init(practitionerId: "sw1", fromDate: "2025-07-20", untilDate: "2025-09-01", reason: "School holidays")),
                "case-c1"),
            field: "type", "no lead professional")
        try expectRefused(
            t,
            try t.fixture.request(
                .leadProfessionalHandedOver(from: "t1", to: "sw1", handedOverOn: "2025-04-01", reason: "stepped-up", meetingId: nil),
                "case-c1"),
            field: "data.from", "not the current lead professional")
        try t.append(try t.fixture.request(appoint, "case-c1"))
        try expectRefused(t, try t.fixture.request(appoint, "case-c1"), field: "type", "already has a lead professional")
        try expectRefused(
            t,
            try t.fixture.request(
                .leadProfessionalCoverArranged(
                    .init(practitionerId: "sw1", fromDate: "2025-09-01", untilDate: "2025-07-20", reason: "School holidays")),
                "case-c1"),
            field: "data.untilDate")
        try expectRefused(
            t,
            try t.fixture.request(
                .leadProfessionalHandedOver(from: "t1", to: "ghost", handedOverOn: "2025-04-01", reason: "stepped-up", meetingId: nil),
                "case-c1"),
            field: "data.to")
        try t.append(
            try t.fixture.request(
                .leadProfessionalHandedOver(from: "t1", to: "sw1", handedOverOn: "2025-04-01", reason: "stepped-up", meetingId: nil),
                "case-c1"))
        try expectRefused(
            t,
            try t.fixture.request(.leadProfessionalStoodDown(practitionerId: "t1", stoodDownOn: "2025-05-01", reason: "x"), "case-c1"),
            field: "data.practitionerId", "not the current lead professional")
        try t.append(
            try t.fixture.request(.leadProfessionalStoodDown(practitionerId: "sw1", stoodDownOn: "2025-05-01", reason: "x"), "case-c1"))
        try t.append(try t.fixture.request(appoint, "case-c1"))
    }

    @Test func membersAndStatutoryStatuses() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"))
        try expectRefused(
            t, try t.fixture.request(.tacMemberLeft(practitionerId: "t1", leftOn: "2025-03-05", reason: "x"), "case-c1"),
            field: "data.practitionerId", "not a TAC member")
        let joined = DomainEvent.tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05")
        try t.append(try t.fixture.request(joined, "case-c1"))
        try expectRefused(t, try t.fixture.request(joined, "case-c1"), field: "data.practitionerId", "already a TAC member")
        try expectRefused(
            t, try t.fixture.request(.statutoryStatusEnded(status: "looked-after", endedOn: "2025-03-05"), "case-c1"),
            field: "data.status", "not active")
        let started = DomainEvent.statutoryStatusStarted(status: "looked-after", startedOn: "2025-03-05")
        try t.append(try t.fixture.request(started, "case-c1"))
        try expectRefused(t, try t.fixture.request(started, "case-c1"), field: "data.status", "already active")
    }

    @Test func theDataMustNameItsOwnStream() throws {
        var fixture = Fixture()
        let text = fixture.json(
            "CaseOpened", "case-c1",
            #"{"caseId":"c2","childId":"ch","dateOfBirth":null,"gender":"male","ethnicity":"WBRI","openedOn":"2025-03-04","openedBy":"t1"}"#)
        // A rule a JSON Schema cannot state: the HTTP API answers it with 422, not 400.
        #expect(
            throws: ContractViolation(
                field: "data.caseId", problem: #"must equal the stream's ID "c1" (stream case-c1), got "c2""#, isBeyondSchema: true)
        ) {
            try Fixture.parse(text)
        }
    }
}
