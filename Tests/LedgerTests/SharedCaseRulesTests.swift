import LedgerTestSupport
import Testing

@testable import Ledger

/// The rules the append rules refuse by and the projections apply by, each written once: who
/// leads a case (an appointment needs an unled case; a handover and a standing down must name
/// the current lead professional), whether a case is open, and which actions take a change.
@Suite struct SharedCaseRulesTests {
    static let day = CalendarDate(dayNumber: 20_000)
    static let appoint = DomainEvent.leadProfessionalAppointed(
        practitionerId: "p-ann", appointedOn: day, meetingId: nil, criteria: [], agreedWithFamily: true)
    static func handOver(from: PractitionerID, to: PractitionerID) -> DomainEvent {
        .leadProfessionalHandedOver(from: from, to: to, handedOverOn: day, reason: HandoverReason(rawValue: "role-change"), meetingId: nil)
    }
    static func standDown(_ id: PractitionerID) -> DomainEvent {
        .leadProfessionalStoodDown(practitionerId: id, stoodDownOn: day, reason: "case stepped down")
    }

    @Test func eachEventFitsOnlyTheLeadItNames() {
        #expect(LeadTransition.of(Self.appoint, current: nil) == .success(.appointed("p-ann")))
        #expect(LeadTransition.of(Self.appoint, current: "p-bob") == .failure(.alreadyLed(current: "p-bob")))

        #expect(LeadTransition.of(Self.handOver(from: "p-ann", to: "p-bob"), current: "p-ann") == .success(.handedOver(from: "p-ann", to: "p-bob")))
        #expect(
            LeadTransition.of(Self.handOver(from: "p-ann", to: "p-bob"), current: "p-cat")
                == .failure(.notTheLead(named: "p-ann", current: "p-cat")))
        #expect(LeadTransition.of(Self.handOver(from: "p-ann", to: "p-bob"), current: nil) == .failure(.notTheLead(named: "p-ann", current: nil)))

        #expect(LeadTransition.of(Self.standDown("p-ann"), current: "p-ann") == .success(.stoodDown("p-ann")))
        #expect(LeadTransition.of(Self.standDown("p-ann"), current: nil) == .failure(.notTheLead(named: "p-ann", current: nil)))

        #expect(LeadTransition.of(.caseClosed(closedOn: Self.day, reason: ClosureReason(rawValue: "outcomes-met")), current: "p-ann") == nil)
    }

    @Test func whoLeadsAfterwards() {
        #expect(LeadTransition.appointed("p-ann").lead == "p-ann")
        #expect(LeadTransition.handedOver(from: "p-ann", to: "p-bob").lead == "p-bob")
        #expect(LeadTransition.stoodDown("p-ann").lead == nil)
    }

    /// The other rule both sides share: a closed case takes only its reopening, and only a
    /// closed case is reopened.
    @Test func aClosedCaseTakesOnlyItsReopening() {
        let close = DomainEvent.caseClosed(closedOn: Self.day, reason: ClosureReason(rawValue: "outcomes-met"))
        let reopen = DomainEvent.caseReopened(reopenedOn: Self.day, reason: "new concerns")
        #expect(CaseClosureRule.fits(close, isClosed: false))
        #expect(!CaseClosureRule.fits(close, isClosed: true))
        #expect(CaseClosureRule.fits(reopen, isClosed: true))
        #expect(!CaseClosureRule.fits(reopen, isClosed: false))
        #expect(CaseClosureRule.fits(Self.appoint, isClosed: false))
        #expect(!CaseClosureRule.fits(Self.appoint, isClosed: true))
    }

    /// The third: an action is agreed once, and only an open one takes a change; completion
    /// and cancellation close it for good.
    @Test func onlyAnOpenActionTakesAChange() {
        for change in ActionChanges.all {
            #expect(ActionRule.changedAction(by: change) == "act-1", "\(change.type)")
        }
        #expect(ActionRule.fits(.open))
        #expect(!ActionRule.fits(nil) && !ActionRule.fits(.completed) && !ActionRule.fits(.cancelled))

        let agreed = DomainEvent.actionAgreed(
            actionId: "act-1", description: "visit", owner: .family("parent"), needId: nil, agreedOn: Self.day,
            dueOn: Self.day, meetingId: nil)
        #expect(ActionRule.changedAction(by: agreed) == nil, "an agreement makes an action, it changes none")
        #expect(ActionRule.status(after: agreed) == .open)
        #expect(ActionChanges.all.map { ActionRule.status(after: $0) } == [.open, .open, .open, .open, .completed, .cancelled])
        #expect(ActionRule.status(after: Self.appoint) == nil)
    }
}
