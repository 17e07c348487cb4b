import Ledger

// Statutory statuses: starting one brings in the service and the lead the guidance calls
// for; ending a plan or care may step the case down to early help.

extension DemoCaseLifecycle {
    func startStatus(_ status: DemoStatus, on day: Int) {
        guard !isClosed, activeStatuses & status.bit == 0 else { return }
        stamp(day)
        record(.statutoryStatusStarted(status: status.wire, startedOn: on), by: actor(preferring: lead))
        switch status {
        case .childProtectionPlan, .lookedAfter:
            _ = ensureMember(.socialWorker)
            bringLeadIntoLine(reason: .steppedUp)
            if breach == .yotLeadingLookedAfter {
                break  // stays in care, still led by the YOT officer
            } else if policyRelaxed {
                schedule(.statusEnd(status), on: today + rng.int(150...300))
            } else if rng.chance(status == .childProtectionPlan ? 0.35 : 0.5) {
                schedule(.close(.steppedUp), on: today + rng.int(10...30))
            } else {
                let length = status == .childProtectionPlan ? rng.int(120...270) : rng.int(180...400)
                schedule(.statusEnd(status), on: today + length)
                reviewsPlanned += 2
            }
        case .careLeaver:
            if breach != .careLeaverLedByTeacher { _ = ensureMember(.personalAdviser) }
            bringLeadIntoLine(reason: .needsChanged)
        case .youthJustice:
            let yot = ensureMember(.yotOfficer)
            let yotMayLead = activeStatuses & (Self.cp | Self.lac) == 0 || policyRelaxed
            if let yot, yotMayLead, breach == .yotLeadingLookedAfter || rng.chance(0.35) {
                stamp(today)
                if lead == nil {
                    if mayAppointLead { appoint(yot, meeting: nil) }
                } else if lead != yot {
                    handOver(to: yot, reason: .needsChanged, meeting: nil, actorPreferring: yot)
                }
            }
            if breach == .yotLeadingLookedAfter {
                schedule(.statusStart(.lookedAfter), on: today + rng.int(40...90))
            } else {
                schedule(.statusEnd(.youthJustice), on: today + rng.int(90...365))
            }
        case .childInNeed:
            _ = ensureMember(.socialWorker)
            schedule(.statusEnd(.childInNeed), on: today + rng.int(90...200))
        case .complexHealth:
            _ = ensureMember(.communityChildrensNurse)
        case .mentalHealthCPA:
            _ = ensureMember(.camhsPractitioner)
            schedule(.statusEnd(.mentalHealthCPA), on: today + rng.int(120...300))
        }
    }

    func endStatus(_ status: DemoStatus, on day: Int) {
        guard !isClosed, activeStatuses & status.bit != 0 else { return }
        stamp(day)
        record(.statutoryStatusEnded(status: status.wire, endedOn: on), by: actor(preferring: lead))
        guard status == .childProtectionPlan || status == .lookedAfter,
            activeStatuses & (Self.cp | Self.lac) == 0,
            let current = lead, directory.role(current) == .socialWorker, rng.chance(0.6)
        else { return }
        // Step down to early help: a handover from the social worker.
        var meeting: Int?
        if rng.chance(0.5) {
            stamp(today)
            meeting = holdMeeting(.handover, nextReviewDue: nextReviewDue)
        }
        if let next = chooseLead(excluding: current, preferring: nil, insist: false, notRole: .socialWorker) {
            handOver(to: next, reason: .steppedDown, meeting: meeting, actorPreferring: current)
        }
        if rng.chance(0.3) { schedule(.statusStart(.childInNeed), on: today + 1) }
    }
}
