import Ledger

// The lead professional: who may lead, appointment, handover, and cover for leave and
// school holidays.

extension DemoCaseLifecycle {
    var mayAppointLead: Bool {
        !(breach == .noLeadProfessional && episode == 1)
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
    func chooseLead(excluding: Int32?, preferring: Int32?, insist: Bool, notRole: DemoRole? = nil) -> Int32? {
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
    func bringLeadIntoLine(reason: DemoHandoverReason) {
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

    func appoint(_ p: Int32, meeting: Int?) {
        var criteria: UInt8 = 0
        for _ in 0..<rng.int(1...3) { criteria |= 1 << UInt8(rng.weighted([20, 18, 22, 14, 0, 16, 10])) }
        if activeStatuses & (Self.cp | Self.lac) != 0 && directory.role(p) == .socialWorker {
            criteria |= DemoCriteria.statutoryResponsibility
        }
        stamp(today)
        record(
            .leadProfessionalAppointed(
                practitionerId: practitioner(p), appointedOn: on, meetingId: meeting.map(Self.meetingId),
                criteria: DemoCriteria.values(criteria), agreedWithFamily: rng.chance(0.94)),
            by: actor(preferring: p),
            meeting: meeting ?? 0
        )
        watch(p)
    }

    func handOver(to p: Int32, reason: DemoHandoverReason, meeting: Int?, actorPreferring: Int32?) {
        guard let from = lead, from != p else { return }
        stamp(today)
        record(
            .leadProfessionalHandedOver(
                from: practitioner(from), to: practitioner(p), handedOverOn: on, reason: reason.wire,
                meetingId: meeting.map(Self.meetingId)),
            by: actor(preferring: actorPreferring ?? p),
            meeting: meeting ?? 0
        )
        watch(p)
    }

    func arrangeCover(for current: Int32, from: Int, until: Int, reason: String) {
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
            .leadProfessionalCoverArranged(
                .init(practitionerId: practitioner(cover), fromDate: Self.date(from), untilDate: Self.date(until), reason: reason)),
            by: actor(preferring: current)
        )
    }

    func holidayCheck(kind: Int, year: Int, on day: Int) {
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

    func scheduleHolidayCheck(after day: Int) {
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
}
