import ArgumentParser
import Ledger

/// `ledgerd token add|list|revoke`: the bearer tokens `ledgerd serve` accepts.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage the HTTP API's bearer tokens (stored hashed in the data directory).",
        discussion: """
            Roles: practitioner (append, read cases), manager (views, cases), auditor (everything \
            read-only: streams, events, history, verify, digest, exports, views), integration \
            (events and the live tail). A running daemon sees a new or revoked token at once.
            """,
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token; it is printed once, as the last line, and never stored.")

        @OptionGroup var options: DataOptions

        @Option(help: "practitioner, manager, auditor or integration.")
        var role: Role

        @Option(help: ArgumentHelp("Who or what holds it, e.g. \"north-yot case system\".", valueName: "name"))
        var name: String

        func run() async throws {
            try await reportingErrors {
                let store = try TokenStore.open(options)
                let (token, record) = try TokenStore.refusing { try store.add(name: name, role: role, now: Ledger.systemClock()) }
                let output = Output(fd: 1)
                try output.line("created \(record.id) (\(record.role.rawValue)) for \(record.name); keep this token, it is not shown again:")
                try output.line(token)
                try output.flush()
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never the tokens themselves).")

        @OptionGroup var options: DataOptions

        @Option(help: "table or json.")
        var format: OutputFormat = .table

        func run() async throws {
            try await reportingErrors {
                let records = try TokenStore.refusing { try TokenStore.open(options).list() }
                let output = Output(fd: 1)
                switch format {
                case .json:
                    try output.line(String(decoding: CanonicalJSON.bytes(.array(records.map(\.json))), as: UTF8.self))
                case .table:
                    var table = TextTable(headers: ["ID", "ROLE", "NAME", "CREATED AT", "REVOKED AT"])
                    table.rows = records.map {
                        [$0.id, $0.role.rawValue, $0.name, $0.createdAt.description, $0.revokedAt?.description ?? ""]
                    }
                    try output.line(records.isEmpty ? "(none)" : table.render())
                }
                try output.flush()
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id or name; it stops working at once.")

        @OptionGroup var options: DataOptions

        @Argument(help: ArgumentHelp("The token's id (tok-…) or name.", valueName: "id-or-name"))
        var token: String

        func run() async throws {
            try await reportingErrors {
                let record = try TokenStore.refusing { try TokenStore.open(options).revoke(token, now: Ledger.systemClock()) }
                try Output.say("revoked \(record.id) (\(record.role.rawValue)) for \(record.name)")
            }
        }
    }
}

extension TokenStore {
    static func open(_ options: DataOptions) throws -> TokenStore {
        let ledger = try options.openLedger()
        do { return try TokenStore(ledger: ledger) } catch { throw CLIError(.storage, "\(error)") }
    }

    /// Runs `body`, reporting a refused operation as exit 3 and anything else as a storage failure.
    static func refusing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CLIError {
            throw error
        } catch let error as Refused {
            throw CLIError(.refused, error.description)
        } catch {
            throw CLIError(.storage, "\(error)")
        }
    }
}
