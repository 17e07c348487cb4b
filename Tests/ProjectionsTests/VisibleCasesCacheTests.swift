import Ledger
import Testing

@testable import Projections

/// A scope's visible cases are computed once per projection checkpoint: the same checkpoint
/// answers from the cache, a new one (or another scope) computes again.
@Suite struct VisibleCasesCacheTests {
    @Test func eachScopeIsComputedOncePerCheckpoint() throws {
        let cache = VisibleCasesCache()
        var computed = 0
        func ask(_ scope: CaseScope, _ seq: UInt64, _ answer: Set<CaseID>?) throws -> Set<CaseID>? {
            let checkpoint = ProjectionCheckpoint(
                seq: seq, hash: String(seq), latestOccurredAt: Timestamp(microseconds: 0), latestRecordedAt: Timestamp(microseconds: 0))
            return try cache.visible(scope, at: checkpoint) {
                computed += 1
                return answer
            }
        }
        #expect(try ask(.agency("a"), 5, ["c1"]) == ["c1"])
        #expect(try ask(.agency("a"), 5, ["other"]) == ["c1"], "the same checkpoint answers from the cache")
        #expect(computed == 1)
        #expect(try ask(.agency("b"), 5, nil) == nil && computed == 2, "each scope its own")
        #expect(try ask(.agency("a"), 6, ["c1", "c2"]) == ["c1", "c2"] && computed == 3, "a new checkpoint computes again")
        #expect(try ask(.agency("b"), 5, ["x"]) == nil && computed == 3)
    }
}
