import Foundation
import Testing

@testable import Ledger

/// The one shape behind the group commit and the access trail's journal: every caller gets
/// its own result, in order; groups form while the worker is busy; the queue is bounded by
/// items and by weight; a submission after `shutdown` is refused, and what was queued before
/// is still worked on.
@Suite struct GroupWorkerTests {
    /// Lets the worker's current group finish only when the test says so.
    final class Gate: @unchecked Sendable {
        // @unchecked: `isOpen` and `entered` are guarded by `condition`.
        private let condition = NSCondition()
        private var isOpen = false
        private var entered = 0
        func pass() {
            condition.lock()
            entered += 1
            condition.broadcast()
            while !isOpen { condition.wait() }
            condition.unlock()
        }
        /// Waits, without blocking a thread of the cooperative pool (the submitting tasks
        /// need one), until the worker has reached the gate.
        func waitForWorker() async throws {
            try await GroupCommitterTests.until("the worker reaches the gate") { hasEntered }
        }
        private var hasEntered: Bool {
            condition.lock()
            defer { condition.unlock() }
            return entered > 0
        }
        func open() {
            condition.lock()
            isOpen = true
            condition.broadcast()
            condition.unlock()
        }
    }

    final class Groups: @unchecked Sendable {
        // @unchecked: `sizes` is guarded by `lock`.
        private let lock = NSLock()
        private var sizes: [Int] = []
        func add(_ size: Int) { lock.withLock { sizes.append(size) } }
        var all: [Int] { lock.withLock { sizes } }
    }

    @Test func everyCallerGetsItsOwnResultAndGroupsFormWhileTheWorkerIsBusy() async throws {
        let gate = Gate()
        let groups = Groups()
        let worker = GroupWorker<Int, Int>(
            name: "test-group-worker", limits: .init(maximumGroup: 100, maximumPending: 100),
            work: { items in
                gate.pass()
                return items.map { $0 % 7 == 0 ? .failure(Odd(value: $0)) : .success($0 * 10) }
            },
            afterGroup: { items, results, _ in
                #expect(items.count == results.count)
                groups.add(items.count)
            })
        let first = Task { try await worker.submit(0) }
        try await gate.waitForWorker()
        // While the worker holds the first group, 20 more queue behind it: one group.
        let rest = (1...20).map { i in Task { try await worker.submit(i) } }
        try await GroupCommitterTests.until("twenty queued") { worker.load.pendingItems == 20 }
        #expect(worker.load == .init(pendingItems: 20, pendingWeight: 20, workingItems: 1))
        gate.open()
        await #expect(throws: Odd.self) { try await first.value }
        for (i, task) in zip(1..., rest) {
            if i % 7 == 0 {
                await #expect(throws: Odd(value: i)) { try await task.value }
            } else {
                #expect(try await task.value == i * 10)
            }
        }
        worker.shutdown()
        #expect(groups.all == [1, 20])
        await #expect(throws: GroupWorker<Int, Int>.Stopped.self) { try await worker.submit(99) }
    }

    @Test func aFullQueueRefusesAtOnceByItemsOrByWeight() async throws {
        let gate = Gate()
        let worker = GroupWorker<Int, Int>(
            name: "test-group-worker", limits: .init(maximumGroup: 10, maximumPending: 2, maximumPendingWeight: 5),
            work: { items in
                gate.pass()
                return items.map { .success($0) }
            })
        let first = Task { try await worker.submit(0, weight: 100) }  // alone: taken whatever its weight
        try await gate.waitForWorker()
        let a = Task { try await worker.submit(1, weight: 3) }
        try await GroupCommitterTests.until("one queued") { worker.load.pendingItems == 1 }
        // 3 + 3 > 5: refused by weight, with what was queued.
        do {
            _ = try await worker.submit(2, weight: 3)
            Issue.record("a submission past the weight limit was queued")
        } catch let full as GroupWorker<Int, Int>.Full {
            #expect(full.pendingItems == 1 && full.pendingWeight == 3 && full.itemWeight == 3)
        }
        let b = Task { try await worker.submit(3, weight: 2) }
        try await GroupCommitterTests.until("two queued") { worker.load.pendingItems == 2 }
        // Two items queued: refused by count, whatever the weight.
        await #expect(throws: GroupWorker<Int, Int>.Full.self) { try await worker.submit(4, weight: 0) }
        gate.open()
        #expect(try await first.value == 0)
        #expect(try await a.value == 1)
        #expect(try await b.value == 3)
        // Drained: taken again.
        #expect(try await worker.submit(5) == 5)
        worker.shutdown()
    }

    /// `shutdown` works on what was queued before it, then refuses.
    @Test func shutdownFinishesWhatWasQueued() async throws {
        let gate = Gate()
        let worker = GroupWorker<Int, Int>(
            name: "test-group-worker", limits: .init(maximumGroup: 1, maximumPending: 10),
            work: { items in
                gate.pass()
                return items.map { .success($0 + 1) }
            })
        let tasks = (0..<4).map { i in Task { try await worker.submit(i) } }
        try await gate.waitForWorker()
        try await GroupCommitterTests.until("three queued") { worker.load.pendingItems == 3 }
        let stopping = Task.detached { worker.shutdown() }
        gate.open()
        await stopping.value
        for (i, task) in tasks.enumerated() { #expect(try await task.value == i + 1) }
        await #expect(throws: GroupWorker<Int, Int>.Stopped.self) { try await worker.submit(9) }
    }

    struct Odd: Error, Equatable { let value: Int }
}
