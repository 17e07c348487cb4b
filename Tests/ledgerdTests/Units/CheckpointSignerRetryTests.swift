import Testing

@testable import ledgerd

/// `CheckpointSigner` retries a failed signing (no file descriptors left, a full disk) less
/// and less often: the pause doubled per failure in a row, never more than five seconds, so
/// a failure that lasts is a log line every few seconds rather than ten a second.
@Suite struct CheckpointSignerRetryTests {
    @Test func theRetryDelayDoublesUpToFiveSeconds() {
        let pause = Duration.milliseconds(100)
        let delays = (1...10).map { CheckpointSigner.retryDelay(after: $0, pause: pause) }
        #expect(Array(delays.prefix(6)) == [100, 200, 400, 800, 1600, 3200].map { Duration.milliseconds($0) })
        #expect(delays.dropFirst(6).allSatisfy { $0 == .seconds(5) })
        #expect(CheckpointSigner.retryDelay(after: Int.max, pause: pause) == .seconds(5))
        #expect(CheckpointSigner.retryDelay(after: 3, pause: .seconds(30)) == .seconds(5), "a long pause is still capped")
    }
}
