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

/// Something the case's future holds; handled in time order, and only if still relevant
/// (the state decides: an action completed meanwhile is not completed twice).
enum DemoHappening {
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

struct DemoScheduled {
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
    /// The case's and the child's IDs.
    let identity: DemoCaseIdentity
    private(set) var events: [DemoCaseEvent] = []

    let directory: DemoDirectory
    var rng: DemoRandom
    var clock: Int

    // The child.
    let route: DemoRoute
    let dateOfBirth: Int?
    let gender: Gender
    let ethnicity: Ethnicity
    let givenBy: DemoGivenBy
    let breach: DemoBreach

    // What the ledger knows about the case: its write-side state, evolved by the ledger's own
    // rules from every event recorded, so the plan asks the ledger's facts (closed? who leads?
    // which statuses, actions, meetings?) rather than keeping its own copy of them.
    private(set) var state = CaseState()
    var isClosed: Bool { state.isClosed }
    var lead: Int32? { state.leadProfessional.flatMap(directory.index(of:)) }
    /// The active statutory statuses, as `DemoStatus` bits.
    var activeStatuses: UInt8 {
        DemoStatus.allCases.reduce(0) { state.activeStatuses.contains($1.wire.rawValue) ? $0 | $1.bit : $0 }
    }

    // The plan's own detail beside those facts.
    /// The CAF needs with the templates they came from.
    var completedNeeds: [DemoNeed] = []
    /// The TAC members (the case's `members`), in the order they joined: whom the plan asks first.
    var members: [Int32] = []
    /// Every action agreed, with its owner by directory index, due day and script.
    var actions: [DemoAction] = []
    var openDisputes: [(number: Int, about: DemoDisputeAbout)] = []
    var nextReviewDue: Int?

    // The plan.
    var episode = 0
    var episodeNeeds: [DemoNeed] = []
    var reviewsPlanned = 0
    var reviewsHeld = 0
    var policyRelaxed = false
    var watched: [Int32] = []
    var queue: [DemoScheduled] = []
    var queueOrder = 0

    static let cp = DemoStatus.childProtectionPlan.bit
    static let lac = DemoStatus.lookedAfter.bit

    init(caseIndex: Int, openTime: Int, seed: UInt64, directory: DemoDirectory) {
        self.caseIndex = caseIndex
        self.identity = DemoCaseIdentity(caseIndex: caseIndex, openDay: DemoTimeline.dayOf(openTime), seed: seed)
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
            gender = rng.chance(0.8) ? Self.genders[2] : (rng.chance(0.5) ? Self.genders[0] : Self.genders[1])
        } else {
            gender = Self.genders[rng.weighted([50, 47, 2, 1])]
        }
        assert(Self.ethnicityWeights.count == Self.ethnicities.count, "a weight for each code")
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
            startEpisode(reopening: true)
        }
    }

    // MARK: - Time, people and scheduling

    var today: Int { DemoTimeline.dayOf(clock) }

    /// Moves the case clock to a working moment on `day`, or a few minutes on if the case
    /// has already been busy later than that. Business dates come from the clock, so they
    /// always match `occurredAt`, and a stream's timestamps never go backwards.
    func stamp(_ day: Int) {
        let d = DemoTimeline.workday(onOrAfter: day)
        if d > today {
            clock = d * DemoTimeline.secondsPerDay + 9 * 3600 + 60 * rng.int(0...450)
        } else {
            clock += 60 * rng.int(1...6)
        }
    }

    /// Who records an event: the preferred practitioner if in post, else the LP, a member,
    /// or the duty early help worker. Never someone who has left.
    func actor(preferring preferred: Int32?) -> Int32 {
        let d = today
        if let p = preferred, directory.isActive(p, on: d) { return p }
        if let current = lead, directory.isActive(current, on: d) { return current }
        for m in members where directory.isActive(m, on: d) { return m }
        return directory.pick(.familySupportWorker, on: d, through: d, rng: &rng) ?? directory.dutyManager
    }

    /// Records `event` and evolves the case's facts by the ledger's own rules.
    func record(_ event: DomainEvent, by actor: Int32, meeting: Int = 0) {
        events.append(DemoCaseEvent(time: clock, actor: actor, meeting: meeting, event: event))
        // The generator emits only what the ledger's rules accept: the rules both sides share,
        // checked against the case's state before it moves on.
        assert(CaseClosureRule.fits(event, isClosed: state.isClosed), "\(event.type) fits the case's being open or closed")
        assert(ActionRule.changedAction(by: event).map { ActionRule.fits(state.actions[$0]) } ?? true, "\(event.type) changes an open action")
        if case .failure(let refusal)? = LeadTransition.of(event, current: state.leadProfessional) {
            assertionFailure("\(event.type) does not fit who leads: \(refusal)")
        }
        state.evolve(event)
        assert(state.members == Set(members.map(directory.id)), "the plan's team is the case's, in joining order")
    }

    // MARK: - The plan's numbers as the contract's values

    /// Today's date: the business date of what is recorded now.
    var on: CalendarDate { CalendarDate(dayNumber: today) }

    func practitioner(_ p: Int32) -> PractitionerID { directory.id(p) }

    /// Whether the action is still open, by the case's state (`ActionRule`).
    func isOpen(_ action: DemoAction) -> Bool {
        ActionRule.fits(state.actions[action.id])
    }

    func owner(_ owner: DemoOwner) -> ActionOwner {
        switch owner {
        case .practitioner(let p): .practitioner(practitioner(p))
        case .family(let member): .family(member.wire)
        }
    }

    static func cafId(_ number: Int) -> CAFID { CAFID(rawValue: "caf-\(number)") }
    static func meetingId(_ number: Int) -> MeetingID { MeetingID(rawValue: "meeting-\(number)") }
    static func actionId(_ number: Int) -> ActionID { ActionID(rawValue: "act-\(number)") }
    static func needId(_ number: Int) -> NeedID { NeedID(rawValue: "need-\(number)") }
    static func disputeId(_ number: Int) -> DisputeID { DisputeID(rawValue: "dispute-\(number)") }

    static func date(_ dayNumber: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber) }

    static func need(_ need: DemoNeed) -> DomainEvent.Need {
        let template = DemoVocabulary.needs[need.template]
        return DomainEvent.Need(
            needId: needId(need.number), domain: template.domain, outcome: template.outcome, summary: template.summary)
    }

    func schedule(_ happening: DemoHappening, on day: Int) {
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

    // MARK: - The child

    /// The genders the demo records (an unborn child's mostly the third).
    static let genders: [Gender] = ["male", "female", "not-stated", "neither"]
    /// The contract's codes, in its (Annex A) order, each with its weight here.
    static let ethnicities = Vocabulary.ethnicities.map(Ethnicity.init(rawValue:))
    private static let ethnicityWeights = [
        620, 10, 3, 50, 5, 20, 10, 15, 20, 30, 50, 20, 20, 15, 40, 10, 5, 25, 20, 15,
    ]
}
