import Hummingbird
import Ledger

/// How a route that carries case data records what it discloses in the access trail before
/// its response leaves: the caller, the route, and the cases, durably (group-committed). If
/// the trail cannot record it the route throws, so the client gets a problem, never the data.
extension Daemon {
    /// Records that the response to `request` discloses `cases` (case IDs, repeats allowed).
    /// With the trail switched off (`serve --no-access-trail`, benchmarks only) does nothing.
    func disclose(_ cases: [String], _ request: Request, _ context: LedgerRequestContext) async throws {
        try await disclose(cases, as: try disclosing(request, context))
    }

    /// `response`, which discloses `cases`, ready to send: its memory reserved until its
    /// client has read it (`ResponseMemory`; refused with 503 `answers-busy` when slow
    /// clients already hold the budget, nothing recorded), then its disclosure recorded (nil:
    /// it carries no case data; an empty list is still recorded, as a view that names no case
    /// is). Every route whose answer can be large returns through here.
    func answer(
        _ response: Response, disclosing cases: [String]?, _ request: Request, _ context: LedgerRequestContext
    ) async throws -> Response {
        guard let reservation = responses.reserve(response.body.contentLength ?? 0) else {
            throw Problem.answersBusy(held: responses.heldBytes, budget: responses.budget)
        }
        if let cases { try await disclose(cases, request, context) }
        // A small answer reserved nothing: it goes as it is, its body not wrapped.
        return reservation.counts ? response.holding(reservation) : response
    }

    /// Who asks and by which route: a disclosure of no cases yet, for a response that
    /// discloses as it goes (the live tail).
    func disclosing(_ request: Request, _ context: LedgerRequestContext) throws -> Disclosure {
        guard let caller = context.caller else {
            // Every route that discloses sits behind `AccessMiddleware`; one that did not would
            // be a bug, and its data is not sent.
            throw Problem.trailFailed("a response without an authenticated caller cannot be recorded")
        }
        return Disclosure(
            tokenId: caller.tokenId, principal: caller.principal.description,
            route: "\(request.method) \(context.endpointPath ?? request.uri.path)", path: request.uri.description, cases: [])
    }

    /// Records `cases` as disclosed by `request`'s caller and route, durably, before returning.
    func disclose(_ cases: [String], as request: Disclosure) async throws {
        guard let recorder = accessRecorder else { return }
        var disclosure = request
        disclosure.cases = cases
        do {
            _ = try await recorder.record(disclosure)
            metrics.disclosures.increment()
        } catch let error as LedgerError {
            if case .noSpace = error {
                throw Problem.noSpace("the access trail cannot record this read, so it is not answered: \(error)")
            }
            throw Problem.trailFailed("\(error)")
        } catch is AccessRecorder.Overloaded {
            throw Problem.trailBusy
        } catch let stopped as AccessRecorder.Stopped {
            throw Problem.trailFailed(stopped.description)
        } catch let refused as AccessTrail.Refused {
            throw Problem.trailFailed(refused.description)
        }
    }

    /// The case IDs of case-stream events among stored events (others disclose no case).
    static func caseIds(ofStored events: [[UInt8]]) throws -> [String] {
        try events.compactMap { event in try event.withUnsafeBytes { try RecordedEvent.caseId(ofStored: $0) } }
    }
}

extension Problem {
    /// The trail's queue is full: nothing was disclosed; retry shortly.
    static let trailBusy = Problem(
        status: .serviceUnavailable, slug: "access-trail-busy", title: "The access trail is behind",
        detail: "every read of case data is recorded before it is answered, and too many are waiting; retry shortly",
        headers: [.retryAfter: "1"])

    /// The trail could not record the read, so it is not answered.
    static func trailFailed(_ detail: String) -> Problem {
        Problem(
            status: .serviceUnavailable, slug: "access-trail-failed", title: "The access trail cannot record this read",
            detail: "the read is not answered unless it is recorded: \(detail)", headers: [.retryAfter: "30"])
    }
}
