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
    case caseload(agencyId: AgencyID?, practitionerId: PractitionerID?)
    case flags(CaseFlag?)
    case caseState(caseId: CaseID)
    case accountability(AccountabilityView.Subject)
    case annexA(inspectionDate: CalendarDate)

    /// A subject the view is about does not exist on the evaluation date (CLI: refused; HTTP: 404).
    struct NotFound: Error, CustomStringConvertible {
        var description: String
    }

    /// Builds the view over `source`, as the ledger stood on `evaluation`. A filter naming
    /// an agency, practitioner or case the ledger does not know is `NotFound`, never an
    /// empty view: "nothing overdue" must mean there is nothing, not a typing mistake.
    func make(source: any ViewSource, evaluation: Evaluation) throws -> any ViewOutput {
        let on = evaluation.on
        try checkFilters(source, evaluation)
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
            guard let record = try source.caseRecord(caseId) else { throw try Self.unknownCase(caseId, source, evaluation) }
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

    /// Throws `NotFound` for a filter's agency, practitioner or case unknown on the evaluation date.
    private func checkFilters(_ source: any ViewSource, _ evaluation: Evaluation) throws {
        var agencyId: AgencyID?
        var practitionerId: PractitionerID?
        var caseId: CaseID?
        switch self {
        case .overdue(let filter): (agencyId, practitionerId, caseId) = (filter.agencyId, filter.practitionerId, filter.caseId)
        case .caseload(let agency, let practitioner): (agencyId, practitionerId) = (agency, practitioner)
        default: return
        }
        let directory = source.directory
        let when = Self.when(evaluation)
        let scope = source.scope
        if let agencyId, directory.agencies[agencyId] == nil {
            let near = Suggestions.phrase(Suggestions.closest(to: agencyId.rawValue, among: directory.agencies.keys.lazy.map(\.rawValue)))
            throw NotFound(description: "no agency \(agencyId) \(when)\(near)")
        }
        // A filter outside the caller's scope would answer an empty view, which reads as
        // "nothing there": it is an error instead, naming the scope.
        if let agencyId, !scope.includes(agency: agencyId, in: directory) {
            throw NotFound(description: "agency \(agencyId) is outside this token's scope (\(scope))")
        }
        if let practitionerId, directory.practitioners[practitionerId] == nil {
            let near = Suggestions.phrase(
                Suggestions.closest(to: practitionerId.rawValue, among: directory.practitioners.keys.lazy.map(\.rawValue)))
            throw NotFound(description: "no practitioner \(practitionerId) \(when)\(near)")
        }
        if let practitionerId, !scope.includes(practitioner: practitionerId, in: directory) {
            throw NotFound(description: "practitioner \(practitionerId) is outside this token's scope (\(scope))")
        }
        if let caseId, try source.caseRecord(caseId) == nil { throw try Self.unknownCase(caseId, source, evaluation) }
    }

    /// "on DATE" or "on DATE as known at T".
    private static func when(_ evaluation: Evaluation) -> String {
        "on \(evaluation.on)" + (evaluation.knownAt.map { " as known at \($0)" } ?? "")
    }

    /// `NotFound` for a case, with the nearest case IDs (a walk of every case ID: the error path only).
    private static func unknownCase(_ caseId: CaseID, _ source: any ViewSource, _ evaluation: Evaluation) throws -> NotFound {
        let near = try Suggestions.nearestCases(to: caseId.rawValue, in: source)
        return NotFound(description: "no case \(caseId) \(when(evaluation))\(near)")
    }

    /// Answers the request from the maintained projection or, for the past, by replay, seen
    /// within `scope` (a token's; the CLI's operator sees everything).
    func answer(_ evaluation: Evaluation, with query: ViewQuery, scope: CaseScope = .everything) throws -> any ViewOutput {
        try query.answer(evaluation, scope: scope) { source in try make(source: source, evaluation: evaluation) }.result
    }

    /// A case ID as users type it, with or without the stream's `case-` prefix.
    static func bareCaseId(_ id: String) -> String {
        id.hasPrefix(StreamKind.case.prefix) ? String(id.dropFirst(StreamKind.case.prefix.count)) : id
    }

    /// `bareCaseId(id)` as the case's typed ID: what the views take.
    static func caseId(typed id: String) -> CaseID {
        CaseID(rawValue: bareCaseId(id))
    }
}
