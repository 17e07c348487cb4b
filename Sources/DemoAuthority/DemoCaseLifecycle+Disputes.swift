import Ledger

// Disputes between agencies in the TAC, raised and resolved by a manager.

extension DemoCaseLifecycle {
    func resolveDispute(_ number: Int, on day: Int) {
        guard !isClosed, let i = openDisputes.firstIndex(where: { $0.number == number }) else { return }
        stamp(day)
        let about = openDisputes[i].about
        resolve(disputeAt: i)
        if about == .leadProfessional && lead == nil && mayAppointLead {
            stamp(today)
            if let p = chooseLead(excluding: nil, preferring: nil, insist: false) { appoint(p, meeting: nil) }
        }
    }

    func raiseDispute(_ about: DemoDisputeAbout, action: Int?) {
        let d = today
        let raisers = members.filter { $0 != lead && directory.isActive($0, on: d) }
        let raiser = raisers.isEmpty ? actor(preferring: nil) : rng.pick(raisers)
        let number = state.disputes.count + 1
        record(
            .disputeRaised(
                disputeId: Self.disputeId(number),
                about: about.wire,
                raisedBy: practitioner(raiser),
                raisedOn: on,
                actionId: action.map(Self.actionId),
                summary: Self.summary(about)
            ),
            by: raiser
        )
        openDisputes.append((number, about))
        let days = about == .leadProfessional ? rng.int(7...21) : rng.int(10...45)
        schedule(.resolveDispute(number), on: d + days)
    }

    func resolve(disputeAt i: Int) {
        let d = today
        let resolver = directory.pick(.manager, on: d, through: d, rng: &rng) ?? directory.dutyManager
        let dispute = openDisputes.remove(at: i)
        record(
            .disputeResolved(
                disputeId: Self.disputeId(dispute.number), resolvedOn: on, resolvedBy: practitioner(resolver),
                resolution: Self.resolution(dispute.about)),
            by: resolver
        )
    }

    private static func summary(_ about: DemoDisputeAbout) -> String {
        switch about {
        case .leadProfessional: DemoVocabulary.disputeSummaries[0]
        case .nonDelivery: DemoVocabulary.disputeSummaries[1]
        case .accountability: DemoVocabulary.disputeSummaries[2]
        case .resources: DemoVocabulary.disputeSummaries[3]
        case .approach: DemoVocabulary.disputeSummaries[4]
        }
    }

    private static func resolution(_ about: DemoDisputeAbout) -> String {
        switch about {
        case .leadProfessional: DemoVocabulary.resolutions[1]
        case .nonDelivery: DemoVocabulary.resolutions[2]
        case .accountability: DemoVocabulary.resolutions[0]
        case .resources: DemoVocabulary.resolutions[3]
        case .approach: DemoVocabulary.resolutions[4]
        }
    }
}
