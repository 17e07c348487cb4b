import ArgumentParser
import Ledger
import Projections

/// `ledgerd token add|list|revoke`: the bearer tokens `ledgerd serve` accepts.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage the HTTP API's bearer tokens (stored hashed in the data directory).",
        discussion: """
            Roles: practitioner (append as themself, read their cases), manager (views, cases of \
            their agency or authority), auditor (everything read-only in their authority: streams, \
            events, history, verify, digest, exports, views, the access trail), integration (events \
            and the live tail, optionally limited), writer (append for any practitioner). Every \
            token is bound to a principal. A running daemon sees a new or revoked token at once.
            """,
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token bound to a principal; it is printed once, as the last line, and never stored.",
            discussion: """
                Each role is bound to one principal: practitioner --practitioner ID (registered, not \
                left; it appends only as that practitioner and reads the cases they are or were involved \
                in), manager --agency ID or --authority ID, auditor --authority ID, integration --system \
                NAME (optionally --streams PREFIX, --types T,…), writer --system NAME (a case system \
                appending on behalf of any registered practitioner).
                """)

        @OptionGroup var options: DataOptions

        @Option(help: "practitioner, manager, auditor, integration or writer.")
        var role: Role

        @Option(help: ArgumentHelp("Who or what holds it, e.g. \"north-yot case system\".", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("The practitioner a practitioner token speaks for.", valueName: "id"))
        var practitioner: String?

        @Option(help: ArgumentHelp("The agency a manager token is bound to.", valueName: "id"))
        var agency: String?

        @Option(help: ArgumentHelp("The local authority a manager or auditor token is bound to.", valueName: "id"))
        var authority: String?

        @Option(help: ArgumentHelp("The system an integration or writer token is bound to.", valueName: "name"))
        var system: String?

        @Option(help: ArgumentHelp("Integration only: a stream prefix it may read (repeatable), e.g. case- or agency-.", valueName: "prefix"))
        var streams: [String] = []

        @Option(help: ArgumentHelp("Integration only: the event types it may read, comma-separated.", valueName: "types"))
        var types: String?

        @Option(help: ArgumentHelp("Lifetime: a number and s, m, h, d or w (e.g. 30d; at most 10 years); default: until revoked.", valueName: "duration"))
        var expiresIn: TokenDuration?

        /// The one principal option given, as a principal.
        var principal: Principal? {
            let given: [(Principal.Kind, String)] = [
                (.practitioner, practitioner), (.agency, agency), (.authority, authority), (.system, system),
            ].compactMap { kind, id in id.map { (kind, $0) } }
            guard given.count == 1, let (kind, id) = given.first else { return nil }
            return Principal(kind, id)
        }

        /// The listed types, each once, in the order given (empty elements kept, for `validate` to refuse).
        var typeList: [String] { Self.once(types.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0) } } ?? []) }

        func validate() throws {
            let kinds = role.principalKinds.map { "--\($0.rawValue) \($0 == .system ? "NAME" : "ID")" }.joined(separator: " or ")
            let given = [practitioner, agency, authority, system].compactMap { $0 }
            guard given.count == 1 else {
                throw ValidationError("a \(role.rawValue) token needs exactly one principal: \(kinds)")
            }
            guard let principal else { throw ValidationError("\(given[0]) is not an ID ([A-Za-z0-9._-]{1,64})") }
            guard role.principalKinds.contains(principal.kind) else {
                throw ValidationError("a \(role.rawValue) token is bound with \(kinds), not --\(principal.kind.rawValue)")
            }
            guard role == .integration || (streams.isEmpty && types == nil) else {
                throw ValidationError("--streams and --types limit integration tokens only")
            }
            for prefix in streams where prefix.isEmpty || prefix.count > 70 || !prefix.utf8.allSatisfy(IdentifierRule.isIdentifierByte) {
                throw ValidationError("--streams \(prefix) is not a stream prefix (e.g. case- or case-EH-2024)")
            }
            // An empty list would be stored as no limit at all: the opposite of what was asked.
            if let types, typeList.contains("") {
                throw ValidationError("--types \"\(types)\" must list event types, comma-separated, none empty")
            }
            for type in typeList where EventType(rawValue: type) == nil {
                throw ValidationError("--types: \(type) is not an event type\(Suggestions.phrase(Suggestions.closest(to: type, among: EventType.allCases.map(\.rawValue))))")
            }
        }

        /// `values` without repeats, in their first order.
        static func once(_ values: [String]) -> [String] {
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }
        }

        func run() async throws {
            try await reportingErrors {
                guard let principal else { throw ValidationError("a token needs exactly one principal") }
                let store = try TokenStore.open(options)
                let now = Ledger.systemClock()
                let expiresAt = expiresIn.map { Timestamp(microseconds: now.microseconds + $0.microseconds) }
                let (token, record) = try TokenStore.refusing {
                    try store.add(
                        name: name, role: role, principal: principal, streams: Self.once(streams), types: typeList, expiresAt: expiresAt,
                        now: now)
                }
                let output = Output(fd: 1)
                let expiry = record.expiresAt.map { ", expires \($0)" } ?? ""
                try output.line(
                    "created \(record.id) (\(record.role.rawValue), \(principal)\(expiry)) for \(record.name); keep this token, it is not shown again:")
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

        @OptionGroup var table: TableOptions

        func run() async throws {
            try await reportingErrors {
                let records = try TokenStore.refusing { try TokenStore.open(options).list() }
                let output = Output(fd: 1)
                switch format {
                case .json:
                    try output.line(String(decoding: CanonicalJSON.bytes(.array(records.map(\.json))), as: UTF8.self))
                case .table:
                    let columns = TableOutput.columns([
                        ("id", "Token ID", 70), ("role", "Role", 80), ("principal", "Principal", 90), ("scope", "Scope", 40),
                        ("name", "Name", 100), ("created at", "Created at", 30), ("expires at", "Expires at", 50),
                        ("last used", "Last used", 45), ("revoked at", "Revoked at", 60),
                    ])
                    let rows = records.map {
                        [
                            $0.id, $0.role.rawValue, $0.principal?.description ?? "(none: refused)", $0.scopeDescription, $0.name,
                            $0.createdAt.description, $0.expiresAt?.description ?? "", $0.lastUsedAt?.description ?? "",
                            $0.revokedAt?.description ?? "",
                        ].map(ViewCell.plain)
                    }
                    try TableOutput.print(columns: columns, cells: rows, options: table)
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
