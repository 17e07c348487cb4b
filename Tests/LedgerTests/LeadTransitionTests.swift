import Testing

@testable import Ledger

/// The one rule of who leads a case, which the append rules refuse by and the projections
/// apply by: an appointment needs an unled case; a handover and a standing down must name
/// the current lead professional.
@Suite struct LeadTransitionTests {
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
}
