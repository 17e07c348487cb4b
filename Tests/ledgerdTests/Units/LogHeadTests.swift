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
