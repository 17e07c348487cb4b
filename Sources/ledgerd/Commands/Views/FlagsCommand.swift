import ArgumentParser
import Projections

extension CaseFlag: ExpressibleByArgument {}

struct FlagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Open cases with policy flags, by case ID.",
        discussion: "Flags: " + CaseFlag.allCases.map(\.rawValue).joined(separator: ", ") + "."
    )

    @OptionGroup var options: ViewOptions

    @Option(help: ArgumentHelp("Only cases carrying this flag.", valueName: "flag"))
    var flag: CaseFlag?

    func run() async throws {
        try await reportingErrors {
            try options.show(.flags(flag), options.evaluation())
        }
    }
}
