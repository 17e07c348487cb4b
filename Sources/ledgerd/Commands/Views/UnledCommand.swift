import ArgumentParser
import Projections

struct UnledCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unled",
        abstract: "Open cases without a lead professional, longest first; flagged once the initial TAC meeting has been held."
    )

    @OptionGroup var options: ViewOptions

    func run() async throws {
        try await reportingErrors {
            try options.show(.unled, options.evaluation())
        }
    }
}
