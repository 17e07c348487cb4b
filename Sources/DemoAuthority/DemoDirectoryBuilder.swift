/// Builds the directory: the initial bulk load, then day-by-day turnover.
struct DemoDirectoryBuilder {
    var ids: [[UInt8]] = []
    var names: [String] = []
    var roles: [DemoRole] = []
    var startDays: [Int] = []
    var leftDays: [Int] = []
    /// 0: the agency's manager (top of the line); 1: team lead; 2: frontline.
    var tiers: [Int] = []
    var pools: [[Int32]] = Array(repeating: [], count: DemoRole.allCases.count)
    var events: [DemoDirectoryEvent] = []
    var dutyManager: Int32 = 0

    var rng: DemoRandom
    var anchored = Array(repeating: false, count: DemoRole.allCases.count)
    var agencyOf: [Int] = []
    var managerOf: [Int32] = []
    var isAnchor: [Bool] = []
    /// Per agency: its manager, and every practitioner ever attached (departed ones included).
    var heads: [Int32] = []
    var staff: [[Int32]]
    var agenciesByRole: [[Int]] = Array(repeating: [], count: DemoRole.allCases.count)

    init(seed: UInt64) {
        rng = DemoRandom(seed: DemoMix.mix(seed, 0xD1EC_7081))
        let agencies = DemoAgencies.all
        staff = Array(repeating: [], count: agencies.count)
        for (a, spec) in agencies.enumerated() {
            for entry in spec.roles where !agenciesByRole[entry.role.rawValue].contains(a) {
                agenciesByRole[entry.role.rawValue].append(a)
            }
        }
    }

