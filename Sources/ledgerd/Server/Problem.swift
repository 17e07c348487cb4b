import Hummingbird
import Ledger

/// An error response as RFC 9457 problem details (`application/problem+json`).
///
/// Every refusal the API gives is one of these: `title` says what kind of problem it is,
/// `detail` says what exactly was wrong, and the extension members name the event (`index`
/// within the batch, `eventId`) and the `field`, so a client can point at its own input.
struct Problem: HTTPResponseError {
    var status: HTTPResponse.Status
    var slug: String
    var title: String
    var detail: String
    /// Extension members, in order.
    var extensions: [(key: String, value: JSONValue)] = []
    /// Extra response headers (e.g. `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    static let contentType = "application/problem+json"

    /// `type`: a URN naming the kind of problem; stable for clients to branch on.
    var type: String { "urn:ledgerd:problem:" + slug }

    var json: JSONValue {
        .object(
            JSONObject(
                [
                    ("type", .string(type)), ("title", .string(title)), ("status", .number(Double(status.code))),
                    ("detail", .string(detail)),
                ] + extensions))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = Self.contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: CompactJSON.bytes(json) + [0x0A])))
    }
}

extension Problem {
    static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(
            status: .badRequest, slug: "invalid-request", title: "The request is invalid", detail: detail,
            extensions: field.map { [("field", .string($0))] } ?? [])
    }

    /// Well-formed, each parameter within what the API document states, but refused for how
    /// they stand to each other or to the ledger.
    static func unprocessable(_ detail: String, field: String) -> Problem {
        Problem(
            status: .unprocessableContent, slug: "unprocessable", title: "The request cannot be answered", detail: detail,
            extensions: [("field", .string(field))])
    }

        static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, slug: "not-found", title: "Not found", detail: detail)
    }

    static let unauthenticated = Problem(
        status: .unauthorized, slug: "unauthenticated", title: "A bearer token is required",
        detail: "send Authorization: Bearer <token>; `ledgerd token add` creates one",
        headers: [.wwwAuthenticate: #"Bearer realm="ledgerd""#])

    /// The token is not accepted; `detail` says why (unknown or revoked, expired, made before
    /// principals, its practitioner has left).
    static func invalidToken(_ detail: String) -> Problem {
        Problem(
            status: .unauthorized, slug: "invalid-token", title: "The bearer token is not valid", detail: detail,
            headers: [.wwwAuthenticate: #"Bearer realm="ledgerd", error="invalid_token""#])
    }

    /// A request that is the caller's to make only as someone else: a practitioner's token
    /// appending in another practitioner's name.
    static func notYours(_ detail: String, field: String, extensions: [(key: String, value: JSONValue)] = []) -> Problem {
        Problem(
            status: .forbidden, slug: "not-yours", title: "The token may not act for this principal", detail: detail,
            extensions: [("field", .string(field))] + extensions)
    }

    static func forbidden(role: Role, permission: Permission) -> Problem {
        Problem(
            status: .forbidden, slug: "forbidden", title: "The token's role may not do this",
            detail: "a \(role.rawValue) token does not carry the \(permission.rawValue) permission",
            extensions: [("role", .string(role.rawValue)), ("permission", .string(permission.rawValue))])
    }

    static let shuttingDown = Problem(
        status: .serviceUnavailable, slug: "shutting-down", title: "The daemon is stopping",
        detail: "nothing was appended; retry against the restarted daemon")

    /// The group committer's queue is full (`GroupCommitter.Overloaded`): the disk is behind
    /// the appenders. Nothing was appended; the same request may be retried as it is.
    static let overloaded = Problem(
        status: .serviceUnavailable, slug: "overloaded", title: "The ledger is overloaded",
        detail: "nothing was appended: the writer's queue is full; retry the same request after Retry-After seconds",
        headers: [.retryAfter: "1"])

    /// The request needs long work (a replay of the log for an answer about the past, a
    /// verification) and its `WorkLimit` has as many running and waiting as it allows:
    /// `replays-busy`, `verifications-busy`.
    static func busy(_ busy: WorkLimit.Busy) -> Problem {
        Problem(
            status: .serviceUnavailable, slug: "\(busy.name)-busy", title: "Too many \(busy.name) at once",
            detail: "\(busy); retry after Retry-After seconds (other requests are not affected)",
            headers: [.retryAfter: "\(busy.retryAfterSeconds)"])
    }

    /// The disk holding the ledger is full: nothing was appended; reads go on, and the same
    /// request succeeds once space is freed.
    static func noSpace(_ detail: String, extensions: [(key: String, value: JSONValue)] = []) -> Problem {
        Problem(
            status: .init(code: 507, reasonPhrase: "Insufficient Storage"), slug: "insufficient-storage",
            title: "No space left on the ledger's device", detail: detail, extensions: extensions,
            headers: [.retryAfter: "30"])
    }

    /// `GET /verify` found the ledger altered or corrupt: 500, since the server's own data
    /// is what failed, with the first bad seq (0 when it is not one event's) and why.
    static func verificationFailed(seq: UInt64, reason: String) -> Problem {
        Problem(
            status: .internalServerError, slug: "verification-failed", title: "The ledger failed verification",
            detail: seq > 0 ? "seq \(seq): \(reason)" : reason,
            extensions: [("verified", .bool(false)), ("seq", .number(Double(seq))), ("reason", .string(reason))])
    }

    /// The ledger verified, but does not hold the prefix the auditor's digest names.
    static func digestNotHeld(seq: UInt64, reason: String) -> Problem {
        Problem(
            status: .conflict, slug: "digest-not-held", title: "The ledger does not hold the digest's prefix",
            detail: "seq \(seq): \(reason)",
            extensions: [("verified", .bool(false)), ("seq", .number(Double(seq))), ("reason", .string(reason))])
    }

    static func storage(_ detail: String) -> Problem {
        Problem(status: .internalServerError, slug: "storage", title: "Storage failed", detail: detail)
    }

    /// A refused append: 400 (breaks the contract as the API document states it), 409
    /// (expectedVersion), 422 (a ledger rule, or a contract rule the document cannot state),
    /// 500 (storage). Nothing of the batch was appended.
    init(_ failure: AppendFailure) {
        var extensions: [(key: String, value: JSONValue)] = [("index", .number(Double(failure.index)))]
        if let eventId = failure.eventId { extensions.append(("eventId", .string(eventId))) }
        let event = failure.eventId.map { "event \($0)" } ?? "event #\(failure.index + 1)"
        switch failure.error {
        case .invalid(let violation) where violation.isBeyondSchema:
            // Valid by the API document, refused by a rule it cannot state: as a ledger rule.
            if !violation.field.isEmpty { extensions.append(("field", .string(violation.field))) }
            self.init(
                status: .unprocessableContent, slug: "refused", title: "The ledger refuses the event",
                detail: "\(event): \(violation)", extensions: extensions)
        case .invalid(let violation):
            if !violation.field.isEmpty { extensions.append(("field", .string(violation.field))) }
            self.init(
                status: .badRequest, slug: "invalid-event", title: "The event breaks the contract",
                detail: "\(event): \(violation)", extensions: extensions)
        case .refused(let refusal):
            extensions.append(("field", .string(refusal.field)))
            self.init(
                status: .unprocessableContent, slug: "refused", title: "The ledger refuses the event",
                detail: "\(event): \(refusal)", extensions: extensions)
        case .conflict(let stream, let expected, let actual):
            extensions += [
                ("field", .string("expectedVersion")), ("stream", .string(stream)),
                ("expectedVersion", .number(Double(expected))), ("actualVersion", .number(Double(actual))),
            ]
            self.init(
                status: .conflict, slug: "version-conflict", title: "expectedVersion does not match the stream",
                detail: "\(event): \(stream) is at version \(actual), not \(expected)", extensions: extensions)
        case .noSpace:
            self = Problem.noSpace("\(event): \(failure.error)", extensions: extensions)
        case .storage, .corrupt:
            self.init(
                status: .internalServerError, slug: "storage", title: "Storage failed",
                detail: "\(event): \(failure.error)", extensions: extensions)
        }
    }
}

extension Problem {
    /// A refused append body: the body as a whole (400 invalid-request: not JSON, not a request
    /// or an array of them, an empty or over-long batch), or one of its events (as `init(_:)`
    /// of its `AppendFailure`).
    init(_ failure: AppendBodyFailure) {
        switch failure {
        case .body(let detail): self = .badRequest(detail)
        case .event(let failure): self.init(failure)
        }
    }
}

/// Turns every error a route or Hummingbird throws into problem details, so clients parse one
/// error shape (Hummingbird's own 404, 405 and 413 included).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            let detail = error.body ?? "\(error.status.reasonPhrase): \(request.method) \(request.uri.path)"
            throw Problem(status: error.status, slug: "http-\(error.status.code)", title: error.status.reasonPhrase, detail: detail)
        } catch let error as any HTTPResponseError {
            throw Problem(status: error.status, slug: "http-\(error.status.code)", title: error.status.reasonPhrase, detail: "\(error)")
        } catch let busy as WorkLimit.Busy {
            throw Problem.busy(busy)
        } catch let error as LedgerError {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            if case .noSpace = error { throw Problem.noSpace("\(error)") }
            throw Problem.storage("\(error)")
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            throw Problem.storage("\(error)")
        }
    }
}
