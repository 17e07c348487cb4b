import Foundation
import Ledger

/// The policy breach a case is written to show, so that every flag in DOMAIN.md appears in
/// the demo. Breaches are recorded like anything else (the ledger never refuses them) and
/// left for the projections to flag.
enum DemoBreach {
    case none
    /// No lead professional is agreed at the initial meeting, nor later.
    case noLeadProfessional
    /// A child protection plan starts and the non-social-worker LP stays on.
    case childProtectionLedByNonSocialWorker
    /// A YOT officer leads, and stays on when the young person becomes looked after.
    case yotLeadingLookedAfter
    /// A college teacher leads a care leaver's case.
    case careLeaverLedByTeacher
    /// Reviews stop after the first one; the case stays open with its review overdue.
    case reviewsLeftOverdue
    /// The CAF is started before the family's consent to the assessment is recorded.
    case cafBeforeConsent
    /// Nobody notices when the LP or an action owner leaves their agency.
    case departuresIgnored

    /// Deterministic by case number, so even a small demo shows each breach.
    init(caseIndex: Int) {
        switch caseIndex % 100 {
        case 7: self = .noLeadProfessional
        case 19: self = .childProtectionLedByNonSocialWorker
        case 29: self = .yotLeadingLookedAfter
        case 41: self = .careLeaverLedByTeacher
        case 53: self = .reviewsLeftOverdue
        case 67: self = .cafBeforeConsent
        case 3, 59, 83, 89, 97: self = .departuresIgnored
        default: self = .none
        }
    }
}

private enum DemoActionScript {
    case onTime, late, escalate, cancel, reassign, drift
}

private enum DemoActionStep {
    case progress, chase, complete, revise, escalate, reassign, cancel
}

private struct DemoAction {
    let number: Int
    /// Which template it came from, so a plan never holds the same open action twice.
    let template: Int
    var owner: DemoOwner
    var isOpen: Bool
    var due: Int
    let script: DemoActionScript
}

/// Something the case's future holds; handled in time order, and only if still relevant
/// (the state decides: an action completed meanwhile is not completed twice).
private enum DemoHappening {
    case review
    case action(Int, DemoActionStep)
    case preDeparture(Int32)
    case departure(Int32)
    case holidayCheck(kind: Int, year: Int)
    case statusStart(DemoStatus)
    case statusEnd(DemoStatus)
    case resolveDispute(Int)
    case appointLead
    case close(DemoCloseReason)
    case reopen
}

private struct DemoScheduled {
    let time: Int
    let order: Int
    let happening: DemoHappening
}

/// One case's whole recorded history, from `CaseOpened` to the end of the demo timeline.
///
/// The generator tracks exactly the state the ledger's stateful rules check (open/closed,
/// CAFs, needs, TAC members, meetings, the LP, open actions, active statuses, open disputes)
/// and only ever emits an event those rules accept; policy problems are produced on purpose
/// (see `DemoBreach`) and otherwise avoided. A case depends only on its number, the seed
/// and the directory, so cases can be generated one at a time and streamed.
final class DemoCaseLifecycle {
    let caseIndex: Int
    private(set) var events: [DemoCaseEvent] = []

    private let directory: DemoDirectory
    private var rng: DemoRandom
    private var clock: Int

    // The child.
    private let route: DemoRoute
    private let dateOfBirth: Int?
    private let gender: StaticString
    private let ethnicity: StaticString
    private let givenBy: DemoGivenBy
    private let breach: DemoBreach

    // What the ledger knows about the case.
    private var isClosed = false
    private var cafCount = 0
    private var completedNeeds: [DemoNeed] = []
    private var members: [Int32] = []
    private var meetingCount = 0
    private var lead: Int32?
    private var actions: [DemoAction] = []
    private var activeStatuses: UInt8 = 0
    private var disputeCount = 0
    private var openDisputes: [(number: Int, about: DemoDisputeAbout)] = []
    private var nextReviewDue: Int?

    // The plan.
    private var episode = 0
    private var episodeNeeds: [DemoNeed] = []
    private var reviewsPlanned = 0
    private var reviewsHeld = 0
    private var policyRelaxed = false
    private var watched: [Int32] = []
    private var queue: [DemoScheduled] = []
    private var queueOrder = 0

    private static let cp = DemoStatus.childProtectionPlan.bit
    private static let lac = DemoStatus.lookedAfter.bit

    init(caseIndex: Int, openTime: Int, seed: UInt64, directory: DemoDirectory) {
        self.caseIndex = caseIndex
        self.directory = directory
        self.clock = openTime
        var rng = DemoRandom(seed: DemoMix.mix(seed ^ 0x5EED_CA5E, UInt64(caseIndex)))
        let breach = DemoBreach(caseIndex: caseIndex)
        self.breach = breach

        // Age band first: it decides who notices the need and what the needs can be.
        var route: DemoRoute
        switch breach {
        case .yotLeadingLookedAfter: route = .secondary
        case .careLeaverLedByTeacher: route = .older
        case .childProtectionLedByNonSocialWorker: route = rng.chance(0.5) ? .earlyYears : .primary
        default:
            route = [DemoRoute.unborn, .earlyYears, .primary, .secondary, .older][rng.weighted([4, 30, 30, 26, 10])]
        }
        self.route = route
        let openDay = DemoTimeline.dayOf(openTime)
        let ageDays: Int?
        switch (route, breach) {
        case (_, .yotLeadingLookedAfter): ageDays = rng.int(14 * 365...16 * 365)
        case (_, .careLeaverLedByTeacher): ageDays = rng.int(17 * 365 + 5...17 * 365 + 300)
        case (.unborn, _): ageDays = nil
        case (.earlyYears, _): ageDays = rng.int(20...5 * 365)
        case (.primary, _): ageDays = rng.int(5 * 365 + 2...11 * 365)
        case (.secondary, _): ageDays = rng.int(11 * 365 + 3...16 * 365)
        case (.older, _): ageDays = rng.int(16 * 365 + 4...18 * 365 + 330)
        }
        // A few children's dates of birth are not known to the assessor.
        dateOfBirth = ageDays.flatMap { rng.chance(0.01) ? nil : openDay - $0 }
        if route == .unborn {
            gender = rng.chance(0.8) ? "not-stated" : (rng.chance(0.5) ? "male" : "female")
        } else {
            gender = (["male", "female", "not-stated", "neither"] as [StaticString])[rng.weighted([50, 47, 2, 1])]
        }
        ethnicity = Self.ethnicities[rng.weighted(Self.ethnicityWeights)]
        switch route {
        case .unborn, .earlyYears, .primary: givenBy = rng.chance(0.88) ? .parent : .carer
        case .secondary: givenBy = [DemoGivenBy.parent, .child, .carer][rng.weighted([70, 18, 12])]
        case .older: givenBy = [DemoGivenBy.child, .parent, .carer][rng.weighted([80, 12, 8])]
        }
        self.rng = rng
    }

