import ArgumentParser
import Ledger

/// The documented exit codes (see `ledgerd --help`).
enum ExitStatus: Int32 {
    case storage = 1
    case invalid = 2
    case refused = 3
    case conflict = 4
    case verification = 5
    /// An answer that could not be completed (e.g. a cycle of line managers); what was found is printed.
    case incomplete = 6

    init(_ error: LedgerError) {
        switch error {
        case .invalid: self = .invalid
        case .refused: self = .refused
        case .conflict: self = .conflict
        case .storage, .noSpace: self = .storage
        // Stored data that does not read as written fails verification, whoever finds it.
        case .corrupt: self = .verification
        }
    }
}

/// A failure reported on stderr as one line, with its exit code.
struct CLIError: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning a `CLIError` into its message on stderr and its exit code.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        // A data directory made before its files were private is tightened on open: say so.
        PrivateFiles.reportChanges { StandardError.write("ledgerd: \($0)\n") }
        do {
            try await body()
        } catch let error as CLIError {
            StandardError.write("ledgerd: \(error.message)\n")
            throw ExitCode(error.status.rawValue)
        } catch let error as LedgerError {
            StandardError.write("ledgerd: \(error)\n")
            throw ExitCode(ExitStatus(error).rawValue)
        } catch let failure as FileIO.Failure {
            // Output that could not be written (a full disk, /dev/full): never a success.
            StandardError.write("ledgerd: \(failure)\n")
            throw ExitCode(ExitStatus.storage.rawValue)
        }
    }
}
