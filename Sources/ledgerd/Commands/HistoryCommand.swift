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

    @OptionGroup var table: TableOptions

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
            let history: CaseHistory
            do {
                history = try CaseHistory(ledger: try options.openLedger(), stream: stream!, on: when.date, knownAt: when.moment)
            } catch let error as CaseHistory.NotFound {
                throw CLIError(.refused, error.description)
            }
            let output = Output(fd: 1)
            switch format {
            case .json:
                try history.json.withUnsafeBytes { try output.line($0) }
            case .table:
                let columns = TableOutput.columns([
                    ("seq", "Seq", 90), ("ver", "Version", 80), ("recorded at", "Recorded at", 60),
                    ("occurred at", "Occurred at", 70), ("actor", "Actor", 50), ("recorded by", "Recorded by", 30),
                    ("type", "Type", 100), ("hash", "Hash", 20),
                ])
                let rows = history.events.map { e in
                    [String(e.seq), String(e.version), e.recordedAt, e.occurredAt, e.actor, e.recordedBy ?? "", e.type, e.hash].map(ViewCell.plain)
                }
                // A history empty on an early --on has always printed its header alone.
                try TableOutput.print(columns: columns, cells: rows, noneWhenEmpty: false, options: table)
            }
            try output.flush()
        }
    }
}