    /// Generates the case's events up to the end of the demo timeline.
    func run() {
        startEpisode(reopening: false)
        while let next = popHappening() {
            if next.time > DemoTimeline.endInstant || clock > DemoTimeline.endInstant { break }
            handle(next.happening, on: DemoTimeline.dayOf(next.time))
        }
        // Nothing after the demo world's "today"; what is left is a valid prefix.
        if let cut = events.firstIndex(where: { $0.time > DemoTimeline.endInstant }) {
            events.removeSubrange(cut...)
        }
    }

    // MARK: - Episodes

    private func startEpisode(reopening: Bool) {
        episode += 1
        episodeNeeds = []
        reviewsHeld = 0
        policyRelaxed =
            episode == 1
            && (breach == .childProtectionLedByNonSocialWorker || breach == .yotLeadingLookedAfter
                || breach == .careLeaverLedByTeacher)

        let openDay = today
        let opener =
            directory.pick(openerRole(), on: openDay, through: openDay + 150, rng: &rng) ?? directory.dutyManager
        if reopening {
            record(.reopened(reason: rng.pick(DemoVocabulary.reopenReasons)), by: opener)
        } else {
            record(
                .opened(dateOfBirth: dateOfBirth, gender: gender, ethnicity: ethnicity, openedBy: opener),
                by: opener
            )
        }
        // For the teacher-led care leaver, the teacher must be the assessor (and so lead).
        let assessor: Int32
        if rng.chance(0.7) || breach == .careLeaverLedByTeacher || breach == .childProtectionLedByNonSocialWorker {
            assessor = opener
        } else {
            assessor =
                directory.pick(openerRole(), on: openDay, through: openDay + 150, avoiding: [opener], rng: &rng)
                ?? opener
        }

        // Consent, then the assessment (or, for one breach, the other way round).
        let newCAF = !reopening || completedNeeds.isEmpty || rng.chance(0.6)
        var cafNumber = 0
        if breach == .cafBeforeConsent && !reopening {
            stamp(DemoTimeline.addingWorkdays(rng.int(1...4), to: openDay))
            cafNumber = startCAF(assessor)
            stamp(DemoTimeline.addingWorkdays(rng.int(2...6), to: today))
            record(.consentRecorded(.assessment, givenBy: givenBy), by: actor(preferring: assessor))
            stamp(today)
            record(.consentRecorded(.informationSharing, givenBy: givenBy), by: actor(preferring: assessor))
        } else {
            stamp(DemoTimeline.addingWorkdays(rng.int(0...3), to: openDay))
            record(.consentRecorded(.assessment, givenBy: givenBy), by: actor(preferring: assessor))
            let sharingNow = rng.chance(0.75)
            if sharingNow {
                stamp(today)
                record(.consentRecorded(.informationSharing, givenBy: givenBy), by: actor(preferring: assessor))
            }
            if newCAF {
                stamp(DemoTimeline.addingWorkdays(rng.int(0...5), to: today))
                cafNumber = startCAF(assessor)
            }
            if !sharingNow {
                stamp(DemoTimeline.addingWorkdays(rng.int(1...5), to: today))
                record(.consentRecorded(.informationSharing, givenBy: givenBy), by: actor(preferring: assessor))
            }
        }

        var multiAgency = true
        if newCAF {
            if !reopening && rng.chance(0.03) {
                // The family withdraws consent before the assessment is finished.
                stamp(DemoTimeline.addingWorkdays(rng.int(5...20), to: today))
                record(.consentWithdrawn(.assessment, givenBy: givenBy), by: actor(preferring: assessor))
                closeCase(.consentWithdrawn, withMeeting: false, consentAlreadyWithdrawn: true)
                return
            }
            stamp(DemoTimeline.addingWorkdays(rng.int(8...30), to: today))
            episodeNeeds = chooseNeeds(count: rng.weighted([0, 15, 35, 32, 18]))
            completedNeeds.append(contentsOf: episodeNeeds)
            multiAgency = reopening || rng.chance(0.93)
            var strengths: [Int] = []
            for _ in 0..<rng.int(1...3) {
                let s = rng.int(DemoVocabulary.strengths.count)
                if !strengths.contains(s) { strengths.append(s) }
            }
            record(
                .cafCompleted(caf: cafNumber, needs: episodeNeeds, strengths: strengths, multiAgency: multiAgency),
                by: actor(preferring: assessor)
            )
        } else {
            for need in completedNeeds where episodeNeeds.count < 3 && rng.chance(0.6) { episodeNeeds.append(need) }
            if episodeNeeds.isEmpty { episodeNeeds.append(rng.pick(completedNeeds)) }
        }

        if !multiAgency {
            // Single-agency needs: the assessor's own agency meets them; no TAC is formed.
            stamp(DemoTimeline.addingWorkdays(rng.int(1...5), to: today))
            agreeActions(rng.int(1...2), meeting: nil, ownerHint: assessor)
            let lastDue = actions.map(\.due).max() ?? today
            schedule(.close(.needsMet), on: lastDue + rng.int(5...25))
            return
        }

        let meetingDay = DemoTimeline.addingWorkdays(rng.int(5...15), to: today)
        // The case that ignores departures is given a lead who is about to leave.
        let leaver =
            breach == .departuresIgnored && !reopening
            ? directory.pickLeaving(on: today + 1, leavingWithin: (meetingDay + 60)...(meetingDay + 240), rng: &rng)
            : nil
        assembleTeam(around: assessor, meetingDay: meetingDay, including: leaver)
        stamp(meetingDay)
        let nextDue = DemoTimeline.workday(onOrAfter: today + rng.int(42...84))
        let meeting = holdMeeting(.initial, nextReviewDue: nextDue)
        if mayAppointLead {
            if rng.chance(0.03) {
                raiseDispute(.leadProfessional, action: nil)
            } else if let p = chooseLead(
                excluding: nil,
                preferring: leaver ?? assessor,
                insist: policyRelaxed || leaver != nil
            ) {
                appoint(p, meeting: meeting)
            }
        }
        agreeActions(rng.int(3...6), meeting: meeting, ownerHint: nil)
        if rng.chance(0.35) { agreeFamilyAction(meeting: meeting) }
        reviewsPlanned = reopening ? rng.int(1...3) : 2 + rng.weighted([10, 22, 24, 18, 12, 8, 6])
        schedule(.review, on: reviewDay(due: nextDue))
        scheduleHolidayCheck(after: today)
        if !reopening { planCourse() }
    }

