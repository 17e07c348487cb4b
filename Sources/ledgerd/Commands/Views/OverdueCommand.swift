import ArgumentParser
import Ledger
import Projections

struct OverdueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "Open actions past their due date, most overdue first: owner, agency, escalation, lead professional, and who is accountable."
    )

    @OptionGroup var options: ViewOptions

    @Option(help: ArgumentHelp("Only actions owned by practitioners of this agency.", valueName: "agency-id"))
    var agency: String?

    @Option(help: ArgumentHelp("Only actions owned by this practitioner.", valueName: "practitioner-id"))
    var practitioner: String?

    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case's actions.", valueName: "case-id"))
    var caseId: String?

    func run() async throws {
        try await reportingErrors {
            let evaluation = options.evaluation()
            let filter = OverdueActionsView.Filter(
                agencyId: agency.map(AgencyID.init(rawValue:)), practitionerId: practitioner.map(PractitionerID.init(rawValue:)),
                caseId: caseId.map(ViewRequest.caseId(typed:)))
            try options.show(.overdue(filter), evaluation)
        }
    }
}
