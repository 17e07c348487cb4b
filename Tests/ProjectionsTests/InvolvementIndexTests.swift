import Foundation
import Ledger
import PropertyBased
import Testing

@testable import Projections

/// The involvement index (`projection.involvement`) as stored: after catch-ups in random
/// pieces it holds exactly the entries a rebuild writes, one per practitioner and case in the
/// replayed records' `involved`; and a projection of the previous format, which had no such
/// index, is rebuilt with it.
@Suite struct InvolvementIndexTests {
    /// Every key of the index, in order (each value must be empty).
    static func stored(_ projector: Projector) throws -> [[UInt8]] {
        try projector.store.environment.read { txn in
            try txn.withCursor(projector.store.involvement) { cursor in
                var keys: [[UInt8]] = []
                var entry = try cursor.first()
                while let (key, value) = entry {
                    #expect(value.isEmpty)
                    keys.append(Array(key))
                    entry = try cursor.next()
                }
                return keys
            }
        }
    }

    /// The keys a state's records imply, written out here: practitioner, NUL, case.
    static func implied(by state: ProjectionState) -> [[UInt8]] {
        state.cases.values
            .flatMap { record in record.involved.map { Array($0.rawValue.utf8) + [0] + Array(record.caseId.rawValue.utf8) } }
            .sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test func catchUpsInPiecesEqualARebuild() async throws {
        await propertyCheck(
            count: 8, input: Gen.int(in: 1...3), Gen.int(in: 0..<1_000_000), Gen.int(in: 1...300).array(of: 1...6),
            Gen.int(in: 1...64)
        ) { cases, seed, cuts, chunk in
            do {
                let demo = try DemoLedger(cases: cases, seed: UInt64(seed))
                let projector = try Projector(ledger: demo.ledger)
                try demo.appendInPieces(cuts) { _ in try projector.catchUp(chunk: chunk) }
                let incremental = try Self.stored(projector)
                let (replayed, _) = try demo.replayed()
                #expect(incremental == Self.implied(by: replayed), "the index differs from the replayed records' involvement")
                try projector.catchUp(rebuild: true)
                #expect(try Self.stored(projector) == incremental, "a rebuild's index differs from the incremental one")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func aProjectionOfThePreviousFormatIsRebuiltWithTheIndex() throws {
        let demo = try DemoLedger(cases: 2, seed: 9)
        try demo.append(0..<demo.requests.count)
        let projector = try Projector(ledger: demo.ledger)
        try projector.catchUp()
        let built = try Self.stored(projector)
        #expect(!built.isEmpty)
        // As format 2 left it: no involvement index, and records without `involved`.
        try projector.store.environment.write { txn in
            try txn.clear(projector.store.involvement)
            try txn.put(projector.store.meta, ProjectionStore.formatKey, [2])
        }
        #expect(try projector.checkpoint() == .empty, "another format is not read")
        let answer = try ViewQuery(projector: projector).answer(Evaluation(on: CalendarDate(parsing: "2099-01-01")!)) { source in
            try source.visibleCases(.practitioner("nobody"))
        }
        #expect(answer.path == .maintained && answer.result == [])
        #expect(try Self.stored(projector) == built)
        #expect(try DemoLedger.stored(projector).0 == demo.replayed().0)
    }
}
