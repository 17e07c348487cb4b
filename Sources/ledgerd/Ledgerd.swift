import ArgumentParser

/// `ledgerd`: the case ledger's command-line interface.
@main
struct Ledgerd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledgerd",
        abstract: "An event-sourced, hash-chained case ledger for children's services, on LMDB.",
        discussion: """
            Exit codes: 0 success; 1 storage or I/O failure; 2 invalid input (breaks the contract); \
            3 refused by a ledger rule (or, for a view, nothing to show: an unknown case); 4 expectedVersion conflict; \
            5 verification failed (the data file is corrupt); 6 an incomplete answer (an accountability line with a cycle); 64 usage error.
            The data directory is --data, else $LEDGER_DATA, else ./data/ledger.
            """,
        groupedSubcommands: [
            CommandGroup(name: "Run", subcommands: [StartCommand.self, ServeCommand.self, TokenCommand.self]),
            CommandGroup(name: "Write", subcommands: [ImportCommand.self, AppendCommand.self, DemoCommand.self]),
            CommandGroup(
                name: "Read",
                subcommands: [ExportCommand.self, ReadCommand.self, HistoryCommand.self, TailCommand.self]),
            CommandGroup(
                name: "Views",
                subcommands: [
                    CaseCommand.self, OverdueCommand.self, ReviewsCommand.self, UnledCommand.self, CaseloadCommand.self,
                    FlagsCommand.self, AccountabilityCommand.self, AnnexACommand.self,
                ]),
            CommandGroup(name: "Audit", subcommands: [VerifyCommand.self, DigestCommand.self, AccessLogCommand.self, ReplayCommand.self]),
            CommandGroup(
                name: "Verifiable log",
                subcommands: [KeysCommand.self, CheckpointCommand.self, ProveCommand.self, VerifyProofCommand.self, AuditPackCommand.self, WitnessCommand.self]),
            CommandGroup(name: "Contract", subcommands: [SchemasCommand.self, CheckCommand.self]),
            CommandGroup(name: "Diagnostics", subcommands: [BenchAppendCommand.self, BenchViewsCommand.self, BenchProofsCommand.self]),
        ]
    )
}
