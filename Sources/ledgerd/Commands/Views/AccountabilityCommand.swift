import ArgumentParser
import Ledger
import Projections

struct AccountabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accountability",
        abstract: "Who is accountable: the line from a practitioner (or an action's owner, or a case's lead professional) through line managers to the agency and the Director of Children's Services.",
        discussion: "Exits 6 when the line cannot be completed (a cycle of line managers, an unknown practitioner or agency); the links found are still printed."
    )

    @OptionGroup var options: ViewOptions

    @Option(name: .customLong("case"), help: ArgumentHelp("A case: its lead professional's line.", valueName: "case-id"))
    var caseId: String?

    @Option(help: ArgumentHelp("An action, as CASEID/ACTIONID: its owner's line (the lead professional's for a family-owned action).", valueName: "case-id/action-id"))
    var action: String?

    @Option(help: ArgumentHelp("A practitioner's line.", valueName: "practitioner-id"))
    var practitioner: String?

    private var subject: AccountabilityView.Subject? {
        if let caseId { return .case(ViewRequest.caseId(typed: caseId)) }
        if let practitioner { return .practitioner(PractitionerID(rawValue: practitioner)) }
        if let action {
            let parts = action.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            return .action(caseId: ViewRequest.caseId(typed: String(parts[0])), actionId: ActionID(rawValue: String(parts[1])))
        }
        return nil
    }

    func validate() throws {
        let given = [caseId, action, practitioner].compactMap { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --case, --action or --practitioner") }
        if action != nil, subject == nil { throw ValidationError("--action must be CASEID/ACTIONID, e.g. EH-2024-000001/act-3") }
        for (flag, id) in [("--case", caseId), ("--practitioner", practitioner)] {
            if let id, !IdentifierRule.isValid(id.hasPrefix("case-") && flag == "--case" ? String(id.dropFirst(5)) : id) {
                throw ValidationError("\(flag) \(id) is not an ID ([A-Za-z0-9._-]{1,64})")
            }
        }
    }

    func run() async throws {
        try await reportingErrors {
            let view = try options.show(.accountability(subject!), options.evaluation())
            if let problem = (view as? AccountabilityView)?.chain.problem { throw CLIError(.incomplete, "the accountability line is incomplete: \(problem)") }
        }
    }
}