    /// Statutory involvement and early endings, decided when the TAC first meets.
    private func planCourse() {
        let start = today
        let horizon = max(60, reviewsPlanned * 63)
        switch breach {
        case .childProtectionLedByNonSocialWorker:
            schedule(.statusStart(.childProtectionPlan), on: start + rng.int(20...60))
        case .yotLeadingLookedAfter:
            schedule(.statusStart(.youthJustice), on: start + rng.int(5...15))
        case .careLeaverLedByTeacher:
            schedule(.statusStart(.careLeaver), on: start + rng.int(20...50))
        default:
            let midway = { start + 20 + self.rng.int(0...(horizon * 6 / 10)) }
            if route != .older && rng.chance(0.07) {
                schedule(.statusStart(.childProtectionPlan), on: midway())
            } else if rng.chance(0.015) {
                schedule(.statusStart(.lookedAfter), on: midway())
            }
            if rng.chance(0.06) { schedule(.statusStart(.childInNeed), on: midway()) }
            if (route == .secondary || route == .older) && rng.chance(0.3) {
                schedule(.statusStart(.youthJustice), on: midway())
            }
            if (route == .earlyYears || route == .primary) && rng.chance(0.04) {
                schedule(.statusStart(.complexHealth), on: midway())
            }
            if (route == .secondary || route == .older) && rng.chance(0.05) {
                schedule(.statusStart(.mentalHealthCPA), on: midway())
            }
            if route == .older && rng.chance(0.12) { schedule(.statusStart(.careLeaver), on: midway()) }
        }
        guard breach != .reviewsLeftOverdue else { return }
        let r = rng.unit()
        let when = start + 30 + rng.int(0...horizon)
        if r < 0.06 {
            schedule(.close(.movedOut), on: when)
        } else if r < 0.10 {
            schedule(.close(.consentWithdrawn), on: when)
        } else if r < 0.15 {
            schedule(.close(.noLongerEngaging), on: when)
        }
    }

    // MARK: - Happenings

    private func handle(_ happening: DemoHappening, on day: Int) {
        switch happening {
        case .review: review(on: day)
        case .action(let index, let step): actionStep(index, step, on: day)
        case .preDeparture(let p): preDeparture(p, on: day)
        case .departure(let p): departure(p, on: day)
        case .holidayCheck(let kind, let year): holidayCheck(kind: kind, year: year, on: day)
        case .statusStart(let status): startStatus(status, on: day)
        case .statusEnd(let status): endStatus(status, on: day)
        case .resolveDispute(let number): resolveDispute(number, on: day)
        case .appointLead:
            guard !isClosed, lead == nil, mayAppointLead else { return }
            stamp(day)
            if let p = chooseLead(excluding: nil, preferring: nil, insist: false) { appoint(p, meeting: nil) }
        case .close(let reason):
            guard !isClosed else { return }
            stamp(day)
            closeCase(
                reason,
                withMeeting: reason == .noLongerEngaging && rng.chance(0.3),
                consentAlreadyWithdrawn: false
            )
        case .reopen:
            guard isClosed else { return }
            stamp(day)
            isClosed = false
            startEpisode(reopening: true)
        }
    }

    private func review(on day: Int) {
        guard !isClosed else { return }
        stamp(day)
        reviewsHeld += 1
        // A case under a child protection plan or in care is not closed from early help.
        let statutoryOngoing = activeStatuses & (Self.cp | Self.lac) != 0
        if reviewsHeld >= reviewsPlanned && !statutoryOngoing {
            closeCase(finalReason(), withMeeting: true, consentAlreadyWithdrawn: false)
            return
        }
        if rng.chance(0.12) {
            let role = DemoVocabulary.needs[rng.pick(episodeNeeds).template].role
            if let p = directory.pick(role, on: today, through: today + 90, avoiding: members, rng: &rng) {
                join(p)
                stamp(today)
            }
        }
        let nextDue = DemoTimeline.workday(onOrAfter: today + rng.int(42...84))
        let meeting = holdMeeting(.review, nextReviewDue: nextDue)
        if lead == nil {
            if mayAppointLead && !openDisputes.contains(where: { $0.about == .leadProfessional }),
                let p = chooseLead(excluding: nil, preferring: nil, insist: false)
            {
                appoint(p, meeting: meeting)
            }
        } else if let current = lead, rng.chance(0.04),
            let next = chooseLead(excluding: current, preferring: nil, insist: false)
        {
            handOver(
                to: next,
                reason: rng.chance(0.5) ? .familyRequest : .needsChanged,
                meeting: meeting,
                actorPreferring: current
            )
        }
        agreeActions(rng.weighted([20, 40, 30, 10]), meeting: meeting, ownerHint: nil)
        if let current = lead, directory.isActive(current, on: today), rng.chance(0.03) {
            let from = DemoTimeline.workday(onOrAfter: today + rng.int(7...14))
            arrangeCover(for: current, from: from, until: from + rng.int(10...20), reason: "Planned annual leave")
        }
        if rng.chance(0.15) {
            let d = today
            let leavers = members.filter { m in
                m != lead && directory.isActive(m, on: d)
                    && !actions.contains { $0.isOpen && $0.owner == .practitioner(m) }
            }
            if leavers.count > 1 {
                stamp(today)
                memberLeaves(rng.pick(leavers), reason: rng.pick(DemoVocabulary.memberLeftReasons))
            }
        }
        if rng.chance(0.04) {
            stamp(today)
            raiseDispute([DemoDisputeAbout.accountability, .resources, .approach][rng.int(3)], action: nil)
        }
        if episode == 1 && breach == .reviewsLeftOverdue { return }
        if episode == 1 && rng.chance(0.01) {
            // Drift: the TAC stops meeting; some such cases are eventually closed.
            if rng.chance(0.5) { schedule(.close(.noLongerEngaging), on: today + rng.int(150...300)) }
            return
        }
        schedule(.review, on: reviewDay(due: nextDue))
    }

