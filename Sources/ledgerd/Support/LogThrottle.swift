/// When a line about a repeated condition is due: the first time, then at most once per
/// `interval`, each line counting the occurrences it stands for. A failure that lasts (a
/// full disk, no file descriptors left) in a loop that retries every few milliseconds would
/// otherwise write thousands of identical lines, burying what came before it and filling the
/// disk it may be short of.
struct LogThrottle: Sendable {
    /// The least time between two lines.
    let interval: Duration
    private var lastSaid: ContinuousClock.Instant?
    private var heldBack = 0

    init(interval: Duration = .seconds(60)) {
        self.interval = interval
    }

    /// Notes one occurrence at `now`. Returns how many occurrences a line said now stands for
    /// (this one and those held back since the last line), or nil if it is not due yet.
    mutating func occurrence(at now: ContinuousClock.Instant = .now) -> Int? {
        heldBack += 1
        if let lastSaid, now - lastSaid < interval { return nil }
        defer {
            lastSaid = now
            heldBack = 0
        }
        return heldBack
    }

    /// The condition ended: the next occurrence is said at once.
    mutating func reset() {
        lastSaid = nil
        heldBack = 0
    }
}
