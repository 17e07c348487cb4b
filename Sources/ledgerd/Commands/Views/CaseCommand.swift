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

    private var id: String { ViewRequest.bareCaseId(caseId) }

    func validate() throws {
        guard IdentifierRule.isValid(id) else { throw ValidationError("\(caseId) is not a case ID ([A-Za-z0-9._-]{1,64})") }
    }

    func run() async throws {
        try await reportingErrors {
            try options.show(.caseState(caseId: CaseID(rawValue: id)), options.evaluation())
        }
    }
}
