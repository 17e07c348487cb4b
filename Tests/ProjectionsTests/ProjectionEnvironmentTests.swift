import Foundation
import Ledger
import Projections
import Testing

/// The projections live in an LMDB environment of their own beside the log's, so their
/// commits never take the log's writer lock; these tests pin down what that separation must
/// not cost: a projection that does not match its log is refused, and one that lost its last
/// commits (a power loss) picks up where its checkpoint says.
@Suite struct ProjectionEnvironmentTests {
    private static let farFuture = Evaluation(on: CalendarDate(parsing: "2099-01-01")!)

    @Test func projectionsAreKeptBesideTheLogNotInIt() throws {
        let demo = try DemoLedger(cases: 2, seed: 11)
        try demo.append(0..<demo.requests.count)
        let projector = try Projector(ledger: demo.ledger)
        try projector.catchUp()
        #expect(projector.store.environment.path == demo.path + "/projections")
        #expect(FileManager.default.fileExists(atPath: demo.path + "/projections/data.mdb"))
        for name in ["projection.meta", "projection.cases", "projection.openActions", "projection.involvement"] {
            #expect(try !demo.ledger.environment.hasDatabase(name), "\(name) is in the log's environment")
            #expect(try projector.store.environment.hasDatabase(name))
        }
        #expect(try projector.checkpoint().seq == UInt64(demo.requests.count))
        // Every projector of one ledger shares the one environment (LMDB allows one per process).
        #expect(try Projector(ledger: demo.ledger).store.environment === projector.store.environment)
    }

    /// A data directory from before the move kept the projections in the log's environment:
    /// they are dropped, and the projection is built afresh beside the log.
    @Test func projectionsLeftInTheLogsEnvironmentAreDropped() throws {
        let demo = try DemoLedger(cases: 1, seed: 5)
        try demo.append(0..<demo.requests.count)
        let legacy = try demo.ledger.environment.openDatabase("projection.cases")
        try demo.ledger.environment.write { txn in try txn.put(legacy, Array("case-1".utf8), [1, 2, 3]) }
        #expect(try demo.ledger.environment.hasDatabase("projection.cases"))

        let projector = try Projector(ledger: demo.ledger)
        #expect(try !demo.ledger.environment.hasDatabase("projection.cases"))
        try projector.catchUp()
        #expect(try DemoLedger.stored(projector).0 == demo.replayed().0)
    }

    /// A projection ahead of its log (the log restored from an older backup, the projections
    /// not) describes events the log does not hold: views and catch-up refuse it.
    @Test func aProjectionAheadOfTheLogIsRefused() throws {
        let full = try DemoLedger(cases: 2, seed: 3)
        try full.append(0..<full.requests.count)
        try Projector(ledger: full.ledger).catchUp()

        let restored = try DemoLedger(cases: 2, seed: 3)
        try restored.append(0..<(restored.requests.count / 2))
        try FileManager.default.copyItem(atPath: full.path + "/projections", toPath: restored.path + "/projections")
        let projector = try Projector(ledger: restored.ledger)
        #expect(throws: ProjectionError.self) { try projector.withSnapshot { _, _, _ in 0 } }
        #expect(throws: ProjectionError.self) { try projector.catchUp() }
        #expect(throws: ProjectionError.self) {
            try ViewQuery(projector: projector).answer(Self.farFuture) { _ in 0 }
        }
        // `ledgerd replay` (a rebuild) makes it usable again.
        try projector.catchUp(rebuild: true)
        #expect(try DemoLedger.stored(projector).0 == restored.replayed().0)
    }

    /// A power loss may undo the projections' last commits (they are not flushed for
    /// durability): the projection is then an older one of the same log, and the next
    /// catch-up applies the events after its checkpoint again, once each.
    @Test func aProjectionThatLostItsLastCommitsCatchesUp() throws {
        let demo = try DemoLedger(cases: 3, seed: 9)
        let half = demo.requests.count / 2
        try demo.append(0..<half)
        try Projector(ledger: demo.ledger).catchUp()
        // The projections as they were at `half`, and the log as it is after every event.
        let copy = NSTemporaryDirectory() + "ledgerd-proj-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: demo.path + "/projections", toPath: copy + "/projections")
        try demo.append(half..<demo.requests.count)
        try Projector(ledger: demo.ledger).catchUp()
        try FileManager.default.copyItem(atPath: demo.path + "/data.mdb", toPath: copy + "/data.mdb")

        let projector = try Projector(ledger: try Ledger(path: copy))
        #expect(try projector.checkpoint().seq == UInt64(half))
        let answered = try ViewQuery(projector: projector).answer(Self.farFuture) { source in
            var events = 0
            try source.forEachCase { events += $0.eventCount }
            return events
        }
        #expect(answered.path == .maintained)
        #expect(try projector.checkpoint().seq == UInt64(demo.requests.count))
        #expect(try DemoLedger.stored(projector) == demo.replayed())
        var caseEvents = 0
        for (_, record) in try demo.replayed().0.cases { caseEvents += record.eventCount }
        #expect(answered.result == caseEvents)
    }
}