    private func actionStep(_ index: Int, _ step: DemoActionStep, on day: Int) {
        guard !isClosed, actions[index].isOpen else { return }
        stamp(day)
        let d = today
        let number = actions[index].number
        var ownerPractitioner: Int32?
        if case .practitioner(let p) = actions[index].owner { ownerPractitioner = p }
        let ownerActive = ownerPractitioner.map { directory.isActive($0, on: d) } ?? true
        switch step {
        case .progress, .chase:
            guard ownerActive else { return }
            let note = rng.pick(step == .chase ? DemoVocabulary.noResponseNotes : DemoVocabulary.progressNotes)
            record(.actionProgress(action: number, note: note), by: actor(preferring: ownerPractitioner ?? lead))
        case .complete:
            // An owner who has left completes nothing: the action waits for reassignment.
            guard ownerActive else { return }
            let note = rng.chance(0.7) ? rng.pick(DemoVocabulary.completionNotes) : nil
            record(.actionCompleted(action: number, note: note), by: actor(preferring: ownerPractitioner ?? lead))
            actions[index].isOpen = false
        case .revise:
            guard ownerActive else { return }
            let due = DemoTimeline.workday(onOrAfter: d + rng.int(14...35))
            record(
                .actionDueDateRevised(action: number, dueOn: due, reason: rng.pick(DemoVocabulary.revisionReasons)),
                by: actor(preferring: ownerPractitioner ?? lead)
            )
            actions[index].due = due
            if rng.chance(0.8) { schedule(.action(index, .complete), on: max(d + 1, due - rng.int(0...5))) }
        case .escalate:
            let target = DemoEscalationTarget.allCases[rng.weighted([50, 30, 20])]
            record(
                .actionEscalated(action: number, to: target, reason: rng.pick(DemoVocabulary.escalationReasons)),
                by: actor(preferring: lead)
            )
            if rng.chance(0.4) {
                stamp(today)
                raiseDispute(.nonDelivery, action: number)
            }
            let r = rng.unit()
            if r < 0.6 {
                schedule(.action(index, .complete), on: d + rng.int(10...30))
            } else if r < 0.8 {
                schedule(.action(index, .reassign), on: d + rng.int(5...15))
            } else {
                schedule(.action(index, .cancel), on: d + rng.int(10...20))
            }
        case .reassign:
            let current = ownerPractitioner
            let candidates = members.filter {
                $0 != current && directory.isActive($0, on: d) && directory.leftDay($0) > d + 20
            }
            guard !candidates.isEmpty else { return }
            let owner = rng.pick(candidates)
            record(
                .actionReassigned(
                    action: number,
                    owner: .practitioner(owner),
                    reason: rng.pick(DemoVocabulary.reassignReasons)
                ),
                by: actor(preferring: lead)
            )
            actions[index].owner = .practitioner(owner)
            schedule(.action(index, .complete), on: max(actions[index].due, d + 7) + rng.int(0...7))
        case .cancel:
            record(
                .actionCancelled(action: number, reason: rng.pick(DemoVocabulary.cancelReasons)),
                by: actor(preferring: lead)
            )
            actions[index].isOpen = false
        }
    }

