import Foundation
import Testing

@testable import Ledger

/// The import's reader thread: elements in order, the producer never more than `capacity`
/// ahead, a cancelled producer stopped, and the consumer's idle work done while it waits.
@Suite struct PrefetcherTests {
    final class Counter: @unchecked Sendable {
        // @unchecked: `count` is guarded by `lock`.
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func next() -> Int { lock.withLock { count += 1; return count } }
    }

    @Test func elementsArriveInOrderThenNil() {
        let produced = Counter()
        let prefetcher = Prefetcher<Int>(name: "test-prefetcher", capacity: 3) {
            let n = produced.next()
            return n <= 1_000 ? n : nil
        }
        var seen: [Int] = []
        while let n = prefetcher.next() {
            seen.append(n)
            prefetcher.recycle(n)
        }
        #expect(seen == Array(1...1_000))
        #expect(prefetcher.next() == nil)
    }

    /// With nobody taking, the producer stops `capacity` elements ahead (plus the one it
    /// holds, waiting for room), and a cancel ends it.
    @Test func theProducerWaitsForRoomAndStopsWhenCancelled() {
        let produced = Counter()
        let prefetcher = Prefetcher<Int>(name: "test-prefetcher", capacity: 4) { produced.next() }
        let deadline = Date(timeIntervalSinceNow: 10)
        while produced.value < 5, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(produced.value == 5)
        #expect(prefetcher.next() == 1)
        while produced.value < 6, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        prefetcher.cancel()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(produced.value <= 7)
        // What was ready is still taken in order; then the end.
        var rest: [Int] = []
        while let n = prefetcher.next() { rest.append(n) }
        #expect(rest == Array(2...(1 + rest.count)))
    }

    /// While nothing is ready the consumer does its idle work instead of waiting, until that
    /// says it has none left; then it waits. An error in the idle work reaches the consumer
    /// and leaves the queue working.
    @Test func whileNothingIsReadyTheConsumerDoesItsIdleWork() throws {
        let gate = DispatchSemaphore(value: 0)
        let produced = Counter()
        let prefetcher = Prefetcher<Int>(name: "test-prefetcher", capacity: 2) {
            gate.wait()
            let n = produced.next()
            return n <= 2 ? n : nil
        }
        // The producer waits for the gate, which only the fifth piece of idle work opens.
        var idles = 0
        let first = prefetcher.next(whileWaiting: {
            idles += 1
            if idles == 5 { gate.signal() }
            return true
        })
        #expect(first == 1)
        #expect(idles >= 5)

        var calls = 0
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { gate.signal() }
        let second = prefetcher.next(whileWaiting: {
            calls += 1
            return false
        })
        #expect(second == 2)
        #expect(calls == 1, "idle work that has none left is not asked again")

        struct Failed: Error {}
        #expect(throws: Failed.self) { try prefetcher.next(whileWaiting: { throw Failed() }) }
        gate.signal()
        #expect(prefetcher.next() == nil)
    }
}
