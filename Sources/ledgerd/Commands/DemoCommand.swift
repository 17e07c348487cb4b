import ArgumentParser
import DemoAuthority
import Ledger

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic local authority's history as NDJSON append requests.",
        discussion: """
            Deterministic per --cases and --seed: an authority, ~40 agencies, line-managed \
            practitioners and cases with full lifecycles (and some policy breaches to flag). \
            Every request is valid under every rule, so `ledgerd demo | ledgerd import -` loads it. \
            About 40 events per case: --cases 25000 is roughly a million events.
            """
    )

    @Option(help: "Number of cases.")
    var cases: Int = 1000

    @Option(help: "Seed; the same seed gives the same bytes.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...1_000_000).contains(cases) else { throw ValidationError("--cases must be 1–1000000") }
    }

    func run() async throws {
        try await reportingErrors {
            let output = Output(fd: 1)
            try DemoWorkload(cases: cases, seed: seed).generate { try output.line($0) }
            try output.flush()
        }
    }
}
