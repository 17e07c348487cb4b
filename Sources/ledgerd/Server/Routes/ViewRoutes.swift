import Hummingbird
import Ledger
import Projections

/// The managers' and auditors' views over HTTP, with the CLI's parameters (`on`,
/// `knownAt`, filters) and, byte for byte, the CLI's `--format json` output (`?format=csv`
/// gives its CSV).
///
/// `/views/overdue?agency=&practitioner=&case=`, `/views/reviews`, `/views/unled`,
/// `/views/caseload?agency=&practitioner=`, `/views/flags?flag=`,
/// `/accountability/cases/{id}`, `/accountability/actions/{caseId}/{actionId}`,
/// `/accountability/practitioners/{id}`, `/exports/annex-a?inspectionDate=`.
enum ViewRoutes {
    static func add(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/views/overdue") { request, context in
            try await answer(
                .overdue(
                    OverdueActionsView.Filter(
                        agencyId: try request.identifier(query: "agency").map(AgencyID.init(rawValue:)),
                        practitionerId: try request.identifier(query: "practitioner").map(PractitionerID.init(rawValue:)),
                        caseId: try request.identifier(query: "case", allowingCasePrefix: true).map(ViewRequest.caseId(typed:)))),
                request, context, daemon, parameters: ["agency", "practitioner", "case"])
        }
        router.get("/views/reviews") { request, context in try await answer(.reviews, request, context, daemon) }
        router.get("/views/unled") { request, context in try await answer(.unled, request, context, daemon) }
        router.get("/views/caseload") { request, context in
            try await answer(
                .caseload(
                    agencyId: try request.identifier(query: "agency").map(AgencyID.init(rawValue:)),
                    practitionerId: try request.identifier(query: "practitioner").map(PractitionerID.init(rawValue:))),
                request, context, daemon, parameters: ["agency", "practitioner"])
        }
        router.get("/views/flags") { request, context in
            var flag: CaseFlag?
            if let text = request.query("flag") {
                guard let known = CaseFlag(rawValue: text) else {
                    let names = CaseFlag.allCases.map(\.rawValue).joined(separator: ", ")
                    throw Problem.badRequest("flag=\(text) is not one of \(names)", field: "flag")
                }
                flag = known
            }
            return try await answer(.flags(flag), request, context, daemon, parameters: ["flag"])
        }
        router.get("/accountability/cases/{caseId}") { request, context in
            try await answer(.accountability(.case(CaseID(rawValue: try caseId(context)))), request, context, daemon)
        }
        router.get("/accountability/actions/{caseId}/{actionId}") { request, context in
            let actionId = ActionID(rawValue: try identifier(context, "actionId"))
            let caseId = CaseID(rawValue: try caseId(context))
            return try await answer(.accountability(.action(caseId: caseId, actionId: actionId)), request, context, daemon)
        }
        router.get("/accountability/practitioners/{practitionerId}") { request, context in
            let practitionerId = PractitionerID(rawValue: try identifier(context, "practitionerId"))
            return try await answer(.accountability(.practitioner(practitionerId)), request, context, daemon)
        }
        router.get("/exports/annex-a") { request, context in
            guard let text = request.query("inspectionDate") else {
                throw Problem.badRequest("inspectionDate (YYYY-MM-DD) is required", field: "inspectionDate")
            }
            let date = try request.date(text, name: "inspectionDate")
            return try await answer(try annexA(date, request), request, context, daemon, defaultOn: date, parameters: ["inspectionDate"])
        }
    }

    /// Annex A for `inspectionDate`, unless `on` is before its window, where it has no answer
    /// (an empty list would read as "none started"): 422 naming `on`.
    private static func annexA(_ inspectionDate: CalendarDate, _ request: Request) throws -> ViewRequest {
        if let on = try request.evaluation().on, let why = AnnexAList.unanswerable(inspectionDate: inspectionDate, on: on) {
            throw Problem.unprocessable("on=\(why)", field: "on")
        }
        return .annexA(inspectionDate: inspectionDate)
    }

    /// `/cases/{caseId}`: a case's whole state, as `ledgerd case ID --format json`.
    static func addCases(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/cases/{caseId}") { request, context in
            try await answer(.caseState(caseId: CaseID(rawValue: try caseId(context))), request, context, daemon)
        }
    }

    /// Answers `view` as of the request's `on` and `knownAt`, off the cooperative pool, once
    /// the access trail holds the cases it shows (every view is recorded: even one that names
    /// no case is drawn from case data). Every view takes `on`, `knownAt` and `format`;
    /// `parameters` are the view's own.
    static func answer(
        _ view: @autoclosure () throws -> ViewRequest, _ request: Request, _ context: LedgerRequestContext, _ daemon: Daemon,
        defaultOn: CalendarDate? = nil, parameters: Set<String> = []
    ) async throws -> Response {
        // The parameters' names first, then their values: `?agncy=x` is named as unknown.
        try request.allowingOnly(parameters.union(["on", "knownAt", "format"]))
        let view = try view()
        let when = try request.evaluation(defaultOn: defaultOn)
        let csv: Bool
        switch request.query("format") ?? "json" {
        case "json": csv = false
        case "csv": csv = true
        case let other: throw Problem.badRequest("format=\(other) is not json or csv", field: "format")
        }
        let query = daemon.viewQuery
        // Within the caller's scope: what it may not see is absent, as if it did not exist.
        let scope = context.caller?.caseScope ?? .everything
        let (response, cases): (Response, [String])
        // A question about the past may replay the log: off Dispatch's pool, under the limit.
        let aboutThePast = when.knownAt != nil || when.on.map { $0 < Ledger.systemClock().date } == true
        do {
            (response, cases) = try await daemon.offload(aboutThePast: aboutThePast) {
                let evaluation = Evaluation(on: when.on ?? Ledger.systemClock().date, knownAt: when.knownAt)
                let output = try view.answer(evaluation, with: query, scope: scope)
                guard csv else { return (HTTPResponses.json(output.jsonBytes), output.caseIds) }
                let text = CSV.render(output) + "\n"
                let response = Response(
                    status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
                return (response, output.caseIds)
            }
        } catch let error as ViewRequest.NotFound {
            throw Problem.notFound(error.description)
        }
        return try await daemon.answer(response, disclosing: cases, request, context)
    }

    /// The `{caseId}` path parameter, with or without `case-`.
    static func caseId(_ context: LedgerRequestContext) throws -> String {
        ViewRequest.bareCaseId(try identifier(context, "caseId", allowingCasePrefix: true))
    }

    /// A path parameter that must be an ID of the contract (`[A-Za-z0-9._-]{1,64}`).
    static func identifier(_ context: LedgerRequestContext, _ name: String, allowingCasePrefix: Bool = false) throws -> String {
        let text = try context.parameters.require(name)
        return try HTTPResponses.identifier(text, shown: text, field: name, allowingCasePrefix: allowingCasePrefix)
    }
}
