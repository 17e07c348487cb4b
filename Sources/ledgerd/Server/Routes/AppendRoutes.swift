import Hummingbird
import Ledger

/// `POST /streams/{stream}`: one append request, or an array of them as one atomic batch.
///
/// Each request is the contract's append request (DOMAIN.md); its `stream` may be left out,
/// and if given must be the path's. `201` with `{eventId, seq, version}` (an array for an
/// array) once durable; `200` with the original positions (and `"duplicate":true`) when the
/// whole request is an identical retry; otherwise problem details, and nothing appended
/// (among them `503` with `Retry-After` when the writer's queue is full).
enum AppendRoutes {
    /// Largest request body: a batch of up to `maximumBatch` events of typical size.
    static let maximumBodySize = 16 << 20
    /// Most events in one batch; bounds one transaction's size and latency.
    static let maximumBatch = 10_000

    static func add(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.post("/streams/{stream}") { request, context in
            try await append(request, context: context, daemon: daemon)
        }
    }

    /// Appends, counting every refusal in `ledgerd_refused_appends_total` by its reason (the
    /// problem's slug).
    static func append(_ request: Request, context: LedgerRequestContext, daemon: Daemon) async throws -> Response {
        do {
            return try await appendUncounted(request, context: context, daemon: daemon)
        } catch {
            // Counted, not logged: under overload a line per refusal would add to the load.
            daemon.metrics.refusedAppends(refusalReason(error)).increment()
            throw error
        }
    }

    /// The reason a refusal is counted under: the slug of the problem details the client gets.
    static func refusalReason(_ error: any Error) -> String {
        switch error {
        case let problem as Problem: problem.slug
        case let error as any HTTPResponseError: "http-\(error.status.code)"  // as ProblemMiddleware names it
        default: "storage"
        }
    }

    private static func appendUncounted(_ request: Request, context: LedgerRequestContext, daemon: Daemon) async throws -> Response {
        try request.allowingOnly([])
        let stream = try context.stream()
        let body = try decode(try await request.body.collect(upTo: maximumBodySize), stream: stream)
        let batch = body.requests
        guard let caller = context.caller, let recordedBy = caller.principal.recordedBy else {
            throw Problem.notYours("only a practitioner's or a system's token appends", field: "actor")
        }
        try checkAuthorship(batch, caller: caller)
        daemon.metrics.batchSize.record(Int64(batch.count))
        let outcomes: [AppendOutcome]
        do {
            outcomes = try await daemon.committer.append(batch, recordedBy: recordedBy)
        } catch let failure as AppendFailure {
            throw Problem(failure)
        } catch is GroupCommitter.Overloaded {
            throw Problem.overloaded
        } catch is CancellationError {
            throw Problem.shuttingDown
        } catch LedgerError.noSpace(let path) {
            throw Problem.noSpace("nothing was appended: no space left on device: \(path)")
        } catch {
            throw Problem.storage("\(error)")
        }
        let status: HTTPResponse.Status = outcomes.allSatisfy(\.duplicate) ? .ok : .created
        let lines = outcomes.map { Array($0.jsonLine.utf8) }
        let bytes = body.isBatch ? [UInt8(ascii: "[")] + Array(lines.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")] : lines[0]
        return HTTPResponses.json(bytes, status: status)
    }

    /// Authenticated authorship: a practitioner's token appends only as that practitioner; a
    /// writer (a case system) as any practitioner (the append rules check they are
    /// registered) or as its own `system:NAME`. Refused (403, naming `actor` and the event)
    /// before anything is appended.
    static func checkAuthorship(_ batch: [AppendRequest], caller: Caller) throws {
        for (index, request) in batch.enumerated() {
            let allowed: Bool
            switch caller.principal {
            case .practitioner(let id): allowed = request.actor == id
            case .system(let name): allowed = caller.role == .writer && (!request.actor.hasPrefix("system:") || request.actor == "system:" + name)
            case .agency, .authority: allowed = false
            }
            guard allowed else {
                let expected =
                    switch caller.principal {
                    case .practitioner(let id): "\(id), the token's practitioner"
                    case .system(let name): "a registered practitioner or system:\(name)"
                    case .agency, .authority: "nobody: this token does not append"
                    }
                throw Problem.notYours(
                    "event \(request.eventIdText): actor is \(request.actor), but \(caller.tokenId) (\(caller.principal)) may record only \(expected)",
                    field: "actor", extensions: [("index", .number(Double(index))), ("eventId", .string(request.eventIdText))])
            }
        }
    }

    /// The body's requests, read by `AppendRequest.decodeBody` (one request or a batch,
    /// `stream` taken from the path); a refusal is its problem details (400, or 422 for a rule
    /// the API document cannot state), naming the event (index, eventId) and the field.
    static func decode(_ body: ByteBuffer, stream: StreamName) throws(Problem) -> AppendBody {
        do {
            // Untyped closure: Swift 6.3 crashes compiling typed-throws closures passed to
            // `withUnsafe…Bytes`; the only error it can carry is `AppendBodyFailure`.
            return try body.withUnsafeReadableBytes { bytes throws -> AppendBody in
                try AppendRequest.decodeBody(bytes, postedTo: stream, maximumBatch: maximumBatch)
            }
        } catch let failure as AppendBodyFailure {
            throw Problem(failure)
        } catch {
            throw Problem.storage("\(error)")
        }
    }
}
