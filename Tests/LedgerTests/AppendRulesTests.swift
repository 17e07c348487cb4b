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
                "AgencyRegistered", "agency-x",
                #"{"agencyId":"x","name":"X","authorityId":"nowhere","sector":"private","service":"other"}"#),
            field: "data.authorityId", "not registered")
        try expectRefused(t, try t.fixture.practitioner("p9", agency: "nowhere", role: "gp", manager: nil), field: "data.agencyId")
        try expectRefused(t, try t.fixture.practitioner("p9", agency: "sc", role: "gp", manager: "ghost"), field: "data.lineManagerId")
        try expectRefused(t, try t.fixture.practitioner("sw1", agency: "sc", role: "gp", manager: nil), field: "type", "already registered")
        try expectRefused(
            t, try t.fixture.request("PractitionerLeft", "practitioner-ghost", #"{"practitionerId":"ghost","leftOn":"2025-01-01"}"#),
            field: "stream", "not registered")
        try expectRefused(t, try t.fixture.caseOpened("c1", by: "ghost"), field: "actor")
    }

    @Test func aLeftPractitionerAcceptsNoFurtherEvents() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.request("PractitionerLeft", "practitioner-t1", #"{"practitionerId":"t1","leftOn":"2025-04-01"}"#))
        try expectRefused(
            t, try t.fixture.request("PractitionerLineManagerChanged", "practitioner-t1", #"{"practitionerId":"t1","lineManagerId":null}"#),
            field: "stream", "has left")
    }

    @Test func caseStreamsBeginWithCaseOpenedAndAcceptOnlyReopenedOnceClosed() throws {
        let t = try TestLedger()
        try expectRefused(
            t, try t.fixture.request("CaseClosed", "case-c1", #"{"closedOn":"2025-05-01","reason":"needs-met"}"#), field: "type",
            "must begin with CaseOpened")
        try t.append(try t.fixture.caseOpened("c1"))
        try expectRefused(t, try t.fixture.caseOpened("c1"), field: "type", "already open")
        try expectRefused(
            t, try t.fixture.request("CaseReopened", "case-c1", #"{"reopenedOn":"2025-05-01","reason":"x"}"#), field: "type", "not closed")
        try t.append(try t.fixture.request("CaseClosed", "case-c1", #"{"closedOn":"2025-05-01","reason":"needs-met"}"#))
        try expectRefused(
            t, try t.fixture.request("TACMemberJoined", "case-c1", #"{"practitionerId":"t1","joinedOn":"2025-05-02"}"#),
            field: "type", "closed")
        try t.append(try t.fixture.request("CaseReopened", "case-c1", #"{"reopenedOn":"2025-06-01","reason":"new concerns"}"#))
        try t.append(try t.fixture.request("TACMemberJoined", "case-c1", #"{"practitionerId":"t1","joinedOn":"2025-06-02"}"#))
    }

    @Test func actionsMustBeKnownOpenAndUnique() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"))
        let agreed = #"{"actionId":"a1","description":"Refer to housing","owner":{"practitionerId":"t1"},"needId":null,"agreedOn":"2025-03-04","dueOn":"2025-04-01","meetingId":null}"#
        try expectRefused(
            t, try t.fixture.request("ActionCompleted", "case-c1", #"{"actionId":"a1","completedOn":"2025-03-05","note":null}"#),
            field: "data.actionId", "not agreed")
        try t.append(try t.fixture.request("ActionAgreed", "case-c1", agreed))
        try expectRefused(t, try t.fixture.request("ActionAgreed", "case-c1", agreed), field: "data.actionId", "already exists")
        try expectRefused(
            t,
            try t.fixture.request(
                "ActionReassigned", "case-c1", #"{"actionId":"a1","owner":{"practitionerId":"ghost"},"reason":"x"}"#),
            field: "data.owner.practitionerId")
        try t.append(try t.fixture.request("ActionCompleted", "case-c1", #"{"actionId":"a1","completedOn":"2025-03-05","note":null}"#))
        try expectRefused(
            t, try t.fixture.request("ActionProgressRecorded", "case-c1", #"{"actionId":"a1","note":"x","recordedOn":"2025-03-06"}"#),
            field: "data.actionId", "already completed")
        try t.append(
            try t.fixture.request("ActionAgreed", "case-c1", agreed.replacingOccurrences(of: "\"a1\"", with: "\"a2\"")),
            try t.fixture.request("ActionCancelled", "case-c1", #"{"actionId":"a2","cancelledOn":"2025-03-06","reason":"x"}"#))
        try expectRefused(
            t,
            try t.fixture.request(
                "ActionEscalated", "case-c1", #"{"actionId":"a2","escalatedOn":"2025-03-07","escalatedTo":"line-manager","reason":"x"}"#),
            field: "data.actionId", "already cancelled")
    }

    @Test func needsMeetingsCafsAndDisputesMustBeKnownAndUnique() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"))
        try expectRefused(
            t,
            try t.fixture.request(
                "ActionAgreed", "case-c1",
                #"{"actionId":"a1","description":"x","owner":{"familyMember":"parent"},"needId":"n1","agreedOn":"2025-03-04","dueOn":"2025-04-01","meetingId":null}"#),
            field: "data.needId", "not in a completed CAF")
        try expectRefused(
            t,
            try t.fixture.request(
                "CAFCompleted", "case-c1", #"{"cafId":"caf1","completedOn":"2025-03-05","needs":[],"strengths":[],"multiAgency":true}"#),
            field: "data.cafId", "not started")
        let started = #"{"cafId":"caf1","assessor":"t1","startedOn":"2025-03-04"}"#
        try t.append(try t.fixture.request("CAFStarted", "case-c1", started))
        try expectRefused(t, try t.fixture.request("CAFStarted", "case-c1", started), field: "data.cafId", "already exists")
        let completed = #"{"cafId":"caf1","completedOn":"2025-03-05","needs":[{"needId":"n1","domain":"parenting","outcome":"stay-safe","summary":"Housing"}],"strengths":["Loving family"],"multiAgency":true}"#
        try t.append(try t.fixture.request("CAFCompleted", "case-c1", completed))
        try expectRefused(t, try t.fixture.request("CAFCompleted", "case-c1", completed), field: "data.cafId", "already completed")
        try t.append(
            try t.fixture.request(
                "ActionAgreed", "case-c1",
                #"{"actionId":"a1","description":"x","owner":{"familyMember":"parent"},"needId":"n1","agreedOn":"2025-03-04","dueOn":"2025-04-01","meetingId":null}"#))
        let meeting = #"{"meetingId":"m1","kind":"initial","heldOn":"2025-03-06","chair":"t1","attendees":["t1","sw1"],"familyPresent":true,"nextReviewDue":"2025-06-06"}"#
        try expectRefused(
            t,
            try t.fixture.request(
                "TACMeetingHeld", "case-c1", meeting.replacingOccurrences(of: "[\"t1\",\"sw1\"]", with: "[\"t1\",\"ghost\"]")),
            field: "data.attendees.1")
        try t.append(try t.fixture.request("TACMeetingHeld", "case-c1", meeting))
        try expectRefused(t, try t.fixture.request("TACMeetingHeld", "case-c1", meeting), field: "data.meetingId", "already exists")
        try expectRefused(
            t,
            try t.fixture.request(
                "LeadProfessionalAppointed", "case-c1",
                #"{"practitionerId":"t1","appointedOn":"2025-03-06","meetingId":"m9","criteria":[],"agreedWithFamily":true}"#),
            field: "data.meetingId", "not held")
        let raised = #"{"disputeId":"d1","about":"non-delivery","raisedBy":"sw1","raisedOn":"2025-04-02","actionId":"a1","summary":"Not done"}"#
        try expectRefused(
            t,
            try t.fixture.request(
                "DisputeResolved", "case-c1", #"{"disputeId":"d1","resolvedOn":"2025-04-03","resolvedBy":"m1","resolution":"x"}"#),
            field: "data.disputeId", "not raised")
        try expectRefused(
            t, try t.fixture.request("DisputeRaised", "case-c1", raised.replacingOccurrences(of: "\"a1\"", with: "\"a9\"")),
            field: "data.actionId")
        try t.append(try t.fixture.request("DisputeRaised", "case-c1", raised))
        try expectRefused(t, try t.fixture.request("DisputeRaised", "case-c1", raised), field: "data.disputeId", "already exists")
        let resolved = #"{"disputeId":"d1","resolvedOn":"2025-04-03","resolvedBy":"m1","resolution":"Agreed plan"}"#
        try t.append(try t.fixture.request("DisputeResolved", "case-c1", resolved))
        try expectRefused(t, try t.fixture.request("DisputeResolved", "case-c1", resolved), field: "data.disputeId", "already resolved")
    }

    @Test func leadProfessionalRules() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"))
        let appoint = #"{"practitionerId":"t1","appointedOn":"2025-03-06","meetingId":null,"criteria":["trusted-relationship"],"agreedWithFamily":true}"#
        try expectRefused(
            t,
            try t.fixture.request(
                "LeadProfessionalCoverArranged", "case-c1",
                #"{"coverPractitionerId":"sw1","fromDate":"2025-07-20","untilDate":"2025-09-01","reason":"School holidays"}"#),
            field: "type", "no lead professional")
        try expectRefused(
            t,
            try t.fixture.request(
                "LeadProfessionalHandedOver", "case-c1",
                #"{"from":"t1","to":"sw1","handedOverOn":"2025-04-01","reason":"stepped-up","meetingId":null}"#),
            field: "data.from", "not the current lead professional")
        try t.append(try t.fixture.request("LeadProfessionalAppointed", "case-c1", appoint))
        try expectRefused(t, try t.fixture.request("LeadProfessionalAppointed", "case-c1", appoint), field: "type", "already has a lead professional")
        try expectRefused(
            t,
            try t.fixture.request(
                "LeadProfessionalCoverArranged", "case-c1",
                #"{"coverPractitionerId":"sw1","fromDate":"2025-09-01","untilDate":"2025-07-20","reason":"School holidays"}"#),
            field: "data.untilDate")
        try expectRefused(
            t,
            try t.fixture.request(
                "LeadProfessionalHandedOver", "case-c1",
                #"{"from":"t1","to":"ghost","handedOverOn":"2025-04-01","reason":"stepped-up","meetingId":null}"#),
            field: "data.to")
        try t.append(
            try t.fixture.request(
                "LeadProfessionalHandedOver", "case-c1",
                #"{"from":"t1","to":"sw1","handedOverOn":"2025-04-01","reason":"stepped-up","meetingId":null}"#))
        try expectRefused(
            t,
            try t.fixture.request("LeadProfessionalStoodDown", "case-c1", #"{"practitionerId":"t1","stoodDownOn":"2025-05-01","reason":"x"}"#),
            field: "data.practitionerId", "not the current lead professional")
        try t.append(
            try t.fixture.request("LeadProfessionalStoodDown", "case-c1", #"{"practitionerId":"sw1","stoodDownOn":"2025-05-01","reason":"x"}"#))
        try t.append(try t.fixture.request("LeadProfessionalAppointed", "case-c1", appoint))
    }

    @Test func membersAndStatutoryStatuses() throws {
        let t = try TestLedger()
        try t.append(try t.fixture.caseOpened("c1"))
        try expectRefused(
            t, try t.fixture.request("TACMemberLeft", "case-c1", #"{"practitionerId":"t1","leftOn":"2025-03-05","reason":"x"}"#),
            field: "data.practitionerId", "not a TAC member")
        let joined = #"{"practitionerId":"t1","joinedOn":"2025-03-05"}"#
        try t.append(try t.fixture.request("TACMemberJoined", "case-c1", joined))
        try expectRefused(t, try t.fixture.request("TACMemberJoined", "case-c1", joined), field: "data.practitionerId", "already a TAC member")
        try expectRefused(
            t, try t.fixture.request("StatutoryStatusEnded", "case-c1", #"{"status":"looked-after","endedOn":"2025-03-05"}"#),
            field: "data.status", "not active")
        let started = #"{"status":"looked-after","startedOn":"2025-03-05"}"#
        try t.append(try t.fixture.request("StatutoryStatusStarted", "case-c1", started))
        try expectRefused(t, try t.fixture.request("StatutoryStatusStarted", "case-c1", started), field: "data.status", "already active")
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
