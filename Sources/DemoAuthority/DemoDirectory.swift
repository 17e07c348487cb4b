import Ledger

/// A directory change, kept compact and rendered to JSON only when it is emitted.
enum DemoDirectoryChange {
    case authorityRegistered
    case agencyRegistered(agency: Int)
    case practitionerRegistered(practitioner: Int32, agency: Int, lineManager: Int32?)
    case lineManagerChanged(practitioner: Int32, lineManager: Int32?)
    case movedAgency(practitioner: Int32, agency: Int, lineManager: Int32?)
    case left(practitioner: Int32)
}

struct DemoDirectoryEvent {
    let time: Int
    let change: DemoDirectoryChange
}

/// The authority's staff over the whole timeline, decided up front.
///
/// Deciding every registration, move and departure before any case is generated is what
/// lets each case be generated on its own (and so streamed) while still knowing whether the
/// people it names will still be in post: a case never gives a new job to someone who has
/// left, yet notices (or, in a few cases, fails to notice) when its lead professional goes.
///
/// Practitioners are directory indices (`Int32`) into parallel immutable arrays: the
/// lifecycle asks "in post on day d?" millions of times, and plain `let` arrays of scalars
/// keep that free of reference counting and exclusivity checks.
final class DemoDirectory {
    /// `prac-000123`, by directory index.
    let ids: [PractitionerID]
    private let indices: [PractitionerID: Int32]
    let names: [String]
    let roles: [DemoRole]
    /// Registered early on this day (the `PractitionerRegistered` event's day).
    let startDays: [Int]
    /// Left at the end of this day (`PractitionerLeft.leftOn`); `Int.max` if still in post
    /// at the end of the timeline.
    let leftDays: [Int]
    /// Practitioner indices by role, in registration order (so sorted by start day).
    let pools: [[Int32]]
    /// Every directory event, in time order.
    let events: [DemoDirectoryEvent]
    /// The Early Help Service's manager: never leaves, so always available to act.
    let dutyManager: Int32
    /// Practitioners who leave during the timeline and could lead a case, by leaving day.
    private let leavers: [Int32]

    init(size: Int, seed: UInt64) {
        var builder = DemoDirectoryBuilder(seed: seed)
        builder.registerInitialStaff(size: size)
        builder.simulateTurnover()
        ids = builder.ids.map { PractitionerID(rawValue: String(decoding: $0, as: UTF8.self)) }
        indices = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
        names = builder.names
        roles = builder.roles
        startDays = builder.startDays
        leftDays = builder.leftDays
        pools = builder.pools
        events = builder.events
        dutyManager = builder.dutyManager
        let leftDays = builder.leftDays
        leavers = builder.roles.indices
            .filter { leftDays[$0] != Int.max && builder.roles[$0].canLead && builder.tiers[$0] > 0 }
            .sorted { leftDays[$0] != leftDays[$1] ? leftDays[$0] < leftDays[$1] : $0 < $1 }
            .map { Int32($0) }
    }

    func id(_ p: Int32) -> PractitionerID { ids[Int(p)] }
    /// The directory index of the practitioner with this ID (the case state names people by ID).
    func index(of id: PractitionerID) -> Int32? { indices[id] }
    func role(_ p: Int32) -> DemoRole { roles[Int(p)] }
    func leftDay(_ p: Int32) -> Int { leftDays[Int(p)] }

    /// Registered before `day` and not yet left on `day`: may act and be given work.
    func isActive(_ p: Int32, on day: Int) -> Bool {
        startDays[Int(p)] < day && day < leftDays[Int(p)]
    }

    /// A practitioner of `role` who is active on `day` and, if at all possible, still in
    /// post on `through`; never one listed in `avoiding`. Falls back to related roles, then
    /// to nil (only possible in a tiny directory).
    func pick(
        _ role: DemoRole,
        on day: Int,
        through: Int,
        avoiding: [Int32] = [],
        rng: inout DemoRandom
    ) -> Int32? {
        var role = role
        for _ in 0..<4 {
            if let p = pickExactly(role, on: day, through: through, avoiding: avoiding, rng: &rng) { return p }
            role = Self.fallback(role)
        }
        return nil
    }

    /// Someone in post on `day` whose last day falls in `window`: used only to write the
    /// cases that show what happens when nobody notices a departure.
    func pickLeaving(on day: Int, leavingWithin window: ClosedRange<Int>, rng: inout DemoRandom) -> Int32? {
        var lo = 0
        var hi = leavers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if leftDays[Int(leavers[mid])] < window.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var candidates: [Int32] = []
        var i = lo
        while i < leavers.count && leftDays[Int(leavers[i])] <= window.upperBound {
            if startDays[Int(leavers[i])] < day { candidates.append(leavers[i]) }
            i += 1
        }
        return candidates.isEmpty ? nil : rng.pick(candidates)
    }

    private func pickExactly(
        _ role: DemoRole,
        on day: Int,
        through: Int,
        avoiding: [Int32],
        rng: inout DemoRandom
    ) -> Int32? {
        let pool = pools[role.rawValue]
        // Registered before `day`: a prefix of the pool, which is sorted by start day.
        var lo = 0
        var hi = pool.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if startDays[Int(pool[mid])] < day { lo = mid + 1 } else { hi = mid }
        }
        let eligible = lo
        guard eligible > 0 else { return nil }
        for _ in 0..<12 {
            let p = pool[rng.int(eligible)]
            if leftDays[Int(p)] > through && !avoiding.contains(p) { return p }
        }
        let offset = rng.int(eligible)
        var fallback: Int32?
        for k in 0..<eligible {
            let p = pool[(offset + k) % eligible]
            let left = leftDays[Int(p)]
            guard left > day, !avoiding.contains(p) else { continue }
            if left > through { return p }
            if fallback == nil { fallback = p }
        }
        return fallback
    }

    private static func fallback(_ role: DemoRole) -> DemoRole {
        switch role {
        case .senco, .learningMentor, .schoolSupportStaff: .teacher
        case .midwife, .communityChildrensNurse, .schoolNurse: .healthVisitor
        case .earlyYearsWorker: .childrensCentreWorker
        case .personalAdviser, .playWorker: .youthWorker
        case .manager: .manager
        default: .familySupportWorker
        }
    }
}
