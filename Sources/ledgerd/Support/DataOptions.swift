import ArgumentParser
import Foundation
import Ledger

/// Where the ledger lives; shared by every command that opens it.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Data directory.", valueName: "dir"))
    var data: String?

    /// --data, else $LEDGER_DATA, else ./data/ledger.
    var path: String {
        data ?? ProcessInfo.processInfo.environment["LEDGER_DATA"] ?? "data/ledger"
    }

    func openLedger() throws -> Ledger {
        do {
            return try Ledger(path: path)
        } catch {
            throw CLIError(.storage, "cannot open the ledger at \(path): \(error)")
        }
    }
}
