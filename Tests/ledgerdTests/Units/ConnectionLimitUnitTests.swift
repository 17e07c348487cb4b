import Logging
import Testing

@testable import ledgerd

/// `ConnectionLimit`'s count: accepting stops at the limit and resumes below it, a burst
/// past it (one read may accept several) is still counted, and each time the limit is
/// reached is counted once, however long the server stays there.
@Suite struct ConnectionLimitUnitTests {
    @Test func countsOpenConnectionsAndEachTimeTheLimitIsReached() {
        let metrics = ServerMetrics()
        var limit = ConnectionLimit(
            maximum: 3, logger: Logger(label: "test"),
            metrics: .init(open: metrics.connections, maximum: metrics.connectionsMaximum, limitReached: metrics.connectionLimitReached))
        func scrape() -> MetricsScrape { MetricsScrape(String(decoding: metrics.exposition(projection: nil), as: UTF8.self)) }
        #expect(scrape().value("ledgerd_http_connections_max") == 3)

        for _ in 0..<2 { limit.connectionOpened() }
        #expect(limit.isAcceptingNewConnections())
        for _ in 0..<3 { limit.connectionOpened() }  // a burst accepted in one read: five open
        #expect(!limit.isAcceptingNewConnections())
        #expect(scrape().value("ledgerd_http_connections") == 5)
        #expect(scrape().value("ledgerd_http_connection_limit_reached_total") == 1)

        limit.connectionClosed()
        limit.connectionClosed()
        #expect(!limit.isAcceptingNewConnections(), "three are still open")
        limit.connectionClosed()
        #expect(limit.isAcceptingNewConnections())
        limit.connectionOpened()
        #expect(scrape().value("ledgerd_http_connection_limit_reached_total") == 2)
        for _ in 0..<3 { limit.connectionClosed() }
        #expect(scrape().value("ledgerd_http_connections") == 0)
        #expect(limit.isAcceptingNewConnections())
    }

    /// The options: a limit the hard open-file limit cannot hold is refused at parsing,
    /// naming what would fit; one it can hold is taken as given.
    @Test func theOptionIsHeldToTheOpenFileLimit() throws {
        let hard = try #require(OpenFileLimit.current()?.hard)
        guard hard < ConnectionOptions.ceiling + OpenFileLimit.reserve else { return }  // unlimited here: nothing to exceed
        let room = OpenFileLimit.connectionRoom(limit: hard)
        #expect(throws: (any Error).self) { try ConnectionOptions.parse(["--max-connections", String(room + 1)]) }
        let fits = try ConnectionOptions.parse(["--max-connections", String(max(1, room))])
        if room >= 1 { #expect(try fits.resolved() == room) }
        #expect(try ConnectionOptions.parse([]).resolved() == min(ConnectionOptions.defaultMaximum, room))
    }
}
