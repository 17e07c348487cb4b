import Ledger

// The team around the child: who joins and leaves the TAC, and its meetings and reviews.

extension DemoCaseLifecycle {
    func review(on day: Int) {
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
                    && !actions.contains { isOpen($0) && $0.owner == .practitioner(m) }
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

    func reviewDay(due: Int) -> Int {
        let r = rng.unit()
        if r < 0.75 { return max(today + 7, due - rng.int(0...10)) }
        if r < 0.95 { return due + rng.int(4...25) }
        return due + rng.int(30...70)
    }

    func assembleTeam(around assessor: Int32, meetingDay: Int, including extra: Int32?) {
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
    func join(_ p: Int32) -> Bool {
        guard !members.contains(p), directory.isActive(p, on: today) else { return false }
        // Who records it is chosen from the team as it was.
        let recorder = actor(preferring: lead ?? p)
        members.append(p)
        record(.tacMemberJoined(practitionerId: practitioner(p), joinedOn: on), by: recorder)
        watch(p)
        return true
    }

    func memberLeaves(_ p: Int32, reason: String) {
        let recorder = actor(preferring: lead)
        members.removeAll { $0 == p }
        record(.tacMemberLeft(practitionerId: practitioner(p), leftOn: on, reason: reason), by: recorder)
    }

    /// A member in `role` who is in post now and for a while yet, joining one if needed.
    func ensureMember(_ role: DemoRole) -> Int32? {
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

    func holdMeeting(_ kind: DemoMeetingKind, nextReviewDue due: Int?) -> Int {
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
        let number = state.meetings.count + 1
        stamp(today)
        record(
            .tacMeetingHeld(
                .init(
                    meetingId: Self.meetingId(number),
                    kind: kind.wire,
                    heldOn: on,
                    chair: practitioner(chair),
                    attendees: attendees.map(practitioner),
                    familyPresent: rng.chance(0.88),
                    nextReviewDue: due.map(Self.date)
                )),
            by: chair,
            meeting: number
        )
        nextReviewDue = due
        return number
    }
}
