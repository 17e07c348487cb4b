import Ledger

// Assessments: the CAF the assessor starts, and the needs it records.

extension DemoCaseLifecycle {
    func startCAF(_ assessor: Int32) -> Int {
        // The assessor was chosen on the day the case opened; never name someone since gone.
        let who = directory.isActive(assessor, on: today) ? assessor : actor(preferring: nil)
        let number = state.cafs.count + 1
        record(.cafStarted(cafId: Self.cafId(number), assessor: practitioner(who), startedOn: on), by: who)
        return number
    }

    func chooseNeeds(count: Int) -> [DemoNeed] {
        let templates = DemoVocabulary.needs
        var chosen: [DemoNeed] = []
        var attempts = 0
        while chosen.count < count && attempts < 40 {
            attempts += 1
            let t = rng.int(templates.count)
            guard templates[t].routes & route.bit != 0, !chosen.contains(where: { $0.template == t }) else { continue }
            chosen.append(DemoNeed(number: completedNeeds.count + chosen.count + 1, template: t))
        }
        if chosen.isEmpty {
            // Every route has at least the housing and income needs.
            chosen.append(DemoNeed(number: completedNeeds.count + 1, template: 8))
        }
        return chosen
    }
}
