import Ledger

// Staff turnover as a case sees it: work handed on before a practitioner leaves, or picked
// up after they have gone (unless this case is the one that fails to notice).

extension DemoCaseLifecycle {
    /// Notes a practitioner's departure date, if it falls in the timeline, so that their
    /// work is handed on (before they go or just after), unless this case ignores it.
    func watch(_ p: Int32) {
        guard !watched.contains(p) else { return }
        let left = directory.leftDay(p)
        guard left <= DemoTimeline.lastDay else { return }
        watched.append(p)
        if rng.chance(0.5) {
            let before = DemoTimeline.workday(onOrBefore: left - 1 - rng.int(0...6))
            if before >= today && before < left { schedule(.preDeparture(p), on: before) }
        }
        schedule(.departure(p), on: DemoTimeline.addingWorkdays(rng.int(1...12), to: left))
    }

    /// A practitioner about to leave hands their work on while still in post.
    func preDeparture(_ p: Int32, on day: Int) {
        guard !isClosed, breach != .departuresIgnored else { return }
        stamp(day)
        guard directory.isActive(p, on: today) else { return }
        if lead == p, let next = chooseLead(excluding: p, preferring: nil, insist: false) {
            handOver(to: next, reason: .practitionerLeaving, meeting: nil, actorPreferring: p)
        }
        reassignActions(of: p, reason: DemoVocabulary.leavingOwnerReason)
        if lead != p && members.contains(p) {
            stamp(today)
            memberLeaves(p, reason: "Leaving their agency")
        }
    }

    /// After a practitioner has left: their case work is picked up by someone else.
    func departure(_ p: Int32, on day: Int) {
        guard !isClosed, breach != .departuresIgnored else { return }
        let owns = actions.contains { isOpen($0) && $0.owner == .practitioner(p) }
        guard lead == p || owns || members.contains(p) else { return }
        stamp(day)
        guard !directory.isActive(p, on: today) else { return }
        if lead == p {
            if rng.chance(0.75), let next = chooseLead(excluding: p, preferring: nil, insist: false) {
                handOver(to: next, reason: .practitionerLeaving, meeting: nil, actorPreferring: next)
            } else {
                record(
                    .leadProfessionalStoodDown(
                        practitionerId: practitioner(p), stoodDownOn: on, reason: DemoVocabulary.leadProfessionalLeftReason),
                    by: actor(preferring: nil))
                schedule(.appointLead, on: DemoTimeline.addingWorkdays(rng.int(3...15), to: today))
            }
        }
        reassignActions(of: p, reason: DemoVocabulary.departedOwnerReason)
        if members.contains(p) {
            stamp(today)
            memberLeaves(p, reason: "Left their agency")
        }
    }
}
