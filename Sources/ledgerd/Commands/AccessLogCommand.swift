import ArgumentParser
import Ledger
import Projections

/// `ledgerd access-log`: who has seen this child's record, the question a subject access
/// request asks, answered from the daemon's access trail (`DIR/access/`).
///
/// Read-only: nothing but the running daemon's recorder writes to the trail, and nothing
/// edits or deletes it.
struct AccessLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log",
        abstract: "Who has seen which case: every response of the daemon that carried case data.",
        discussion: """
            Each entry: seq, when, the token and the principal it stands for, the route and path, and \
            the cases the response disclosed. Filters combine. --verify recomputes the trail's hash chain \
            and cross-checks its indexes (exit 5 naming the first bad seq). A case the ledger does not \
            know is refused (exit 3, with the nearest case IDs); a ledger no daemon has served yet has \
            no trail: an empty answer, said on stderr.
            """
    )

    @OptionGroup var options: DataOptions

    @Option(name: .customLong("case"), help: ArgumentHelp("Only entries that disclosed this case (with or without case-).", valueName: "id"))
    var caseId: String?

    @Option(help: ArgumentHelp("Only entries of this principal (e.g. practitioner:ID, agency:ID, authority:ID, system:NAME).", valueName: "principal"))
    var principal: String?

    @Option(help: ArgumentHelp("Only entries recorded at or after this moment (RFC 3339, any offset, or a date).", valueName: "timestamp"))
    var since: String?

    @Option(help: ArgumentHelp("Only entries recorded at or before this moment (RFC 3339, any offset, or a date: the whole day).", valueName: "timestamp"))
    var until: String?

    @Option(help: "table, json or csv.")
    var format: ViewFormat = .table

    @Flag(help: "Recompute the trail's hash chain and cross-check its indexes instead of listing it.")
    var verify = false

    @OptionGroup var table: TableOptions

    func validate() throws {
        do throws(QueryValue.Invalid) {
            try AccessLogQuery.period(
                since: try since.map { text throws(QueryValue.Invalid) in try AccessLogQuery.since(text, name: "--since") },
                until: try until.map { text throws(QueryValue.Invalid) in try AccessLogQuery.until(text, name: "--until") },
                names: ("--since", "--until"))
            if let principal { _ = try AccessLogQuery.principal(principal, name: "--principal") }
        } catch {
            throw ValidationError(error.message)
        }
        if verify, caseId != nil || principal != nil || since != nil || until != nil {
            throw ValidationError("--verify checks the whole trail: it takes no filters")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            let asked = try principal.flatMap(Principal.init(parsing:)).map { principal in
                do {
                    try KnownPrincipal.require(principal, ledger: ledger)
                } catch let unknown as ViewRequest.NotFound {
                    throw CLIError(.refused, unknown.description)
                }
                return principal.description
            }
            var query = AccessTrail.Query(
                principal: asked, since: since.flatMap { try? AccessLogQuery.since($0, name: "--since") },
                until: until.flatMap { try? AccessLogQuery.until($0, name: "--until") })
            if let caseId {
                do {
                    query.caseId = try KnownCase.require(caseId, ledger: ledger, query: ViewQuery(projector: try Projector(ledger: ledger)))
                } catch let unknown as ViewRequest.NotFound {
                    throw CLIError(.refused, unknown.description)
                }
            }
            guard AccessTrail.exists(inLedgerAt: options.path) else {
                StandardError.write("ledgerd: no reads recorded yet: \(AccessTrail.path(inLedgerAt: options.path)) does not exist (the daemon creates it)\n")
                return verify ? try Output.say("verified 0 entries") : try print([])
            }
            let trail = try AccessTrail(ledgerPath: options.path)
            if verify { return try check(trail) }
            let entries = try trail.entries(query)
            if entries.isEmpty, try trail.head().seq == 0 { StandardError.write("ledgerd: no reads recorded yet\n") }
            try print(entries)
        }
    }

    private func check(_ trail: AccessTrail) throws {
        do {
            let report = try trail.verify()
            try Output.say("verified \(report.entries) entries; head hash \(report.headHash)")
        } catch let failure as VerificationFailure {
            throw CLIError(.verification, failure.seq > 0 ? "access trail verification failed at \(failure)" : "access trail verification failed: \(failure.reason)")
        } catch LedgerError.corrupt(let what) {
            throw CLIError(.verification, "access trail verification failed: the data file is corrupt: \(what)")
        }
    }

    private func print(_ entries: [AccessEntry]) throws {
        let columns = AccessLogQuery.columns
        let rows = entries.map(AccessLogQuery.row)
        let output = Output(fd: 1)
        switch format {
        case .json:
            try AccessLogQuery.jsonArray(entries).withUnsafeBytes { try output.line($0) }
        case .csv:
            try output.line(CSV.render(header: columns.flatMap(\.csvTitles), rows: rows.map { $0.flatMap(\.values) }))
        case .table:
            try TableOutput.print(columns: columns, cells: rows, options: table)
        }
        try output.flush()
    }
}
