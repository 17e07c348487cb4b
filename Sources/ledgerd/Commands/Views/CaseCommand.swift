import ArgumentParser
import Ledger
import Projections

struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "One case on a date: status, child, consent, CAFs, TAC, meetings, lead professional and cover, actions, statuses, disputes, flags."
    )

    @OptionGroup var options: ViewOptions

    @Argument(help: ArgumentHelp("The case ID (with or without the case- prefix).", valueName: "case-id"))
    var caseId: String

    private var id: String { caseId.hasPrefix("case-") ? String(caseId.dropFirst(5)) : caseId }

    func validate() throws {
        guard Identifier.isValid(id) else { throw ValidationError("\(caseId) is not a case ID ([A-Za-z0-9._-]{1,64})") }
    }

    func run() async throws {
        try await reportingErrors {
            let evaluation = options.evaluation()
            try options.show(evaluation) { source -> CaseView in
                guard let record = try source.caseRecord(id) else {
                    throw CLIError(.refused, "no case \(id) on \(evaluation.on)\(evaluation.knownAt.map { " as known at \($0)" } ?? "")")
                }
                return CaseView(record: record, directory: source.directory, on: evaluation.on)
            }
        }
    }
}
