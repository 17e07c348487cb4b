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

    /// Opens the ledger for a command that may write it into being (`import`, `append`) and
    /// runs `body` with it. When this run created the data directory and `body` fails with the
    /// ledger still empty, what it created is removed again: a refused first load leaves no
    /// empty ledger behind, for `start` to seed with demo data or a later command to take for
    /// the real one.
    func withLedgerCreatedIfNeeded<T>(_ body: (Ledger) async throws -> T) async throws -> T {
        let created = Self.firstMissingDirectory(of: path)
        let ledger = try openLedger(creating: true)
        do {
            return try await body(ledger)
        } catch {
            if let created, (try? ledger.head().seq) == 0 {
                try? FileManager.default.removeItem(atPath: created)
            }
            throw error
        }
    }

    /// The outermost directory of `path` that does not exist yet (`path` itself, or an
    /// ancestor that creating it would also create); nil when `path` exists.
    static func firstMissingDirectory(of path: String) -> String? {
        var missing: String?
        var candidate = URL(fileURLWithPath: path).standardizedFileURL
        while !FileManager.default.fileExists(atPath: candidate.path) {
            missing = candidate.path
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { break }
            candidate = parent
        }
        return missing
    }
}
