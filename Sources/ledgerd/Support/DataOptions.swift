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

    /// Where `path` came from, for errors: a mistyped directory is found by where it was typed.
    var pathSource: String {
        if data != nil { return "--data" }
        if ProcessInfo.processInfo.environment["LEDGER_DATA"] != nil { return "$LEDGER_DATA" }
        return "the default"
    }

    /// Opens the ledger. Only the commands that write a ledger into being (`import`,
    /// `append`, `start`, `demo`'s loading) pass `creating: true`; every other command
    /// refuses a directory that holds no ledger and creates nothing, so a mistyped `--data`
    /// is an error, never an empty ledger that verifies.
    func openLedger(creating: Bool = false) throws -> Ledger {
        if !creating { try requireExistingLedger() }
        do {
            return try Ledger(path: path)
        } catch {
            throw CLIError(ExitStatus(error), "cannot open the ledger at \(path) (from \(pathSource)): \(error)")
        }
    }

    /// Throws unless `path` is a directory holding a ledger's data file.
    func requireExistingLedger() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError(.storage, "no ledger at \(path) (from \(pathSource)): the directory does not exist")
        }
        guard isDirectory.boolValue else {
            throw CLIError(.storage, "no ledger at \(path) (from \(pathSource)): it is not a directory")
        }
        guard FileManager.default.fileExists(atPath: path + "/" + Ledger.dataFileName) else {
            throw CLIError(.storage, "no ledger at \(path) (from \(pathSource)): the directory holds no \(Ledger.dataFileName)")
        }
    }
}