    mutating func addPractitioner(role: DemoRole, tier: Int, agency: Int, manager: Int32?, day: Int) -> Int32 {
        let index = Int32(ids.count)
        var id: [UInt8] = Array("prac-".utf8)
        let number = String(ids.count + 1)
        id.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, 6 - number.utf8.count)))
        id.append(contentsOf: number.utf8)
        let name = rng.pick(DemoVocabulary.firstNames) + " " + rng.pick(DemoVocabulary.surnames)
        ids.append(id)
        names.append(name)
        roles.append(role)
        startDays.append(day)
        leftDays.append(Int.max)
        tiers.append(tier)
        agencyOf.append(agency)
        managerOf.append(manager ?? -1)
        // The first practitioner of each role never leaves, so every role can always be found.
        let anchor = tier > 0 && !anchored[role.rawValue]
        if anchor { anchored[role.rawValue] = true }
        isAnchor.append(anchor)
        pools[role.rawValue].append(index)
        staff[agency].append(index)
        return index
    }

    mutating func registerInitialStaff(size: Int) {
        let agencies = DemoAgencies.all
        let start = DemoTimeline.firstDay * DemoTimeline.secondsPerDay + 7 * 3600
        events.append(DemoDirectoryEvent(time: start, change: .authorityRegistered))
        for a in agencies.indices {
            events.append(DemoDirectoryEvent(time: start + 1 + a, change: .agencyRegistered(agency: a)))
        }
        // A bulk load: four registrations a second, managers before the people they manage.
        var tick = 0
        func nextTime() -> Int {
            tick += 1
            return start + 60 + tick / 4
        }
        let totalWeight = agencies.reduce(0) { $0 + $1.weight }
        for (a, spec) in agencies.enumerated() {
            let headcount = max(3, (size * spec.weight + totalWeight / 2) / totalWeight)
            var t = nextTime()
            let head = addPractitioner(role: .manager, tier: 0, agency: a, manager: nil, day: DemoTimeline.dayOf(t))
            heads.append(head)
            if spec.id == "nm-early-help" { dutyManager = head }
            events.append(
                DemoDirectoryEvent(
                    time: t,
                    change: .practitionerRegistered(practitioner: head, agency: a, lineManager: nil)
                )
            )
            var frontline = headcount - 1
            let leadCount = frontline > 6 ? (frontline + 7) / 8 : 0
            frontline -= leadCount
            var leads: [Int32] = []
            for _ in 0..<leadCount {
                t = nextTime()
                let lead = addPractitioner(
                    role: spec.leadRole,
                    tier: 1,
                    agency: a,
                    manager: head,
                    day: DemoTimeline.dayOf(t)
                )
                leads.append(lead)
                events.append(
                    DemoDirectoryEvent(
                        time: t,
                        change: .practitionerRegistered(practitioner: lead, agency: a, lineManager: head)
                    )
                )
            }
            let weights = spec.roles.map(\.weight)
            for i in 0..<frontline {
                // Every role the agency employs appears at least once, then by weight.
                let role = i < spec.roles.count ? spec.roles[i].role : spec.roles[rng.weighted(weights)].role
                let manager = leads.isEmpty ? head : leads[i % leads.count]
                t = nextTime()
                let p = addPractitioner(role: role, tier: 2, agency: a, manager: manager, day: DemoTimeline.dayOf(t))
                events.append(
                    DemoDirectoryEvent(
                        time: t,
                        change: .practitionerRegistered(practitioner: p, agency: a, lineManager: manager)
                    )
                )
            }
        }
    }

    /// Day-by-day staff turnover: people leave (and are replaced a few weeks later), move
    /// to another agency of the same kind, or change line manager in a restructure; when a
    /// team lead leaves, their reports move to another lead first.
    mutating func simulateTurnover() {
        let perWorkingDay = 1.0 / 260.0
        let frontlineLeaving = 0.11 * perWorkingDay
        let leadLeaving = 0.06 * perWorkingDay
        let movingRate = 0.025 * perWorkingDay
        let restructuring = 0.04 * perWorkingDay

        struct Starter {
            let day: Int
            let agency: Int
            let role: DemoRole
            let tier: Int
        }
        var starters: [Starter] = []
        let firstDay = DemoTimeline.dayOf(events[events.count - 1].time) + 1
        var day = firstDay
        while day <= DemoTimeline.lastDay {
            defer { day += 1 }
            if DemoTimeline.isClosedDay(day) { continue }
            let base = day * DemoTimeline.secondsPerDay
            var registrations: [DemoDirectoryChange] = []
            var managerChanges: [DemoDirectoryChange] = []
            var moves: [DemoDirectoryChange] = []
            var departures: [DemoDirectoryChange] = []

            // Decide today's changes first, so nobody is given a manager who leaves today.
            var leaving: [Int32] = []
            var moving: [Int32] = []
            var restructured: [Int32] = []
            for i in ids.indices {
                guard startDays[i] < day, leftDays[i] == Int.max, tiers[i] > 0, !isAnchor[i] else { continue }
                let u = rng.unit()
                if u < (tiers[i] == 1 ? leadLeaving : frontlineLeaving) {
                    leaving.append(Int32(i))
                } else if tiers[i] == 2, u < frontlineLeaving + movingRate {
                    moving.append(Int32(i))
                } else if tiers[i] == 2, u < frontlineLeaving + movingRate + restructuring {
                    restructured.append(Int32(i))
                }
            }
            for p in leaving { leftDays[Int(p)] = day }

            func activeLeads(of agency: Int, excluding: Int32) -> [Int32] {
                staff[agency].filter {
                    tiers[Int($0)] == 1 && leftDays[Int($0)] == Int.max && startDays[Int($0)] < day && $0 != excluding
                }
            }
            for p in restructured {
                let candidates = activeLeads(of: agencyOf[Int(p)], excluding: managerOf[Int(p)])
                guard !candidates.isEmpty else { continue }
                let manager = rng.pick(candidates)
                managerOf[Int(p)] = manager
                managerChanges.append(.lineManagerChanged(practitioner: p, lineManager: manager))
            }
            for p in moving {
                let role = roles[Int(p)]
                let targets = agenciesByRole[role.rawValue].filter { $0 != agencyOf[Int(p)] }
                guard !targets.isEmpty else { continue }
                let agency = rng.pick(targets)
                let leads = activeLeads(of: agency, excluding: -1)
                let manager = leads.isEmpty ? heads[agency] : rng.pick(leads)
                agencyOf[Int(p)] = agency
                managerOf[Int(p)] = manager
                staff[agency].append(p)
                moves.append(.movedAgency(practitioner: p, agency: agency, lineManager: manager))
            }
            for p in leaving where tiers[Int(p)] == 1 {
                let agency = agencyOf[Int(p)]
                let others = activeLeads(of: agency, excluding: p)
                for report in staff[agency] where managerOf[Int(report)] == p && agencyOf[Int(report)] == agency {
                    guard leftDays[Int(report)] == Int.max else { continue }
                    let manager = others.isEmpty ? heads[agency] : rng.pick(others)
                    managerOf[Int(report)] = manager
                    managerChanges.append(.lineManagerChanged(practitioner: report, lineManager: manager))
                }
            }
            for p in leaving {
                departures.append(.left(practitioner: p))
                starters.append(
                    Starter(
                        day: DemoTimeline.addingWorkdays(rng.int(15...45), to: day),
                        agency: agencyOf[Int(p)],
                        role: roles[Int(p)],
                        tier: tiers[Int(p)]
                    )
                )
            }
            // Replacements due today (registered at 08:00, before anything else happens).
            var remaining: [Starter] = []
            for s in starters {
                guard s.day <= day else {
                    remaining.append(s)
                    continue
                }
                let manager: Int32
                if s.tier == 1 {
                    manager = heads[s.agency]
                } else {
                    let leads = activeLeads(of: s.agency, excluding: -1)
                    manager = leads.isEmpty ? heads[s.agency] : rng.pick(leads)
                }
                let p = addPractitioner(role: s.role, tier: s.tier, agency: s.agency, manager: manager, day: day)
                registrations.append(.practitionerRegistered(practitioner: p, agency: s.agency, lineManager: manager))
            }
            starters = remaining

            for (k, change) in registrations.enumerated() {
                events.append(DemoDirectoryEvent(time: base + 8 * 3600 + k, change: change))
            }
            for (k, change) in managerChanges.enumerated() {
                events.append(DemoDirectoryEvent(time: base + 9 * 3600 + k, change: change))
            }
            for (k, change) in moves.enumerated() {
                events.append(DemoDirectoryEvent(time: base + 10 * 3600 + k, change: change))
            }
            for (k, change) in departures.enumerated() {
                events.append(DemoDirectoryEvent(time: base + 17 * 3600 + 30 * 60 + k, change: change))
            }
        }
    }
}
