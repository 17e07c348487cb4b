import HTTPTypes
import Hummingbird
import Ledger

/// `GET /access-log?case=&principal=&since=&until=&after=&limit=` (auditors): who has seen
/// which child's record, a page at a time in seq order, as
/// `{"entries":[…],"next":SEQ|null}` with each entry exactly as the trail stores it (so the
/// chain can be re-verified from a complete listing).
///
/// Reading the trail discloses the case IDs it lists, so the answer is itself recorded
/// before it is sent. Nothing over HTTP writes to the trail otherwise, or edits it.
enum AccessLogRoute {
    static let defaultLimit = 1000
    static let maximumLimit = 10_000

    static func add(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/access-log") { request, context in
            try request.allowingOnly(["case", "principal", "since", "until", "after", "limit"])
            guard let trail = daemon.accessRecorder?.trail else {
                throw Problem.notFound("this daemon keeps no access trail (it was started with --no-access-trail)")
            }
            var query = AccessTrail.Query(
                after: UInt64(try request.integer("after", in: 0...Int(Int64.max), default: 0)),
                limit: try request.integer("limit", in: 1...maximumLimit, default: defaultLimit))
            do throws(QueryValue.Invalid) {
                query.since = try request.query("since").map { text throws(QueryValue.Invalid) in try AccessLogQuery.since(text, name: "since") }
                query.until = try request.query("until").map { text throws(QueryValue.Invalid) in try AccessLogQuery.until(text, name: "until") }
                query.principal = try request.query("principal").map { text throws(QueryValue.Invalid) in
                    try AccessLogQuery.principal(text, name: "principal")
                }
            } catch {
                let field = ["since", "until", "principal"].first { error.message.hasPrefix($0) } ?? "since"
                throw Problem.badRequest(error.message, field: field)
            }
            // Each valid by the API document, but together an empty period: 422, as `from`
            // after `to` of a consistency proof, not a malformed value.
            do throws(QueryValue.Invalid) {
                try AccessLogQuery.period(since: query.since, until: query.until, names: ("since", "until"))
            } catch {
                throw Problem.unprocessable(error.message, field: "since")
            }
            if let principal = query.principal.flatMap(Principal.init(parsing:)) {
                let ledger = daemon.ledger
                do {
                    try await daemon.offload { try KnownPrincipal.require(principal, ledger: ledger) }
                } catch let unknown as ViewRequest.NotFound {
                    throw Problem.notFound(unknown.description)
                }
            }
            if let caseId = request.query("case") {
                let ledger = daemon.ledger
                let viewQuery = daemon.viewQuery
                do {
                    query.caseId = try await daemon.offload { try KnownCase.require(caseId, ledger: ledger, query: viewQuery) }
                } catch let unknown as ViewRequest.NotFound {
                    throw Problem.notFound(unknown.description)
                }
            }
            let asked = query
            let entries = try await daemon.offload { try trail.entries(asked) }
            let next: String = entries.count == query.limit ? entries.last.map { String($0.seq) } ?? "null" : "null"
            var body = Array(#"{"entries":"#.utf8)
            body += AccessLogQuery.jsonArray(entries)
            body += Array(#","next":\#(next)}"#.utf8)
            return try await daemon.answer(
                HTTPResponses.json(body, headers: [.cacheControl: "no-store"]), disclosing: entries.flatMap(\.cases), request, context)
        }
    }
}
