import Ledger

/// A case's recorded events in order, as the ledger held them on a business date and at a
/// moment of knowledge: what `ledgerd history` and `GET /cases/{id}/history` show.
struct CaseHistory {
    /// No event of the case counts: it does not exist, or not yet (CLI: refused; HTTP: 404).
    struct NotFound: Error, CustomStringConvertible {
        var caseId: String
        var description: String { "case \(caseId) has no events" }
    }

    let events: [RecordedEvent]

    /// Reads `stream`'s events that occurred by the end of `on` and were recorded by `knownAt`.
    init(ledger: Ledger, stream: StreamName, on: CalendarDate?, knownAt: Timestamp?) throws {
        guard try ledger.version(of: stream) >= 0 else {
            throw NotFound(caseId: stream.id)
        }
        let end = on.map { Timestamp.startOf($0.next) }
        var events: [RecordedEvent] = []
        try ledger.scan(stream: stream) { bytes in
            let event = try RecordedEvent(decoding: bytes)
            // recordedAt never decreases along a stream, so the first one too late ends it.
            if let knownAt, let recordedAt = Timestamp(parsing: event.recordedAt), recordedAt > knownAt { return false }
            if let end, let occurredAt = Timestamp(parsing: event.occurredAt), occurredAt >= end { return true }
            events.append(event)
            return true
        }
        self.events = events
    }

    /// The documented JSON: an array of `{seq, version, recordedAt, occurredAt, actor,
    /// recordedBy, type, eventId, hash}`; `recordedBy` is null for events recorded before the
    /// ledger recorded who appended them.
    var json: [UInt8] {
        let items: [JSONValue] = events.map { e in
            .object(
                JSONObject([
                    ("seq", .number(Double(e.seq))), ("version", .number(Double(e.version))),
                    ("recordedAt", .string(e.recordedAt)), ("occurredAt", .string(e.occurredAt)),
                    ("actor", .string(e.actor)), ("recordedBy", e.recordedBy.map(JSONValue.string) ?? .null),
                    ("type", .string(e.type)), ("eventId", .string(e.eventId)), ("hash", .string(e.hash)),
                ]))
        }
        return CanonicalJSON.bytes(.array(items))
    }
}
