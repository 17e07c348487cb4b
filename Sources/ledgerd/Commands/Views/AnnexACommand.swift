import ArgumentParser
import Ledger
import Projections

struct AnnexACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annex-a",
        abstract: "Ofsted ILACS Annex A, List 2: every early help assessment (CAF) started in the six months before the inspection date.",
        discussion: """
            One row per CAF started on or after the date six calendar months before the inspection date, up to and \
            including it, with the template's eight columns (dates dd/mm/yyyy). --on defaults to the inspection date: \
            the list as it stood that day. Use --format csv for the file to hand to inspectors.
            """
    )

    @OptionGroup var options: ViewOptions

    @Option(help: ArgumentHelp("The inspection date (YYYY-MM-DD).", valueName: "date"))
    var inspectionDate: String

    func validate() throws {
        let date: CalendarDate
        do throws(QueryValue.Invalid) {
            date = try QueryValue.date(inspectionDate, name: "--inspection-date")
        } catch {
            throw ValidationError(error.message)
        }
        if let why = AnnexAList.unanswerable(inspectionDate: date, on: options.evaluation(defaultOn: date).on) {
            throw ValidationError("--on \(why)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let date = try QueryValue.date(inspectionDate, name: "--inspection-date")
            try options.show(.annexA(inspectionDate: date), options.evaluation(defaultOn: date))
        }
    }
}
