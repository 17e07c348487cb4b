import Foundation
import HTTPTypes
import Hummingbird
import Ledger
import ServiceLifecycle

/// `GET /events/live`: the event stream as Server-Sent Events.
///
/// It starts after `Last-Event-ID: N` (a reconnect resumes at N+1), else at `?from=SEQ`
/// (inclusive), else with the next event appended. `Last-Event-ID` wins over `from`
/// because an EventSource reconnects to the same URL and adds the header. Optional
/// filters: `?stream=PREFIX`, `?type=A,B`; `id:` is always the event's seq, so resuming a
/// filtered stream neither skips nor repeats.
enum LiveTailRoute {
    static func add(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/events/live") { request, context in
            try request.allowingOnly(["from", "stream", "type"], repeatable: ["type"])
            let from = try startingSeq(request) { try daemon.ledger.lastSeq() }
            let filter = try EventFilter(
                streamPrefix: request.query("stream"), types: request.uri.queryParameters.getAll("type").map { String($0) },
                scope: try daemon.eventScope(context.caller))
            let headers: HTTPFields = [
                .contentType: "text/event-stream", .cacheControl: "no-cache",
                // Asks reverse proxies (nginx) not to buffer the stream.
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ]
            let tail = LiveTail(ledger: daemon.ledger, head: daemon.head, filter: filter, from: from)
            let disclosing = try daemon.disclosing(request, context)
            let body = ResponseBody { writer in
                let subscribers = daemon.metrics.liveSubscribers
                subscribers.increment()
                defer { subscribers.decrement() }
                // On SIGTERM the daemon waits for open requests: the stream ends then, cleanly
                // (the chunked body is finished), and the client resumes on the next daemon.
                for try await chunk in tail.cancelOnGracefulShutdown() {
                    // Each batch of case events is in the access trail before it is sent; if
                    // it cannot be recorded the stream ends here, without it.
                    if !chunk.cases.isEmpty { try await daemon.disclose(chunk.cases, as: disclosing) }
                    try await writer.write(chunk.frames)
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
    }

    /// Where the stream starts; `head` is read only when neither position is given.
    static func startingSeq(_ request: Request, head: () throws -> UInt64) throws -> UInt64 {
        // Checked even when `Last-Event-ID` wins: a malformed `from` is an error whatever else
        // the request says (a reconnect repeats the URL it first asked, which was valid).
        let from = request.query("from") == nil ? nil : UInt64(try request.integer("from", in: 1...Int.max, default: 1))
        if let header = request.headers[HTTPField.Name("Last-Event-ID")!] {
            // Bounded like `from`, so the `+ 1` below cannot overflow.
            guard let last = UInt64(header.trimmingCharacters(in: .whitespaces)), last < UInt64(Int.max) else {
                throw Problem.badRequest("Last-Event-ID: \(header) is not a seq (0 to \(Int.max - 1))", field: "Last-Event-ID")
            }
            return last + 1
        }
        if let from { return from }
        return try head() + 1
    }
}
