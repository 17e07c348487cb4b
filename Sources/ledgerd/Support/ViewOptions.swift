import ArgumentParser
import Foundation
import Ledger
import Projections

/// How a view is printed.
enum ViewFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns with names beside IDs, for people.
    case table
    /// The documented shape (`schemas/views/`), for programs.
    case json
    /// RFC 4180, for spreadsheets.
    case csv
}

/// The options every view shares: where the ledger is, the two senses of "when", the format.
struct ViewOptions: ParsableArguments {
    @OptionGroup var data: DataOptions

    @OptionGroup var when: WhenOptions

    @Option(help: "table, json or csv.")
    var format: ViewFormat = .table

    @OptionGroup var progress: ProgressOptions

    @OptionGroup var table: TableOptions

    /// The evaluation asked for; `defaultOn` replaces today where a view has a better default.
    func evaluation(defaultOn: CalendarDate? = nil) -> Evaluation {
        Evaluation(
            on: when.date ?? defaultOn ?? Ledger.systemClock().date, knownAt: when.moment)
    }

    /// Opens the ledger, answers `request` as of `evaluation` and prints the view.
    @discardableResult
    func show(_ request: ViewRequest, _ evaluation: Evaluation) throws -> any ViewOutput {
        let ledger = try data.openLedger()
        let view: any ViewOutput
        // The first view after a large import catches the projections up first: on a terminal, how far.
        let meter = progress.meter("catching up the views")
        defer { meter.finish() }
        do {
            let query = ViewQuery(projector: try Projector(ledger: ledger), catchUpProgress: { meter.update($0, of: $1) })
            view = try request.answer(evaluation, with: query)
            meter.finish()
        } catch let error as ViewRequest.NotFound {
            throw CLIError(.refused, error.description)
        } catch {
            throw CLIError(.storage, "\(error)")
        }
        try print(view)
        return view
    }

    func print(_ view: some ViewOutput) throws {
        let output = Output(fd: 1)
        switch format {
        case .json:
            try view.jsonBytes.withUnsafeBytes { try output.line($0) }
        case .csv:
            try output.line(CSV.render(view))
        case .table:
            try TableOutput.print(columns: view.tableColumns, cells: view.cells, isRecord: view.isRecord, options: table)
        }
        try output.flush()
    }
}
