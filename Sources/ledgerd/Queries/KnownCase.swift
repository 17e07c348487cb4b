import Ledger
import Projections

/// "Whom has this child's record been shown to" asked of a case the ledger does not know is a
/// mistyped ID, not a child no one has seen: refused with the nearest known case IDs, as the
/// views refuse an unknown filter.
enum KnownCase {
    /// Throws `ViewRequest.NotFound` ("no case X; did you mean …") unless the ledger holds
    /// events of `caseId` (given with or without `case-`). Returns the bare ID.
    @discardableResult
    static func require(_ caseId: String, ledger: Ledger, query: ViewQuery) throws -> String {
        let bare = ViewRequest.bareCaseId(caseId)
        guard let stream = StreamName(parsing: StreamKind.case.prefix + bare) else {
            throw ViewRequest.NotFound(description: "\(caseId) is not a case ID (\(IdentifierRule.pattern))")
        }
        guard try ledger.version(of: stream) < 0 else { return bare }
        // The error path only: a walk of today's cases for the nearest IDs.
        let near = try query.answer(Evaluation(on: query.clock().date, knownAt: nil)) { try Suggestions.nearestCases(to: bare, in: $0) }.result
        throw ViewRequest.NotFound(description: "no case \(bare) in the ledger\(near)")
    }
}
