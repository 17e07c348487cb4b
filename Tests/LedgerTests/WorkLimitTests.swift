import Foundation
@testable import Ledger
import Testing

/// `WorkLimit`: at most `maximumRunning` at once, at most `maximumWaiting` behind them, one
/// more refused at once; a slot is given back however its replay ends.
@Suite struct WorkLimitTests {
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
        let limit = WorkLimit(name: "tests", activity: "tests running", maximumRunning: 2, maximumWaiting: 1, retryAfterSeconds: 1)
        let release = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let ran = Ran()
        // Three pieces of work: two run and hold, the third waits.
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
        #expect(throws: WorkLimit.Busy.self) { try limit.refuseIfFull() }
        // A fourth is refused at once, naming the load, and runs nothing.
        var fourthRan = false
        #expect(throws: WorkLimit.Busy.self) { try limit.run { fourthRan = true } }
        #expect(!fourthRan)
        do {
            try limit.run {}
        } catch let busy as WorkLimit.Busy {
            #expect(busy.running == 2 && busy.waiting == 1 && busy.description == "2 tests running and 1 more waiting" && busy.name == "tests")
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
        let limit = WorkLimit(name: "tests", activity: "tests running", maximumRunning: 1, maximumWaiting: 0, retryAfterSeconds: 1)
        #expect(throws: Failed.self) { try limit.run { throw Failed() } }
        #expect(try limit.run { 42 } == 42)
        #expect(limit.load == (0, 0) ? true : false)
    }

    /// Which pieces of work have run (from several threads).
    final class Ran: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: Set<Int> = []
        func add(_ id: Int) { lock.withLock { _ = ids.insert(id) } }
        var count: Int { lock.withLock { ids.count } }
    }
}
