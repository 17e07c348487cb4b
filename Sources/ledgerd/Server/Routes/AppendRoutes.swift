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
        let body = try await request.body.collect(upTo: maximumBodySize)
        let (batch, isArray) = try parse(Array(buffer: body), stream: stream)
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
        let bytes = isArray ? [UInt8(ascii: "[")] + Array(lines.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")] : lines[0]
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

    /// The body's requests, validated against the contract; throws a 400 naming the event
    /// (index, eventId) and the field.
    static func parse(_ body: [UInt8], stream: StreamName) throws -> (requests: [AppendRequest], isArray: Bool) {
        // The usual body, one valid request, is read straight from its bytes; anything else
        // (an array, an invalid request) takes the general path, which names what is wrong.
        if let request = body.withUnsafeBytes({ AppendRequest.decodingDirectly($0, postedTo: stream) }) {
            return ([request], false)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw Problem.badRequest("the body is not JSON: \(error)")
        }
        let items: [JSONValue]
        let isArray: Bool
        switch value {
        case .array(let array):
            guard !array.isEmpty else { throw Problem.badRequest("the batch is empty") }
            guard array.count <= maximumBatch else {
                throw Problem.badRequest("the batch has \(array.count) events; the limit is \(maximumBatch)")
            }
            (items, isArray) = (array, true)
        case .object:
            (items, isArray) = ([value], false)
        default:
            throw Problem.badRequest("the body must be an append request (a JSON object) or an array of them, not \(value.typeName)")
        }
        var requests: [AppendRequest] = []
        requests.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let eventId = item.objectValue?["eventId"]?.stringValue
            func failure(_ field: String, _ problem: String, isBeyondSchema: Bool = false) -> Problem {
                let violation = ContractViolation(field: field, problem: problem, isBeyondSchema: isBeyondSchema)
                return Problem(AppendFailure(index: index, eventId: eventId, error: .invalid(violation)))
            }
            guard var object = item.objectValue else { throw failure("", "an append request is a JSON object, not \(item.typeName)") }
            // The path's stream against the body's: a rule the API document cannot state (422).
            let streamFromPath = object["stream"] == nil
            switch object["stream"] {
            case nil:
                object.members.append(("stream", .string(stream.text)))
            case .string(let given) where given == stream.text:
                break
            case .string(let given):
                throw failure("stream", "is \(given), but the request was posted to \(stream.text)", isBeyondSchema: true)
            case let given?:
                throw failure("stream", "expected a string, got \(given.typeName)")
            }
            do throws(ContractViolation) {
                requests.append(try AppendRequest.validating(.object(object)))
            } catch {
                var violation = error
                // A type on the wrong kind of stream, when the stream is the path's.
                if streamFromPath, violation.field == "stream" { violation.isBeyondSchema = true }
                throw Problem(AppendFailure(index: index, eventId: eventId, error: .invalid(violation)))
            }
        }
        return (requests, isArray)
    }
}
