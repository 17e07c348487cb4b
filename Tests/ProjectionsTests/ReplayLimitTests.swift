import Foundation
import Projections
import Testing

/// `ReplayLimit`: at most `maximumRunning` at once, at most `maximumWaiting` behind them, one
/// more refused at once; a slot is given back however its replay ends.
@Suite struct ReplayLimitTests {
    struct Failed: Error {}

    /// Waits (on this thread) until `condition` holds, for at most ten seconds.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    @Test func theLimitRunsQueuesAndRefuses() throws {
        let limit = ReplayLimit(maximumRunning: 2, maximumWaiting: 1)
        let release = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let ran = Ran()
        // Three replays: two run and hold, the third waits.
        for i in 0..<3 {
            DispatchQueue.global().async(group: group) {
                _ = try? limit.run {
                    ran.add(i)
                    release.wait()
                }
            }
        }
        #expect(Self.eventually { limit.load == (2, 1) }, "\(limit.load)")
        #expect(ran.count == 2, "only two run at once")
        #expect(throws: ReplayLimit.Busy.self) { try limit.refuseIfFull() }
        // A fourth is refused at once, naming the load, and runs nothing.
        var fourthRan = false
        #expect(throws: ReplayLimit.Busy.self) { try limit.run { fourthRan = true } }
        #expect(!fourthRan)
        do {
            try limit.run {}
        } catch let busy as ReplayLimit.Busy {
            #expect(busy.running == 2 && busy.waiting == 1 && busy.description.contains("2 answers"))
        }
        // One ends: the waiting one runs, and one more may wait.
        release.signal()
        #expect(Self.eventually { ran.count == 3 })
        try limit.refuseIfFull()
        release.signal()
        release.signal()
        #expect(group.wait(timeout: .now() + 10) == .success)
        #expect(limit.load == (0, 0) ? true : false, "\(limit.load)")
    }

    @Test func aReplayThatFailsGivesItsSlotBack() throws {
        let limit = ReplayLimit(maximumRunning: 1, maximumWaiting: 0)
        #expect(throws: Failed.self) { try limit.run { throw Failed() } }
        #expect(try limit.run { 42 } == 42)
        #expect(limit.load == (0, 0) ? true : false)
    }

    /// Which replays have run (from several threads).
    final class Ran: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: Set<Int> = []
        func add(_ id: Int) { lock.withLock { _ = ids.insert(id) } }
        var count: Int { lock.withLock { ids.count } }
    }
}
