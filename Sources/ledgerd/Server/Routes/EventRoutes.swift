import HTTPTypes
import Hummingbird
import Ledger

/// Reading recorded events: `GET /streams/{stream}` (one stream, in version order) and
/// `GET /events?from=&limit=` (the whole log, in seq order, a page at a time).
///
/// Both return a JSON array of recorded events exactly as stored (canonical JSON including
/// `hash`), so a client can re-verify the chain from what it reads; the cases among them are
/// in the access trail before the response is sent.
enum EventRoutes {
    static let defaultLimit = 1000
    static let maximumLimit = 10_000
    /// Most events one scoped page looks at, admitted or not.
    static let maximumScan = 100_000

    static func add(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/streams/{stream}") { request, context in
            try request.allowingOnly(["fromVersion", "limit"])
            let stream = try context.stream()
            let from = try request.integer("fromVersion", in: 0...Int(Int32.max), default: 0)
            let limit = try request.integer("limit", in: 1...maximumLimit, default: defaultLimit)
            let scope = try daemon.eventScope(context.caller)
            // A stream outside the token's scope is answered as one that does not exist.
            guard try scope.admits(stream: stream.text) else { throw Problem.notFound("stream \(stream) has no events") }
            var events: [[UInt8]] = []
            var version = -1
            // Stops at the page's last event rather than walking the rest of the stream.
            try daemon.ledger.scan(stream: stream) { bytes in
                version += 1
                if version >= from, try scope.admits(bytes) { events.append(Array(bytes)) }
                return events.count < limit
            }
            guard version >= 0 else { throw Problem.notFound("stream \(stream) has no events") }
            // A case's stream is that child's record; the directory's streams are no one's.
            return try await daemon.answer(
                HTTPResponses.eventArray(events), disclosing: stream.kind == .case && !events.isEmpty ? [stream.id] : nil, request, context)
        }

        router.get("/events") { request, context in
            try request.allowingOnly(["from", "limit"])
            let from = try request.integer("from", in: 1...Int.max, default: 1)
            let limit = try request.integer("limit", in: 1...maximumLimit, default: defaultLimit)
            let scope = try daemon.eventScope(context.caller)
            var last: UInt64?
            // A scoped page skips what the token may not read, looking at most `maximumScan`
            // events; the Link header then resumes after the last one looked at.
            let scan = scope.isEverything ? limit : maximumScan
            let events: [[UInt8]] = try daemon.ledger.environment.read { txn in
                var events: [[UInt8]] = []
                events.reserveCapacity(min(limit, 1024))
                try daemon.ledger.forEachEvent(in: txn, from: UInt64(from), limit: scan) { seq, bytes in
                    last = seq
                    if try scope.admits(bytes) { events.append(Array(bytes)) }
                    return events.count < limit
                }
                return events
            }
            let cases = try Daemon.caseIds(ofStored: events)
            // A full page (or a scan cut short) may have more after it: say where the next one starts.
            var headers: HTTPFields = [:]
            if let last, try events.count == limit || (!scope.isEverything && last < daemon.ledger.lastSeq()) {
                headers[HTTPField.Name("Link")!] = "</events?from=\(last + 1)&limit=\(limit)>; rel=\"next\""
            }
            return try await daemon.answer(
                HTTPResponses.eventArray(events, headers: headers), disclosing: cases.isEmpty ? nil : cases, request, context)
        }
    }
}
