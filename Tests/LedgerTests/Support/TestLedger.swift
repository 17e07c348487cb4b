import Foundation
import Ledger
import Testing

/// A ledger in a temporary directory with the fixture's directory already appended.
final class TestLedger {
    let directory = TemporaryDirectory()
    var fixture = Fixture()
    private(set) var ledger: Ledger!

    init(mapSize: Int = 64 << 20, seedDirectory: Bool = true) throws {
        ledger = try Ledger(path: directory.path, mapSize: mapSize)
        if seedDirectory {
            let outcomes = try ledger.append(try fixture.directory())
            try #require(outcomes.map(\.seq) == Array(1...7), "the directory fixture must start an empty ledger")
        }
    }

    deinit {
        ledger = nil
        directory.remove()
    }

    /// Closes and reopens the environment, as a restart would.
    func reopen() throws {
        ledger = nil
        ledger = try Ledger(path: directory.path)
    }

    @discardableResult
    func append(_ requests: AppendRequest...) throws -> [AppendOutcome] {
        try ledger.append(requests)
    }

    /// The error an append fails with, or nil if it succeeded.
    func failure(_ requests: AppendRequest...) -> AppendFailure? {
        do {
            try ledger.append(requests)
            return nil
        } catch {
            return error
        }
    }
}
