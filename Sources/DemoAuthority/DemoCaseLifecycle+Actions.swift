import Ledger

// The delivery plan's actions: agreed, owned, progressed, revised, escalated, reassigned,
// completed or cancelled, each following a script chosen when it is agreed.

enum DemoActionScript {
    case onTime, late, escalate, cancel, reassign, drift
}

enum DemoActionStep {
    case progress, chase, complete, revise, escalate, reassign, cancel
}

struct DemoAction {
    let number: Int
    /// `act-N`, the case state's key for it.
    let id: ActionID
    /// Which template it came from, so a plan never holds the same open action twice.
    let template: Int
    var owner: DemoOwner
    var due: Int
    let script: DemoActionScript
}

extension DemoCaseLifecycle {
    func actionStep(_ index: Int, _ step: DemoActionStep, on day: Int) {
        guard !isClosed, isOpen(actions[index]) else { return }
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
            record(.actionProgressRecorded(actionId: Self.actionId(number), note: note, recordedOn: on), by: actor(preferring: ownerPractitioner ?? lead))
        case .complete:
            // An owner who has left completes nothing: the action waits for reassignment.
            guard ownerActive else { return }
            let note = rng.chance(0.7) ? rng.pick(DemoVocabulary.completionNotes) : nil
            record(.actionCompleted(actionId: Self.actionId(number), completedOn: on, note: note), by: actor(preferring: ownerPractitioner ?? lead))
        case .revise:
            guard ownerActive else { return }
            let due = DemoTimeline.workday(onOrAfter: d + rng.int(14...35))
            record(
                .actionDueDateRevised(
                    actionId: Self.actionId(number), dueOn: Self.date(due), reason: rng.pick(DemoVocabulary.revisionReasons)),
                by: actor(preferring: ownerPractitioner ?? lead)
            )
            actions[index].due = due
            if rng.chance(0.8) { schedule(.action(index, .complete), on: max(d + 1, due - rng.int(0...5))) }
        case .escalate:
            let target = DemoEscalationTarget.allCases[rng.weighted([50, 30, 20])]
            record(
                .actionEscalated(
                    actionId: Self.actionId(number),
                    escalation: .init(on: on, to: target.wire, reason: rng.pick(DemoVocabulary.escalationReasons))),
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
                    actionId: Self.actionId(number),
                    owner: .practitioner(practitioner(owner)),
                    reason: rng.pick(DemoVocabulary.reassignReasons)
                ),
                by: actor(preferring: lead)
            )
            actions[index].owner = .practitioner(owner)
            schedule(.action(index, .complete), on: max(actions[index].due, d + 7) + rng.int(0...7))
        case .cancel:
            record(
                .actionCancelled(actionId: Self.actionId(number), cancelledOn: on, reason: rng.pick(DemoVocabulary.cancelReasons)),
                by: actor(preferring: lead)
            )
        }
    }

    func reassignActions(of p: Int32, reason: String) {
        for i in actions.indices where isOpen(actions[i]) && actions[i].owner == .practitioner(p) {
            stamp(today)
            let d = today
            let candidates = members.filter {
                $0 != p && directory.isActive($0, on: d) && directory.leftDay($0) > d + 14
            }
            var owner: Int32? = candidates.isEmpty ? nil : rng.pick(candidates)
            if owner == nil,
                let q = directory.pick(directory.role(p), on: d, through: d + 90, avoiding: members + [p], rng: &rng)
            {
                if !state.meetings.isEmpty {
                    join(q)
                    stamp(today)
                }
                owner = q
            }
            guard let newOwner = owner else { continue }
            record(
                .actionReassigned(actionId: Self.actionId(actions[i].number), owner: .practitioner(practitioner(newOwner)), reason: reason),
                by: actor(preferring: lead)
            )
            actions[i].owner = .practitioner(newOwner)
            schedule(.action(i, .complete), on: max(actions[i].due, d + 7) + rng.int(0...10))
        }
    }

    /// Agrees up to `count` actions: mostly for the CAF's needs, some general coordination
    /// ones; never one the plan already holds open.
    func agreeActions(_ count: Int, meeting: Int?, ownerHint: Int32?) {
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
            if actions.contains(where: { isOpen($0) && $0.template == key }) { continue }
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

    func agreeFamilyAction(meeting: Int) {
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
                actionId: Self.actionId(number),
                description: description,
                owner: self.owner(owner),
                needId: needNumber.map(Self.needId),
                agreedOn: on,
                dueOn: Self.date(due),
                meetingId: meeting.map(Self.meetingId)
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
            DemoAction(number: number, id: Self.actionId(number), template: template, owner: owner, due: due, script: script)
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
}
