import Testing

@testable import ledgerd

/// `LogThrottle`: a repeated failure's line is said the first time, then at most once per
/// interval, counting what it stands for; once the condition ends, the next is said at once.
@Suite struct LogThrottleTests {
    @Test func saysTheFirstThenOncePerIntervalCountingTheRest() {
        var throttle = LogThrottle(interval: .seconds(60))
        let start = ContinuousClock.now
        #expect(throttle.occurrence(at: start) == 1)
        #expect(throttle.occurrence(at: start + .seconds(1)) == nil)
        #expect(throttle.occurrence(at: start + .seconds(59)) == nil)
        #expect(throttle.occurrence(at: start + .seconds(60)) == 3, "this one and the two held back")
        #expect(throttle.occurrence(at: start + .seconds(61)) == nil)
        throttle.reset()
        #expect(throttle.occurrence(at: start + .seconds(62)) == 1, "a new episode is said at once")
    }
}
