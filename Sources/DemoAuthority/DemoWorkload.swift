/// A realistic local authority's event history, as NDJSON append requests.
///
/// One authority (Northmoor), its ~40 partner agencies and their staff, and `cases` early
/// help cases opened between January 2023 and November 2026, each with a full CAF / TAC /
/// lead professional lifecycle, staff turnover, statutory step-ups and a deliberate
/// sprinkling of policy breaches for the projections to flag. Every request is valid under
/// the ledger's structural and stateful rules, so a whole file imports in one go.
///
/// The output depends only on `(cases, seed)`: the same bytes on every run and every
/// machine, whatever today's date. It is streamed in global `occurredAt` order (cases are
/// interleaved as they would be in a live system), holding only the cases open at the
/// current moment of the timeline in memory.
public struct DemoWorkload: Sendable {
    /// Number of cases to generate (about 40 events each).
    public let cases: Int
    /// Seed for every random choice.
    public let seed: UInt64

    /// - Parameters:
    ///   - cases: Number of cases; negative values are treated as zero.
    ///   - seed: Any value; the same seed always gives the same workload.
    public init(cases: Int, seed: UInt64) {
        self.cases = max(0, cases)
        self.seed = seed
    }

    /// Calls `emit` with each append request as one compact JSON object (no newline), in append order.
    public func generate(_ emit: (String) throws -> Void) rethrows {
        let directory = DemoDirectory(size: max(150, cases / 4), seed: seed)
        var renderer = DemoRenderer(directory: directory, seed: seed)
        let openings = DemoOpenings(cases: cases, seed: seed)

        // Cases currently in flight, each with its pre-generated history and a cursor; the
        // heap orders them by their next event's time (ties: lower case number first).
        var slots: [DemoActiveCase?] = []
        var freeSlots: [Int] = []
        var heap = DemoEventHeap()
        var directoryCursor = 0
        var nextCase = 0
        var nextOpening = cases > 0 ? openings.time(of: 0) : Int.max

        while true {
            let directoryTime =
                directoryCursor < directory.events.count ? directory.events[directoryCursor].time : Int.max
            let caseTime = heap.top?.time ?? Int.max
            if directoryTime == Int.max && caseTime == Int.max && nextOpening == Int.max { break }

            // Directory first on ties: a practitioner is registered before anyone names them.
            if directoryTime <= caseTime && directoryTime <= nextOpening {
                try emit(renderer.render(directory.events[directoryCursor], sequence: directoryCursor))
                directoryCursor += 1
                continue
            }
            if nextOpening <= caseTime {
                let lifecycle = DemoCaseLifecycle(
                    caseIndex: nextCase,
                    openTime: nextOpening,
                    seed: seed,
                    directory: directory
                )
                lifecycle.run()
                let active = DemoActiveCase(
                    identity: lifecycle.identity,
                    events: lifecycle.events
                )
                let slot: Int
                if let free = freeSlots.popLast() {
                    slot = free
                    slots[slot] = active
                } else {
                    slot = slots.count
                    slots.append(active)
                }
                heap.push(DemoHeapEntry(time: active.events[0].time, caseIndex: nextCase, slot: slot))
                nextCase += 1
                nextOpening = nextCase < cases ? openings.time(of: nextCase) : Int.max
                continue
            }
            let entry = heap.pop()
            let active = slots[entry.slot]!
            let version = active.cursor
            try emit(renderer.render(active.events[version], version: version, of: active.identity))
            active.cursor += 1
            if version + 1 < active.events.count {
                heap.push(
                    DemoHeapEntry(time: active.events[version + 1].time, caseIndex: entry.caseIndex, slot: entry.slot)
                )
            } else {
                slots[entry.slot] = nil
                freeSlots.append(entry.slot)
            }
        }
    }
}

/// When each case opens: working hours on working days, with demand for early help
/// growing over the timeline (so that, as in most councils, a good share of cases is still
/// open at the end). Case numbers are issued in opening order.
struct DemoOpenings {
    private let cases: Int
    private let seed: UInt64
    private let workdays: [Int]
    /// Referrals at the end of the timeline run at `1 + growth` times the rate at the start.
    private static let growth = 1.5

    init(cases: Int, seed: UInt64) {
        self.cases = cases
        self.seed = seed
        var days: [Int] = []
        var d = DemoTimeline.firstDay + 2
        while d <= DemoTimeline.lastDay {
            if !DemoTimeline.isClosedDay(d) { days.append(d) }
            d += 1
        }
        workdays = days
    }

    /// The opening instant of case `index`; non-decreasing in `index`.
    func time(of index: Int) -> Int {
        // Quantile (index + u) / cases of a linearly rising density on [0, 1).
        let q = (Double(index) + DemoMix.unit(seed ^ 0x0BE7_11E5, UInt64(index))) / Double(cases)
        let g = Self.growth
        let x = min((-1 + (1 + 2 * g * q * (1 + g / 2)).squareRoot()) / g, 0.999_999_999)
        let position = x * Double(workdays.count)
        let dayIndex = min(Int(position), workdays.count - 1)
        let fraction = position - Double(dayIndex)
        // 08:30 to 17:00, whole minutes.
        let minutes = 510 + Int(fraction * 510)
        return workdays[dayIndex] * DemoTimeline.secondsPerDay + minutes * 60
    }
}

/// A generated case whose events are still being merged into the output.
final class DemoActiveCase {
    let identity: DemoCaseIdentity
    let events: [DemoCaseEvent]
    var cursor = 0

    init(identity: DemoCaseIdentity, events: [DemoCaseEvent]) {
        self.identity = identity
        self.events = events
    }
}

struct DemoHeapEntry {
    let time: Int
    let caseIndex: Int
    let slot: Int

    func precedes(_ other: DemoHeapEntry) -> Bool {
        time != other.time ? time < other.time : caseIndex < other.caseIndex
    }
}

/// A binary min-heap of in-flight cases by next event time.
struct DemoEventHeap {
    private var items: [DemoHeapEntry] = []

    var top: DemoHeapEntry? { items.first }

    mutating func push(_ entry: DemoHeapEntry) {
        items.append(entry)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].precedes(items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> DemoHeapEntry {
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var smallest = i
                if l < items.count && items[l].precedes(items[smallest]) { smallest = l }
                if r < items.count && items[r].precedes(items[smallest]) { smallest = r }
                if smallest == i { break }
                items.swapAt(i, smallest)
                i = smallest
            }
        }
        return top
    }
}
