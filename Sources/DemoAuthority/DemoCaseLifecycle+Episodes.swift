import Ledger

// A case's episodes: opening (or reopening) with consent, the assessment and the first TAC
// meeting; the course decided at that meeting; and closing, which leaves nothing open.

extension DemoCaseLifecycle {
    func startEpisode(reopening: Bool) {
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
            record(.caseReopened(reopenedOn: on, reason: rng.pick(DemoVocabulary.reopenReasons)), by: opener)
        } else {
            record(
                .caseOpened(
                    .init(
                        caseId: identity.caseId, childId: identity.childId, dateOfBirth: dateOfBirth.map(Self.date),
                        gender: gender, ethnicity: ethnicity, openedOn: on, openedBy: practitioner(opener))),
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
            record(.consentRecorded(scope: DemoConsent.assessment, givenBy: givenBy.wire, givenOn: on), by: actor(preferring: assessor))
            stamp(today)
            record(.consentRecorded(scope: DemoConsent.informationSharing, givenBy: givenBy.wire, givenOn: on), by: actor(preferring: assessor))
        } else {
            stamp(DemoTimeline.addingWorkdays(rng.int(0...3), to: openDay))
            record(.consentRecorded(scope: DemoConsent.assessment, givenBy: givenBy.wire, givenOn: on), by: actor(preferring: assessor))
            let sharingNow = rng.chance(0.75)
            if sharingNow {
                stamp(today)
                record(.consentRecorded(scope: DemoConsent.informationSharing, givenBy: givenBy.wire, givenOn: on), by: actor(preferring: assessor))
            }
            if newCAF {
                stamp(DemoTimeline.addingWorkdays(rng.int(0...5), to: today))
                cafNumber = startCAF(assessor)
            }
            if !sharingNow {
                stamp(DemoTimeline.addingWorkdays(rng.int(1...5), to: today))
                record(.consentRecorded(scope: DemoConsent.informationSharing, givenBy: givenBy.wire, givenOn: on), by: actor(preferring: assessor))
            }
        }

        var multiAgency = true
        if newCAF {
            if !reopening && rng.chance(0.03) {
                // The family withdraws consent before the assessment is finished.
                stamp(DemoTimeline.addingWorkdays(rng.int(5...20), to: today))
                record(.consentWithdrawn(scope: DemoConsent.assessment, givenBy: givenBy.wire, withdrawnOn: on), by: actor(preferring: assessor))
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
                .cafCompleted(
                    cafId: Self.cafId(cafNumber), completedOn: on, needs: episodeNeeds.map(Self.need),
                    strengths: strengths.map { DemoVocabulary.strengths[$0] }, multiAgency: multiAgency),
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

    func closeCase(_ reason: DemoCloseReason, withMeeting: Bool, consentAlreadyWithdrawn: Bool) {
        if withMeeting { _ = holdMeeting(.closure, nextReviewDue: nil) }
        // One person (the LP if in post) records the whole closure, all on one day.
        let closer = actor(preferring: lead)
        if reason == .consentWithdrawn && !consentAlreadyWithdrawn {
            stamp(today)
            let scope = rng.chance(0.5) ? DemoConsent.informationSharing : DemoConsent.assessment
            record(.consentWithdrawn(scope: scope, givenBy: givenBy.wire, withdrawnOn: on), by: closer)
        }
        // Leave nothing open: a reopened case starts from a clean slate, whatever a
        // ledger does (or does not) reset on closure.
        for i in actions.indices where isOpen(actions[i]) {
            stamp(today)
            var ownerPractitioner: Int32?
            if case .practitioner(let p) = actions[i].owner { ownerPractitioner = p }
            let ownerActive = ownerPractitioner.map { directory.isActive($0, on: today) } ?? true
            if reason == .needsMet && ownerActive && rng.chance(0.6) {
                record(
                    .actionCompleted(actionId: Self.actionId(actions[i].number), completedOn: on, note: "Completed before closure"),
                    by: actor(preferring: ownerPractitioner ?? closer)
                )
            } else {
                record(
                    .actionCancelled(actionId: Self.actionId(actions[i].number), cancelledOn: on, reason: reason.cancelReason),
                    by: closer)
            }
        }
        while !openDisputes.isEmpty {
            stamp(today)
            resolve(disputeAt: 0)
        }
        if let current = lead {
            stamp(today)
            record(
                .leadProfessionalStoodDown(practitionerId: practitioner(current), stoodDownOn: on, reason: reason.standDownReason),
                by: closer)
        }
        // On a step-up the plan or care continues in social care; such cases are never
        // reopened, so those statuses are simply left as they are.
        if reason != .steppedUp {
            for status in DemoStatus.allCases where activeStatuses & status.bit != 0 {
                stamp(today)
                record(.statutoryStatusEnded(status: status.wire, endedOn: on), by: closer)
            }
        }
        // (Left active on a step-up: the ledger's state keeps them, and such a case is frozen.)
        let frozen = reason == .steppedUp && activeStatuses != 0
        for m in members {
            stamp(today)
            members.removeAll { $0 == m }
            record(.tacMemberLeft(practitionerId: practitioner(m), leftOn: on, reason: "Case closed"), by: closer)
        }
        stamp(today)
        record(.caseClosed(closedOn: on, reason: reason.wire), by: closer)
        queue.removeAll()
        watched.removeAll()
        if !frozen && reason != .movedOut && reason != .transferredToAdult && episode < 3 && rng.chance(0.10) {
            schedule(.reopen, on: today + rng.int(60...300))
        }
    }

    func finalReason() -> DemoCloseReason {
        if route == .older, let dob = dateOfBirth, today - dob >= 18 * 365 + 4, rng.chance(0.5) {
            return .transferredToAdult
        }
        return [DemoCloseReason.needsMet, .other, .noLongerEngaging, .movedOut][rng.weighted([84, 5, 6, 5])]
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
}
