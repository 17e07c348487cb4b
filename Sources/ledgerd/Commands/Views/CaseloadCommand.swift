import ArgumentParser
import Ledger
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
            let filter = ViewRequest.caseload(
                agencyId: agency.map(AgencyID.init(rawValue:)), practitionerId: practitioner.map(PractitionerID.init(rawValue:)))
            try options.show(filter, options.evaluation())
        }
    }
}
