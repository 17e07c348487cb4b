import Ledger
import Projections

/// A view asked for by name and parameters.
///
/// The CLI's view commands and the HTTP API both describe what they want as a `ViewRequest`
/// and answer it through `answer(_:with:)`, so `ledgerd overdue --format json` and
/// `GET /views/overdue` are the same code and give the same bytes.
enum ViewRequest: Sendable {
    case overdue(OverdueActionsView.Filter)
    case reviews
    case unled
    case caseload(agencyId: String?, practitionerId: String?)
    case flags(CaseFlag?)
    case caseState(caseId: String)
    case accountability(AccountabilityView.Subject)
    case annexA(inspectionDate: CalendarDate)

    /// A subject the view is about does not exist on the evaluation date (CLI: refused; HTTP: 404).
    struct NotFound: Error, CustomStringConvertible {
        var description: String
    }

    /// Builds the view over `source`, as the ledger stood on `evaluation`.
    func make(source: any ViewSource, evaluation: Evaluation) throws -> any ViewOutput {
        let on = evaluation.on
        switch self {
        case .overdue(let filter):
            return try OverdueActionsView(source: source, on: on, filter: filter)
        case .reviews:
            return try OverdueReviewsView(source: source, on: on)
        case .unled:
            return try UnledCasesView(source: source, on: on)
        case .caseload(let agencyId, let practitionerId):
            return try CaseloadView(source: source, on: on, agencyId: agencyId, practitionerId: practitionerId)
        case .flags(let flag):
            return try FlagsView(source: source, on: on, only: flag)
        case .caseState(let caseId):
            guard let record = try source.caseRecord(caseId) else {
                let known = evaluation.knownAt.map { " as known at \($0)" } ?? ""
                throw NotFound(description: "no case \(caseId) on \(on)\(known)")
            }
            return CaseView(record: record, directory: source.directory, on: on)
        case .accountability(let subject):
            do {
                return try AccountabilityView(source: source, subject: subject, on: on)
            } catch let failure as AccountabilityView.Failure {
                throw NotFound(description: failure.description)
            }
        case .annexA(let inspectionDate):
            return try AnnexAList(source: source, inspectionDate: inspectionDate)
        }
    }

    /// Answers the request from the maintained projection or, for the past, by replay.
    func answer(_ evaluation: Evaluation, with query: ViewQuery) throws -> any ViewOutput {
        try query.answer(evaluation) { source in try make(source: source, evaluation: evaluation) }.result
    }

    /// A case ID as users type it, with or without the stream's `case-` prefix.
    static func bareCaseId(_ id: String) -> String {
        id.hasPrefix(StreamKind.case.prefix) ? String(id.dropFirst(StreamKind.case.prefix.count)) : id
    }
}
