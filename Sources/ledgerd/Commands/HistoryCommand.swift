import ArgumentParser
import Ledger
import Projections

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "A case's recorded events in order: seq, version, recordedAt, actor, type, hash.",
        discussion: "--on keeps the events that had occurred by that date; --known-at those the ledger had recorded by that moment."
    )

    @OptionGroup var options: DataOptions

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    @Argument(help: ArgumentHelp("The case ID (with or without the case- prefix).", valueName: "case-id"))
    var caseId: String

    @OptionGroup var when: WhenOptions

    private var stream: StreamName? {
        StreamName(parsing: caseId.hasPrefix("case-") ? caseId : "case-" + caseId)
    }

    func validate() throws {
        guard stream != nil else { throw ValidationError("\(caseId) is not a case ID ([A-Za-z0-9._-]{1,64})") }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            guard let stream, try ledger.version(of: stream) >= 0 else {
                throw CLIError(.refused, "case \(caseId) has no events")
            }
            let end = when.date.map { Timestamp.startOf($0.next) }
            let moment = when.moment
            var events: [RecordedEvent] = []
            try ledger.scan(stream: stream) { bytes in
                let event = try RecordedEvent(decoding: bytes)
                // recordedAt never decreases along a stream, so the first one too late ends it.
                if let moment, let recordedAt = Timestamp(parsing: event.recordedAt), recordedAt > moment { return false }
                if let end, let occurredAt = Timestamp(parsing: event.occurredAt), occurredAt >= end { return true }
                events.append(event)
                return true
            }
            let output = Output(fd: 1)
            switch format {
            case .json:
                let items: [JSONValue] = events.map { e in
                    .object(
                        JSONObject([
                            ("seq", .number(Double(e.seq))), ("version", .number(Double(e.version))),
                            ("recordedAt", .string(e.recordedAt)), ("occurredAt", .string(e.occurredAt)),
                            ("actor", .string(e.actor)), ("type", .string(e.type)), ("eventId", .string(e.eventId)),
                            ("hash", .string(e.hash)),
                        ]))
                }
                output.line(String(decoding: CanonicalJSON.bytes(.array(items)), as: UTF8.self))
            case .table:
                var table = TextTable(headers: ["SEQ", "VER", "RECORDED AT", "OCCURRED AT", "ACTOR", "TYPE", "HASH"])
                for e in events {
                    table.rows.append([
                        String(e.seq), String(e.version), e.recordedAt, e.occurredAt, e.actor, e.type, e.hash,
                    ])
                }
                output.line(table.render())
            }
            output.flush()
        }
    }
}
