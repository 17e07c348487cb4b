import Synchronization
import Testing

@testable import ledgerd

/// `LogHead`: waiters wake when the head passes them, on a pulse, or on cancellation, and
/// never miss an advance that races their registration.
@Suite struct LogHeadTests {
    @Test func waitersWakeWhenTheHeadPassesThem() async {
        let head = LogHead(seq: 10)
        #expect(await head.wait(after: 9) == 10)  // already past: no suspension
        async let early = head.wait(after: 10)
        async let late = head.wait(after: 12)
        try? await Task.sleep(for: .milliseconds(20))
        head.advance(to: 11)
        #expect(await early == 11)
        head.advance(to: 11)  // not an advance: wakes nobody, changes nothing
        head.advance(to: 13)
        #expect(await late == 13)
        head.advance(to: 12)  // the head never goes back
        #expect(head.seq == 13)
    }

    /// What the metrics count the log's growth from: every advance reported once, each from
    /// where the last ended, however the advances race (the committer and the head watcher).
    @Test func advancesAreReportedOnceEachAndAddUpToTheGrowth() async {
        let reports = Reports()
        let head = LogHead(seq: 100) { from, to in reports.list.withLock { $0.append((from, to)) } }
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for step in 0..<200 { head.advance(to: 100 + UInt64(step * 8 + writer)) }
                }
            }
        }
        let seen = reports.list.withLock { $0 }.sorted { $0.0 < $1.0 }
        #expect(head.seq == 100 + 199 * 8 + 7)
        #expect(seen.first?.0 == 100 && seen.last?.1 == head.seq)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.1 == $1.0 }, "contiguous: no growth counted twice or missed")
        #expect(seen.allSatisfy { $0.0 < $0.1 })
    }

    final class Reports: Sendable {
        let list = Mutex<[(UInt64, UInt64)]>([])
    }

    @Test func aPulseWakesEveryWaiterWithTheHeadUnchanged() async {
        let head = LogHead(seq: 5)
        async let a = head.wait(after: 5)
        async let b = head.wait(after: 7)
        try? await Task.sleep(for: .milliseconds(20))
        head.pulse()
        #expect(await a == 5)
        #expect(await b == 5)
    }

    @Test func cancellationEndsAWait() async {
        let head = LogHead(seq: 1)
        let waiter = Task { await head.wait(after: 1) }
        try? await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        #expect(await waiter.value == 1)
        // A wait that starts cancelled returns at once.
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await head.wait(after: 1)
        }
        #expect(await cancelled.value == 1)
    }

    @Test func manyConcurrentWaitersAllSeeEveryAdvance() async {
        let head = LogHead(seq: 0)
        await withTaskGroup(of: UInt64.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    var seen: UInt64 = 0
                    while seen < 50 { seen = await head.wait(after: seen) }
                    return seen
                }
            }
            group.addTask {
                for seq in 1...50 as ClosedRange<UInt64> {
                    head.advance(to: seq)
                    await Task.yield()
                }
                return 50
            }
            for await seen in group { #expect(seen == 50) }
        }
    }
}
