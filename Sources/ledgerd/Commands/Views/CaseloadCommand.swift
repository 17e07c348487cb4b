import ArgumentParser
import Projections

struct CaseloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload",
        abstract: "Per practitioner and per agency: open cases led, open actions owned, overdue actions owned."
    )

    @OptionGroup var options: ViewOptions

    @Option(help: ArgumentHelp("Only this agency's practitioners.", valueName: "agency-id"))
    var agency: String?

    @Option(help: ArgumentHelp("Only this practitioner.", valueName: "practitioner-id"))
    var practitioner: String?

    func run() async throws {
        try await reportingErrors {
            try options.show(.caseload(agencyId: agency, practitionerId: practitioner), options.evaluation())
        }
    }
}
