import ArgumentParser
import DemoAuthority
import Foundation
import Ledger
import Projections

struct StartCommand: AsyncParsableCommand {
    /// This run's demo tokens, as shell assignments, private to the data directory's owner.
    static let tokenFileName = "start-tokens.env"

    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "The main job: open the ledger (seeding demo data when empty), verify it, and serve it over HTTP (or HTTPS).",
        discussion: """
            On an empty data directory it loads `ledgerd demo --cases N` first. It then verifies \
            the whole chain, brings the projections (the views' read models) up to date, makes an \
            auditor and a practitioner token for this run, and runs `ledgerd serve`, printing how to \
            try the CLI and the HTTP API. Stop it with Ctrl-C.
            """
    )

    @OptionGroup var options: DataOptions

    @Option(help: "Cases in the demo data loaded into an empty ledger.")
    var demoCases: Int = 2000

    @Flag(help: "Exit after verifying instead of serving.")
    var noFollow = false

    @OptionGroup var server: ServerOptions
    @OptionGroup var key: LogKeyOptions

    func run() async throws {
        try await reportingErrors {
            // Before the ledger is made or loaded: a wrong TLS file is reported at once.
            let tls = try server.tls.load()
            let ledger = try options.openLedger(creating: true)
            if try ledger.head().seq == 0 {
                StandardError.write("ledgerd: \(options.path) is empty; loading demo data (\(demoCases) cases)…\n")
                var lines: [String] = []
                DemoWorkload(cases: demoCases, seed: 1).generate { lines.append($0) }
                let head: ChainHead
                do {
                    head = try ledger.importRequests {
                        var iterator = lines.enumerated().makeIterator()
                        return {
                            guard let (index, line) = iterator.next() else { return nil }
                            return try AppendRequest.decode(line, index: index)
                        }
                    }
                } catch {
                    throw CLIError(.storage, "demo data was refused (a bug): \(error)")
                }
                StandardError.write("ledgerd: loaded \(head.seq) events\n")
            }
            let report = try ledger.verify()
            let projector = try Projector(ledger: ledger)
            let started = Date()
            let built = try projector.catchUp()
            StandardError.write(
                "ledgerd: projections current at seq \(built.checkpoint.seq) (\(built.applied) events applied in \(String(format: "%.1f", Date().timeIntervalSince(started))) s)\n")
            let data = options.data.map { " --data \($0)" } ?? ""
            // Examples that show something on this ledger: an overdue action whose line is whole.
            let today = Ledger.systemClock().date
            let example = try ViewQuery(projector: projector).answer(Evaluation(on: today)) { source in
                try OverdueActionsView(source: source, on: today).items.first {
                    $0.accountability.problem == nil && $0.action.owner.practitionerId != nil
                }
            }.result
            // The tokens' principals: the example action's owner (who may record progress on it)
            // and the authority at the top of its line.
            let owner = example?.action.owner.practitionerId
            let authority = try projector.withSnapshot { source, _, _ in
                owner.flatMap { source.directory.practitioners[$0] }.flatMap { source.directory.agencies[$0.agencyId] }?.authorityId
                    ?? source.directory.authorities.keys.sorted().first
            }
            let caseId = example?.caseId ?? "EH-2023-000001"
            let action = example.map { "\($0.caseId)/\($0.action.actionId)" } ?? "EH-2023-000001/act-1"
            try Output.say("""
                ledger \(options.path): \(report.events) events, chain verified
                head seq \(report.events) hash \(report.headHash) recordedAt \(report.headRecordedAt)

                the CLI, in another terminal (same directory):
                  swift run -c release ledgerd overdue\(data) --agency nm-yot
                  swift run -c release ledgerd case\(data) \(caseId)
                  swift run -c release ledgerd accountability\(data) --action \(action)
                  swift run -c release ledgerd history\(data) \(caseId)
                  swift run -c release ledgerd annex-a\(data) --inspection-date 2026-10-01 --format csv | head -5
                  swift run -c release ledgerd overdue\(data) --on 2025-06-30
                  swift run -c release ledgerd verify\(data) && swift run -c release ledgerd digest\(data)
                """)
            guard !noFollow else { return }
            // Fresh demo tokens each start: tokens are stored hashed, so last run's cannot be shown again.
            guard let authority, let owner, let example else {
                try await server.serve(ledger: ledger, signing: try key.signer(in: options), tls: tls) { url in
                    Output.sayOrReport("""

                        the HTTP API (schemas/openapi.yaml) on \(url): this ledger has no overdue action to \
                        demonstrate, so no tokens were made; `ledgerd token add` makes them.
                        serving until Ctrl-C…
                        """)
                }
                return
            }
            let (auditor, practitioner) = try TokenStore.refusing {
                let tokens = try TokenStore(ledger: ledger)
                func fresh(_ role: Role, _ principal: Principal) throws -> String {
                    let name = "ledgerd start: \(role.rawValue)"
                    _ = try? tokens.revoke(name, now: Ledger.systemClock())
                    return try tokens.add(name: name, role: role, principal: principal, now: Ledger.systemClock()).token
                }
                return (try fresh(.auditor, .authority(authority.rawValue)), try fresh(.practitioner, .practitioner(owner.rawValue)))
            }
            // The tokens are secrets: printed only to a person at a terminal. Anywhere else
            // (systemd's journal, a log file) they would outlive the run in whatever keeps the
            // log, so they go to a private file (0600) that the printed commands read.
            let tokens = """
                AUDITOR=\(auditor)
                PRACTITIONER=\(practitioner)

                """
            let tokenFile = options.path + "/" + Self.tokenFileName
            try AtomicFile.write(Array(tokens.utf8), to: tokenFile)
            let shown =
                TerminalInfo.standardOutput().isTerminal
                ? """
                  AUDITOR=\(auditor)            # auditor of \(authority)
                  PRACTITIONER=\(practitioner)  # practitioner \(owner): appends as themself, reads their cases
                """
                : """
                  . \(tokenFile)   # AUDITOR (auditor of \(authority)) and PRACTITIONER (\(owner)); not printed: standard output is not a terminal
                """
            // A self-signed certificate is its own CA; curl trusts a leaf given as --cacert too.
            let curl = tls.map { "curl --cacert \($0.certificatePath)" } ?? "curl"
            try await server.serve(ledger: ledger, signing: try key.signer(in: options), tls: tls) { url in
                Output.sayOrReport("""

                    the HTTP API (schemas/openapi.yaml), with this run's tokens (`ledgerd token add` makes more):
                    \(shown)
                      \(curl) -s -H "Authorization: Bearer $AUDITOR" '\(url)/views/overdue?agency=nm-yot' | head -c 600
                      \(curl) -s -H "Authorization: Bearer $AUDITOR" '\(url)/accountability/actions/\(action)'
                      \(curl) -sN -H "Authorization: Bearer $AUDITOR" '\(url)/events/live?from=\(max(report.events, 3) - 2)'
                      \(curl) -s -X POST -H "Authorization: Bearer $PRACTITIONER" '\(url)/streams/case-\(example.caseId)' -d '{"eventId":"'$(cat /proc/sys/kernel/random/uuid)'","type":"ActionProgressRecorded","occurredAt":"\(Timestamp.startOf(today))","actor":"\(owner)","data":{"actionId":"\(example.action.actionId)","note":"Called the family","recordedOn":"\(today)"}}'
                      \(curl) -s -H "Authorization: Bearer $AUDITOR" '\(url)/cases/\(example.caseId)/history' | tail -c 300   # recordedBy: practitioner:\(owner)
                    serving until Ctrl-C…
                    """)
            }
        }
    }
}
