import ArgumentParser
import Projections

struct ReviewsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews",
        abstract: "Open cases whose latest TAC meeting set a review date that has passed, most overdue first."
    )

    @OptionGroup var options: ViewOptions

    func run() async throws {
        try await reportingErrors {
            try options.show(.reviews, options.evaluation())
        }
    }
}
