import Foundation
import Testing

@testable import Ledger

/// The worker behind an import's tree hashing: results in order, state handed back, the queue
/// bounded, and a dropped worker's thread stopped.
@Suite struct BoundedWorkerTests {
    @Test func resultsComeBackInOrderWithTheFinalState() {
        let worker = BoundedWorker<Int, Int, Int>(name: "test-worker", capacity: 3, state: 0) { sum, input in
            sum += input
            return input * input
        }
        var results: [Int] = []
        for i in 1...200 {
            worker.submit(i)
            if i % 17 == 0 { results += worker.completed() }
        }
        let (sum, remaining) = worker.finish()
        results += remaining
        #expect(results == (1...200).map { $0 * $0 })
        #expect(sum == 200 * 201 / 2)
    }

    /// A slow worker makes `submit` wait: never more than `capacity` inputs queue up.
    @Test func submitWaitsWhileTheQueueIsFull() {
        let gate = Gate()
        let worker = BoundedWorker<Int, Int, Int>(name: "test-worker", capacity: 2, state: 0) { count, input in
            gate.waitUntilOpen()
            count += 1
            return input
        }
        let submitted = Submitted()
        let producer = Thread {
            for i in 0..<10 {
                worker.submit(i)
                submitted.increment()
            }
        }
        producer.start()
        // One input taken by the blocked worker, two queued: the fourth submit must wait.
        Thread.sleep(forTimeInterval: 0.3)
        #expect(submitted.value == 3)
        gate.open()
        // `finish` only once the producer is done: no input may follow it.
        let deadline = Date(timeIntervalSinceNow: 10)
        while submitted.value < 10, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let (count, remaining) = worker.finish()
        #expect(count == 10)
        #expect(remaining == Array(0..<10))
        #expect(submitted.value == 10)
    }

    /// Dropped without `finish` (its producer threw): the thread still ends.
    @Test func aDroppedWorkerStopsItsThread() {
        let finished = Submitted()
        do {
            let worker = BoundedWorker<Int, Int, Int>(name: "test-worker", capacity: 4, state: 0) { _, input in
                finished.increment()
                return input
            }
            worker.submit(1)
            worker.submit(2)
        }
        let deadline = Date(timeIntervalSinceNow: 5)
        while finished.value < 2, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(finished.value == 2)
    }

    private final class Gate: @unchecked Sendable {
        // @unchecked: `isOpen` is guarded by `condition`.
        private let condition = NSCondition()
        private var isOpen = false
        func waitUntilOpen() {
            condition.lock()
            while !isOpen { condition.wait() }
            condition.unlock()
        }
        func open() {
            condition.lock()
            isOpen = true
            condition.broadcast()
            condition.unlock()
        }
    }

    private final class Submitted: @unchecked Sendable {
        // @unchecked: `count` is guarded by `lock`.
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}