    /// A practitioner about to leave hands their work on while still in post.
    private func preDeparture(_ p: Int32, on day: Int) {
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
    private func departure(_ p: Int32, on day: Int) {
        guard !isClosed, breach != .departuresIgnored else { return }
        let owns = actions.contains { $0.isOpen && $0.owner == .practitioner(p) }
        guard lead == p || owns || members.contains(p) else { return }
        stamp(day)
        guard !directory.isActive(p, on: today) else { return }
        if lead == p {
            if rng.chance(0.75), let next = chooseLead(excluding: p, preferring: nil, insist: false) {
                handOver(to: next, reason: .practitionerLeaving, meeting: nil, actorPreferring: next)
            } else {
                record(.leadStoodDown(p, reason: DemoVocabulary.leadProfessionalLeftReason), by: actor(preferring: nil))
                lead = nil
                schedule(.appointLead, on: DemoTimeline.addingWorkdays(rng.int(3...15), to: today))
            }
        }
        reassignActions(of: p, reason: DemoVocabulary.departedOwnerReason)
        if members.contains(p) {
            stamp(today)
            memberLeaves(p, reason: "Left their agency")
        }
    }

    private func reassignActions(of p: Int32, reason: String) {
        for i in actions.indices where actions[i].isOpen && actions[i].owner == .practitioner(p) {
            stamp(today)
            let d = today
            let candidates = members.filter {
                $0 != p && directory.isActive($0, on: d) && directory.leftDay($0) > d + 14
            }
            var owner: Int32? = candidates.isEmpty ? nil : rng.pick(candidates)
            if owner == nil,
                let q = directory.pick(directory.role(p), on: d, through: d + 90, avoiding: members + [p], rng: &rng)
            {
                if meetingCount > 0 {
                    join(q)
                    stamp(today)
                }
                owner = q
            }
            guard let newOwner = owner else { continue }
            record(
                .actionReassigned(action: actions[i].number, owner: .practitioner(newOwner), reason: reason),
                by: actor(preferring: lead)
            )
            actions[i].owner = .practitioner(newOwner)
            schedule(.action(i, .complete), on: max(actions[i].due, d + 7) + rng.int(0...10))
        }
    }

    private func holidayCheck(kind: Int, year: Int, on day: Int) {
        guard !isClosed else { return }
        stamp(day)
        if let current = lead, directory.isActive(current, on: today),
            directory.role(current).isSchoolBased, rng.chance(kind == 1 ? 0.8 : 0.35)
        {
            switch kind {
            case 0:
                arrangeCover(
                    for: current,
                    from: CalendarDate.days(year: year, month: 4, day: 1),
                    until: CalendarDate.days(year: year, month: 4, day: 12),
                    reason: "Easter school holiday cover"
                )
            case 1:
                arrangeCover(
                    for: current,
                    from: CalendarDate.days(year: year, month: 7, day: 22),
                    until: CalendarDate.days(year: year, month: 9, day: 3),
                    reason: "School summer holiday cover"
                )
            default:
                arrangeCover(
                    for: current,
                    from: CalendarDate.days(year: year, month: 12, day: 20),
                    until: CalendarDate.days(year: year + 1, month: 1, day: 3),
                    reason: "Christmas school holiday cover"
                )
            }
        }
        scheduleHolidayCheck(after: day)
    }

    private func startStatus(_ status: DemoStatus, on day: Int) {
        guard !isClosed, activeStatuses & status.bit == 0 else { return }
        stamp(day)
        record(.statusStarted(status), by: actor(preferring: lead))
        activeStatuses |= status.bit
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

    private func endStatus(_ status: DemoStatus, on day: Int) {
        guard !isClosed, activeStatuses & status.bit != 0 else { return }
        stamp(day)
        record(.statusEnded(status), by: actor(preferring: lead))
        activeStatuses &= ~status.bit
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

    private func resolveDispute(_ number: Int, on day: Int) {
        guard !isClosed, let i = openDisputes.firstIndex(where: { $0.number == number }) else { return }
        stamp(day)
        let about = openDisputes[i].about
        resolve(disputeAt: i)
        if about == .leadProfessional && lead == nil && mayAppointLead {
            stamp(today)
            if let p = chooseLead(excluding: nil, preferring: nil, insist: false) { appoint(p, meeting: nil) }
        }
    }

    // MARK: - Closing

    private func closeCase(_ reason: DemoCloseReason, withMeeting: Bool, consentAlreadyWithdrawn: Bool) {
        if withMeeting { _ = holdMeeting(.closure, nextReviewDue: nil) }
        // One person (the LP if in post) records the whole closure, all on one day.
        let closer = actor(preferring: lead)
        if reason == .consentWithdrawn && !consentAlreadyWithdrawn {
            stamp(today)
            let scope: DemoConsentScope = rng.chance(0.5) ? .informationSharing : .assessment
            record(.consentWithdrawn(scope, givenBy: givenBy), by: closer)
        }
        // Leave nothing open: a reopened case starts from a clean slate, whatever a
        // ledger does (or does not) reset on closure.
        for i in actions.indices where actions[i].isOpen {
            stamp(today)
            var ownerPractitioner: Int32?
            if case .practitioner(let p) = actions[i].owner { ownerPractitioner = p }
            let ownerActive = ownerPractitioner.map { directory.isActive($0, on: today) } ?? true
            if reason == .needsMet && ownerActive && rng.chance(0.6) {
                record(
                    .actionCompleted(action: actions[i].number, note: "Completed before closure"),
                    by: actor(preferring: ownerPractitioner ?? closer)
                )
            } else {
                record(.actionCancelled(action: actions[i].number, reason: reason.cancelReason), by: closer)
            }
            actions[i].isOpen = false
        }
        while !openDisputes.isEmpty {
            stamp(today)
            resolve(disputeAt: 0)
        }
        if let current = lead {
            stamp(today)
            record(.leadStoodDown(current, reason: reason.standDownReason), by: closer)
            lead = nil
        }
        // On a step-up the plan or care continues in social care; such cases are never
        // reopened, so those statuses are simply left as they are.
        if reason != .steppedUp {
            for status in DemoStatus.allCases where activeStatuses & status.bit != 0 {
                stamp(today)
                record(.statusEnded(status), by: closer)
            }
        }
        let frozen = reason == .steppedUp && activeStatuses != 0
        activeStatuses = 0
        for m in members {
            stamp(today)
            record(.memberLeft(m, reason: "Case closed"), by: closer)
        }
        members = []
        stamp(today)
        record(.closed(reason), by: closer)
        isClosed = true
        queue.removeAll()
        watched.removeAll()
        if !frozen && reason != .movedOut && reason != .transferredToAdult && episode < 3 && rng.chance(0.10) {
            schedule(.reopen, on: today + rng.int(60...300))
        }
    }

    private func finalReason() -> DemoCloseReason {
        if route == .older, let dob = dateOfBirth, today - dob >= 18 * 365 + 4, rng.chance(0.5) {
            return .transferredToAdult
        }
        return [DemoCloseReason.needsMet, .other, .noLongerEngaging, .movedOut][rng.weighted([84, 5, 6, 5])]
    }

    // MARK: - Team, lead professional, actions

    private var mayAppointLead: Bool {
        !(breach == .noLeadProfessional && episode == 1)
    }

    private func assembleTeam(around assessor: Int32, meetingDay: Int, including extra: Int32?) {
        var roles: [DemoRole] = []
        for need in episodeNeeds {
            let role = DemoVocabulary.needs[need.template].role
            if !roles.contains(role) { roles.append(role) }
        }
        if rng.chance(0.6) {
            switch route {
            case .unborn: roles.append(.midwife)
            case .earlyYears: roles.append(.healthVisitor)
            case .primary, .secondary: roles.append(.teacher)
            case .older: roles.append(.personalAdviser)
            }
        }
        if rng.chance(0.3) { roles.append(.familySupportWorker) }
        var joiners: [Int32] = []
        if directory.leftDay(assessor) > meetingDay + 14 { joiners.append(assessor) }
        if let extra, !joiners.contains(extra) { joiners.append(extra) }
        let firstDay = today + 1
        for role in roles where joiners.count < 6 {
            if joiners.contains(where: { directory.role($0) == role }) { continue }
            if let p = directory.pick(role, on: firstDay, through: meetingDay + 90, avoiding: joiners, rng: &rng) {
                if !joiners.contains(p) { joiners.append(p) }
            }
        }
        if joiners.count < 2,
            let p = directory.pick(
                .familySupportWorker,
                on: firstDay,
                through: meetingDay + 90,
                avoiding: joiners,
                rng: &rng
            )
        {
            joiners.append(p)
        }
        // Most join on the day of the meeting; some are brought in while it is arranged.
        var plan: [(day: Int, practitioner: Int32)] = joiners.map { p in
            let early = meetingDay - firstDay > 2 && rng.chance(0.35)
            return (early ? firstDay + rng.int(0...(meetingDay - firstDay - 2)) : meetingDay, p)
        }
        plan.sort { $0.day < $1.day }
        for entry in plan where !members.contains(entry.practitioner) {
            stamp(entry.day)
            join(entry.practitioner)
        }
    }

    @discardableResult
    private func join(_ p: Int32) -> Bool {
        guard !members.contains(p), directory.isActive(p, on: today) else { return false }
        record(.memberJoined(p), by: actor(preferring: lead ?? p))
        members.append(p)
        watch(p)
        return true
    }

    private func memberLeaves(_ p: Int32, reason: String) {
        record(.memberLeft(p, reason: reason), by: actor(preferring: lead))
        members.removeAll { $0 == p }
    }

    /// A member in `role` who is in post now and for a while yet, joining one if needed.
    private func ensureMember(_ role: DemoRole) -> Int32? {
        let d = today
        if let m = members.first(where: {
            directory.role($0) == role && directory.isActive($0, on: d)
                && directory.leftDay($0) > d + 14
        }) {
            return m
        }
        guard let p = directory.pick(role, on: d, through: d + 120, avoiding: members, rng: &rng) else { return nil }
        stamp(today)
        return join(p) ? p : nil
    }

    private func leadRoleAllowed(_ role: DemoRole) -> Bool {
        guard role.canLead else { return false }
        if policyRelaxed { return true }
        if activeStatuses & (Self.cp | Self.lac) != 0 { return role == .socialWorker }
        if activeStatuses & DemoStatus.careLeaver.bit != 0 { return role == .personalAdviser || role == .socialWorker }
        return true
    }

    private var requiredLeadRole: DemoRole {
        if activeStatuses & (Self.cp | Self.lac) != 0 { return .socialWorker }
        if activeStatuses & DemoStatus.careLeaver.bit != 0 { return .personalAdviser }
        return .familySupportWorker
    }

    /// A member who may lead from today, bringing one into the TAC if none may.
    private func chooseLead(excluding: Int32?, preferring: Int32?, insist: Bool, notRole: DemoRole? = nil) -> Int32? {
        let d = today
        func suitable(_ m: Int32) -> Bool {
            let role = directory.role(m)
            return m != excluding && role != notRole && directory.isActive(m, on: d)
                && directory.leftDay(m) > d + 20 && leadRoleAllowed(role)
        }
        if let p = preferring, members.contains(p), suitable(p), insist || rng.chance(0.5) { return p }
        let candidates = members.filter(suitable)
        if !candidates.isEmpty { return rng.pick(candidates) }
        let role = requiredLeadRole
        guard let p = directory.pick(role, on: d, through: d + 120, avoiding: members, rng: &rng), suitable(p) else {
            return nil
        }
        stamp(today)
        return join(p) ? p : nil
    }

    /// After a status change, hands the lead to someone the statutory guidance allows.
    private func bringLeadIntoLine(reason: DemoHandoverReason) {
        guard let current = lead else {
            if mayAppointLead, let p = chooseLead(excluding: nil, preferring: nil, insist: false) {
                stamp(today)
                appoint(p, meeting: nil)
            }
            return
        }
        guard !leadRoleAllowed(directory.role(current)) else { return }
        if let next = chooseLead(excluding: current, preferring: nil, insist: false) {
            stamp(today)
            handOver(to: next, reason: reason, meeting: nil, actorPreferring: next)
        }
    }

    private func appoint(_ p: Int32, meeting: Int?) {
        var criteria: UInt8 = 0
        for _ in 0..<rng.int(1...3) { criteria |= 1 << UInt8(rng.weighted([20, 18, 22, 14, 0, 16, 10])) }
        if activeStatuses & (Self.cp | Self.lac) != 0 && directory.role(p) == .socialWorker {
            criteria |= DemoCriteria.statutoryResponsibility
        }
        stamp(today)
        record(
            .leadAppointed(p, meeting: meeting, criteria: criteria, agreedWithFamily: rng.chance(0.94)),
            by: actor(preferring: p),
            meeting: meeting ?? 0
        )
        lead = p
        watch(p)
    }

    private func handOver(to p: Int32, reason: DemoHandoverReason, meeting: Int?, actorPreferring: Int32?) {
        guard let from = lead, from != p else { return }
        stamp(today)
        record(
            .leadHandedOver(from: from, to: p, reason: reason, meeting: meeting),
            by: actor(preferring: actorPreferring ?? p),
            meeting: meeting ?? 0
        )
        lead = p
        watch(p)
    }

    private func arrangeCover(for current: Int32, from: Int, until: Int, reason: String) {
        let d = today
        let candidates = members.filter {
            $0 != current && directory.isActive($0, on: d) && directory.leftDay($0) > until
                && !directory.role($0).isSchoolBased && directory.role($0).canLead
        }
        var cover: Int32? = candidates.isEmpty ? nil : rng.pick(candidates)
        if cover == nil,
            let p = directory.pick(.familySupportWorker, on: d, through: until, avoiding: members, rng: &rng)
        {
            stamp(today)
            if join(p) { cover = p }
        }
        guard let cover else { return }
        stamp(today)
        record(
            .leadCoverArranged(cover: cover, fromDate: from, untilDate: until, reason: reason),
            by: actor(preferring: current)
        )
    }

    private func holdMeeting(_ kind: DemoMeetingKind, nextReviewDue due: Int?) -> Int {
        let d = today
        let present = members.filter { directory.isActive($0, on: d) }
        let chair: Int32
        if let current = lead, directory.isActive(current, on: d) {
            chair = current
        } else if let first = present.first {
            chair = first
        } else {
            chair = actor(preferring: nil)
        }
        var attendees = present.filter { $0 == chair || rng.chance(0.85) }
        if !attendees.contains(chair) { attendees.insert(chair, at: 0) }
        meetingCount += 1
        stamp(today)
        record(
            .meetingHeld(
                meeting: meetingCount,
                kind: kind,
                chair: chair,
                attendees: attendees,
                familyPresent: rng.chance(0.88),
                nextReviewDue: due
            ),
            by: chair,
            meeting: meetingCount
        )
        nextReviewDue = due
        return meetingCount
    }

    private func raiseDispute(_ about: DemoDisputeAbout, action: Int?) {
        let d = today
        let raisers = members.filter { $0 != lead && directory.isActive($0, on: d) }
        let raiser = raisers.isEmpty ? actor(preferring: nil) : rng.pick(raisers)
        disputeCount += 1
        record(
            .disputeRaised(
                dispute: disputeCount,
                about: about,
                raisedBy: raiser,
                action: action,
                summary: Self.summary(about)
            ),
            by: raiser
        )
        openDisputes.append((disputeCount, about))
        let days = about == .leadProfessional ? rng.int(7...21) : rng.int(10...45)
        schedule(.resolveDispute(disputeCount), on: d + days)
    }

    private func resolve(disputeAt i: Int) {
        let d = today
        let resolver = directory.pick(.manager, on: d, through: d, rng: &rng) ?? directory.dutyManager
        let dispute = openDisputes.remove(at: i)
        record(
            .disputeResolved(dispute: dispute.number, resolvedBy: resolver, resolution: Self.resolution(dispute.about)),
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

    private func chooseNeeds(count: Int) -> [DemoNeed] {
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

    /// Agrees up to `count` actions: mostly for the CAF's needs, some general coordination
    /// ones; never one the plan already holds open.
    private func agreeActions(_ count: Int, meeting: Int?, ownerHint: Int32?) {
        var made = 0
        var attempts = 0
        while made < count && attempts < count * 4 && !episodeNeeds.isEmpty {
            attempts += 1
            let general = ownerHint == nil && rng.chance(0.25)
            let need: DemoNeed? = general ? nil : rng.pick(episodeNeeds)
            let template: DemoActionTemplate
            let key: Int
            let needRole: DemoRole
            if let need {
                let needTemplate = DemoVocabulary.needs[need.template]
                let a = rng.int(needTemplate.actions.count)
                template = needTemplate.actions[a]
                key = need.template * 16 + a
                needRole = needTemplate.role
            } else {
                let a = rng.int(DemoVocabulary.generalActions.count)
                template = DemoVocabulary.generalActions[a]
                key = 10_000 + a
                needRole = .familySupportWorker
            }
            if actions.contains(where: { $0.isOpen && $0.template == key }) { continue }
            let owner: DemoOwner
            if let hint = ownerHint, directory.isActive(hint, on: today) {
                owner = .practitioner(hint)
            } else {
                owner = resolveOwner(template.owner, needRole: needRole)
            }
            agree(template.description, owner: owner, need: need, template: key, meeting: meeting)
            made += 1
        }
    }

    private func agreeFamilyAction(meeting: Int) {
        let description: String
        let member: DemoFamilyMember
        switch route {
        case .unborn, .earlyYears:
            description = "Parent to attend the children's centre parenting group"
            member = .parent
        case .primary:
            description = "Child to tell a trusted adult at school when worried"
            member = .child
        case .secondary, .older:
            description = "Young person to keep in touch with their lead professional every week"
            member = .youngPerson
        }
        agree(description, owner: .family(familyMember(member)), need: nil, template: 20_000, meeting: meeting)
    }

    private func familyMember(_ member: DemoFamilyMember) -> DemoFamilyMember {
        switch member {
        case .parent, .carer: givenBy == .carer ? .carer : .parent
        case .child, .youngPerson: (route == .secondary || route == .older) ? .youngPerson : .child
        }
    }

    private func resolveOwner(_ spec: DemoOwnerSpec, needRole: DemoRole) -> DemoOwner {
        let d = today
        switch spec {
        case .family(let member):
            return .family(familyMember(member))
        case .lead:
            if let current = lead, directory.isActive(current, on: d), directory.leftDay(current) > d + 14 {
                return .practitioner(current)
            }
            return resolveOwner(.role(needRole), needRole: needRole)
        case .role(let role):
            func fits(_ m: Int32, _ r: DemoRole) -> Bool {
                directory.role(m) == r && directory.isActive(m, on: d)
                    && directory.leftDay(m) > d + 14
            }
            if let m = members.first(where: { fits($0, role) }) { return .practitioner(m) }
            if let m = members.first(where: { fits($0, needRole) }) { return .practitioner(m) }
            if rng.chance(0.5), let p = directory.pick(role, on: d, through: d + 90, avoiding: members, rng: &rng) {
                stamp(today)
                if join(p) { return .practitioner(p) }
            }
            let inPost = members.filter { directory.isActive($0, on: d) && directory.leftDay($0) > d + 14 }
            if !inPost.isEmpty { return .practitioner(rng.pick(inPost)) }
            return .practitioner(actor(preferring: nil))
        }
    }

    private func agree(_ description: String, owner: DemoOwner, need: DemoNeed?, template: Int, meeting: Int?) {
        var isFamily = false
        if case .family = owner { isFamily = true }
        stamp(today)
        let due = DemoTimeline.workday(onOrAfter: today + (isFamily ? rng.int(14...42) : rng.int(14...84)))
        let number = actions.count + 1
        let needNumber: Int? = need.flatMap { rng.chance(0.92) ? $0.number : nil }
        var ownerPractitioner: Int32?
        if case .practitioner(let p) = owner { ownerPractitioner = p }
        record(
            .actionAgreed(
                action: number,
                description: description,
                owner: owner,
                need: needNumber,
                dueOn: due,
                meeting: meeting
            ),
            by: actor(preferring: lead ?? ownerPractitioner),
            meeting: meeting ?? 0
        )
        let script: DemoActionScript =
            isFamily
            ? [DemoActionScript.onTime, .late, .cancel, .drift][rng.weighted([60, 15, 8, 17])]
            : [DemoActionScript.onTime, .late, .escalate, .cancel, .reassign, .drift][
                rng.weighted([58, 14, 6, 6, 5, 11])
            ]
        actions.append(
            DemoAction(number: number, template: template, owner: owner, isOpen: true, due: due, script: script)
        )
        if let p = ownerPractitioner { watch(p) }
        planAction(actions.count - 1)
    }

    private func planAction(_ i: Int) {
        let a = actions[i]
        let agreed = today
        let span = max(2, a.due - agreed)
        switch a.script {
        case .onTime:
            if rng.chance(0.75) { schedule(.action(i, .progress), on: agreed + span / 2) }
            if span > 42 && rng.chance(0.5) { schedule(.action(i, .progress), on: agreed + span / 4) }
            schedule(.action(i, .complete), on: max(agreed + 2, a.due - rng.int(0...6)))
        case .late:
            schedule(.action(i, .progress), on: max(agreed + 1, a.due - rng.int(2...5)))
            schedule(.action(i, .revise), on: a.due + rng.int(1...6))
        case .escalate:
            schedule(.action(i, .chase), on: a.due + rng.int(2...5))
            schedule(.action(i, .escalate), on: a.due + rng.int(8...21))
        case .cancel:
            schedule(.action(i, .cancel), on: agreed + rng.int(7...max(8, span)))
        case .reassign:
            schedule(.action(i, .reassign), on: agreed + span / 2)
        case .drift:
            if rng.chance(0.4) { schedule(.action(i, .progress), on: agreed + span / 2) }
        }
    }

    private func startCAF(_ assessor: Int32) -> Int {
        cafCount += 1
        // The assessor was chosen on the day the case opened; never name someone since gone.
        let who = directory.isActive(assessor, on: today) ? assessor : actor(preferring: nil)
        record(.cafStarted(caf: cafCount, assessor: who), by: who)
        return cafCount
    }

    // MARK: - Time, people and scheduling

    private var today: Int { DemoTimeline.dayOf(clock) }

    /// Moves the case clock to a working moment on `day`, or a few minutes on if the case
    /// has already been busy later than that. Business dates come from the clock, so they
    /// always match `occurredAt`, and a stream's timestamps never go backwards.
    private func stamp(_ day: Int) {
        let d = DemoTimeline.workday(onOrAfter: day)
        if d > today {
            clock = d * DemoTimeline.secondsPerDay + 9 * 3600 + 60 * rng.int(0...450)
        } else {
            clock += 60 * rng.int(1...6)
        }
    }

    /// Who records an event: the preferred practitioner if in post, else the LP, a member,
    /// or the duty early help worker. Never someone who has left.
    private func actor(preferring preferred: Int32?) -> Int32 {
        let d = today
        if let p = preferred, directory.isActive(p, on: d) { return p }
        if let current = lead, directory.isActive(current, on: d) { return current }
        for m in members where directory.isActive(m, on: d) { return m }
        return directory.pick(.familySupportWorker, on: d, through: d, rng: &rng) ?? directory.dutyManager
    }

    private func record(_ change: DemoCaseChange, by actor: Int32, meeting: Int = 0) {
        events.append(DemoCaseEvent(time: clock, actor: actor, meeting: meeting, change: change))
    }

    /// Notes a practitioner's departure date, if it falls in the timeline, so that their
    /// work is handed on (before they go or just after), unless this case ignores it.
    private func watch(_ p: Int32) {
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

    private func schedule(_ happening: DemoHappening, on day: Int) {
        let d = DemoTimeline.workday(onOrAfter: day)
        queueOrder += 1
        queue.append(
            DemoScheduled(
                time: d * DemoTimeline.secondsPerDay + 9 * 3600 + rng.int(0...27_000),
                order: queueOrder,
                happening: happening
            )
        )
    }

    private func popHappening() -> DemoScheduled? {
        guard !queue.isEmpty else { return nil }
        var best = 0
        for i in 1..<queue.count
        where queue[i].time < queue[best].time
            || (queue[i].time == queue[best].time && queue[i].order < queue[best].order)
        {
            best = i
        }
        return queue.remove(at: best)
    }

    private func reviewDay(due: Int) -> Int {
        let r = rng.unit()
        if r < 0.75 { return max(today + 7, due - rng.int(0...10)) }
        if r < 0.95 { return due + rng.int(4...25) }
        return due + rng.int(30...70)
    }

    private func scheduleHolidayCheck(after day: Int) {
        let year = CalendarDate(dayNumber: day).components.year
        for y in year...(year + 1) {
            for (kind, month, dayOfMonth) in [(0, 3, 20), (1, 7, 8), (2, 12, 10)] {
                let check = CalendarDate.days(year: y, month: month, day: dayOfMonth)
                if check > day {
                    schedule(.holidayCheck(kind: kind, year: y), on: check)
                    return
                }
            }
        }
    }

    private func openerRole() -> DemoRole {
        if breach == .careLeaverLedByTeacher && episode == 1 { return .teacher }
        let table: [(DemoRole, Int)]
        switch route {
        case .unborn:
            table = [(.midwife, 60), (.healthVisitor, 20), (.familySupportWorker, 20)]
        case .earlyYears:
            table = [
                (.healthVisitor, 35), (.childrensCentreWorker, 20), (.earlyYearsWorker, 15), (.familySupportWorker, 20),
                (.gp, 5), (.midwife, 5),
            ]
        case .primary:
            table = [
                (.teacher, 25), (.senco, 25), (.schoolNurse, 10), (.familySupportWorker, 20),
                (.educationWelfareOfficer, 5), (.learningMentor, 10), (.schoolSupportStaff, 5),
            ]
        case .secondary:
            table = [
                (.teacher, 15), (.senco, 15), (.learningMentor, 20), (.schoolNurse, 10), (.youthWorker, 10),
                (.educationWelfareOfficer, 10), (.familySupportWorker, 10), (.policeOfficer, 5),
                (.camhsPractitioner, 5),
            ]
        case .older:
            table = [
                (.personalAdviser, 35), (.youthWorker, 20), (.teacher, 15), (.familySupportWorker, 10),
                (.housingSupportOfficer, 10), (.substanceMisuseWorker, 5), (.camhsPractitioner, 5),
            ]
        }
        return table[rng.weighted(table.map(\.1))].0
    }

    private static let ethnicities: [StaticString] = [
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
        "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ]
    private static let ethnicityWeights = [
        620, 10, 3, 50, 5, 20, 10, 15, 20, 30, 50, 20, 20, 15, 40, 10, 5, 25, 20, 15,
    ]
}
