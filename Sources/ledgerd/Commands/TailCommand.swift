import ArgumentParser
import Foundation
import Ledger

struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Write recorded events as NDJSON from a position; with --follow, keep writing new ones.",
        discussion: """
            With --follow, events appended by any process on the same data directory are printed \
            as they commit (the head is polled every --interval milliseconds). Resume after a \
            disconnect with --from <last seq seen + 1>.
            """
    )

    @OptionGroup var options: DataOptions

    @Option(help: "First seq to print.")
    var from: UInt64 = 1

    @Flag(help: "Keep printing events as they are appended.")
    var follow = false

    @Option(help: "Milliseconds between head checks with --follow.")
    var interval: Int = 20

    func validate() throws {
        // As `export` and `GET /events` say: seq 0 names no event, and quietly starting at 1
        // would hide a client's off-by-one.
        if from == 0 { throw ValidationError("--from counts from 1") }
        guard (1...10_000).contains(interval) else { throw ValidationError("--interval must be 1–10000 ms") }
    }

    func run() async throws {
        try await reportingErrors {
            let ledger = try options.openLedger()
            try await Self.tail(ledger: ledger, from: from, follow: follow, interval: interval)
        }
    }

    static func tail(ledger: Ledger, from: UInt64, follow: Bool, interval: Int) async throws {
        let output = Output(fd: 1)
        assert(from >= 1, "validate() refuses --from 0")
        var next = from
        while true {
            if let last = try ledger.scan(from: next, { _, bytes in
                try output.line(bytes)
                return true
            }) {
                next = last + 1
            }
            try output.flush()
            guard follow else { return }
            // Poll the head cheaply until something new commits.
            while try ledger.lastSeq() < next {
                try await Task.sleep(for: .milliseconds(interval))
            }
        }
    }
}
