import Foundation
import Testing

@testable import ledgerd

/// Long work shows progress (a total, a percentage, a rate once it means something) on a
/// terminal, and nothing in a pipe or under `--quiet`: `import`, `verify`, `replay`,
/// `export` to a file, and the first view after an import, each run under a
/// pseudo-terminal by `script(1)`.
@Suite struct ProgressTests {
    /// Runs `command` (a shell command line) under a pseudo-terminal; what the terminal showed.
    static func onTerminal(_ command: String) throws -> (status: Int32, screen: String) {
        let result = try LedgerdProcess.shellOutput("script", ["-qfec", command, "/dev/null"])
        return (result.status, result.output)
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The progress lines drawn (each redraw starts with a carriage return and erase-line).
    static func drawings(_ screen: String) -> [String] {
        screen.components(separatedBy: "\r\u{1B}[K").dropFirst().map { $0.prefix { $0 != "\r" && $0 != "\n" } }.map(String.init)
            .filter { !$0.isEmpty }
    }

    /// A demo authority's requests (a few thousand events) in a file of `directory`.
    static func demo(_ directory: TemporaryDirectory) throws -> (file: String, events: Int) {
        let demo = try LedgerdProcess.run(["demo", "--cases", "40", "--seed", "5"])
        try #require(demo.status == 0, "\(demo.stderr)")
        let lines = demo.stdout.split(separator: "\n").map(String.init)
        return (try directory.write("demo.ndjson", lines), lines.count)
    }

    @Test func longWorkShowsProgressOnATerminalOnly() throws {
        try #require(try LedgerdProcess.shell("script", ["-V"]) == 0, "script(1) (util-linux) is needed")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (file, events) = try Self.demo(directory)
        let data = directory.path + "/ledger"
        let binary = Self.quoted(LedgerdProcess.binary)
        let total = "/\(events) events"

        // import: the total is the input's line count.
        let imported = try Self.onTerminal("\(binary) import --data \(Self.quoted(data)) \(Self.quoted(file))")
        #expect(imported.status == 0, "\(imported.screen)")
        let importing = Self.drawings(imported.screen).filter { $0.hasPrefix("importing ") }
        #expect(!importing.isEmpty && importing.allSatisfy { $0.contains(total) && $0.contains("%") }, "\(imported.screen)")
        #expect(imported.screen.contains("imported \(events) requests"), "the result line stays: \(imported.screen)")

        // The first view after the import catches the projections up, and says so.
        let view = try Self.onTerminal("\(binary) flags --data \(Self.quoted(data)) --format json > /dev/null")
        #expect(view.status == 0, "\(view.screen)")
        #expect(Self.drawings(view.screen).contains { $0.hasPrefix("catching up the views ") && $0.contains(total) }, "\(view.screen)")

        let verified = try Self.onTerminal("\(binary) verify --data \(Self.quoted(data))")
        #expect(verified.status == 0, "\(verified.screen)")
        #expect(Self.drawings(verified.screen).contains { $0.hasPrefix("verifying ") && $0.contains("\(total)  100%") }, "\(verified.screen)")

        let replayed = try Self.onTerminal("\(binary) replay --data \(Self.quoted(data))")
        #expect(replayed.status == 0, "\(replayed.screen)")
        #expect(Self.drawings(replayed.screen).contains { $0.hasPrefix("replaying ") && $0.contains(total) }, "\(replayed.screen)")

        // export to a file shows progress; to the terminal itself it does not (the events are the output).
        let exportFile = directory.path + "/export.ndjson"
        let exported = try Self.onTerminal("\(binary) export --data \(Self.quoted(data)) > \(Self.quoted(exportFile))")
        #expect(exported.status == 0, "\(exported.screen)")
        #expect(Self.drawings(exported.screen).contains { $0.hasPrefix("exporting ") && $0.contains(total) }, "\(exported.screen)")
        #expect(try String(contentsOfFile: exportFile, encoding: .utf8).split(separator: "\n").count == events)
        let toScreen = try Self.onTerminal("\(binary) export --data \(Self.quoted(data)) --to 3")
        #expect(Self.drawings(toScreen.screen).isEmpty, "\(toScreen.screen)")

        // --quiet on a terminal: no progress, the result lines only.
        for command in ["verify", "replay", "export"] {
            let quiet = try Self.onTerminal("\(binary) \(command) --quiet --data \(Self.quoted(data)) > /dev/null")
            #expect(quiet.status == 0, "\(command): \(quiet.screen)")
            #expect(!quiet.screen.contains("\u{1B}[K"), "\(command) --quiet: \(quiet.screen)")
        }

        // In a pipe: no progress, no control characters, exactly as before.
        let second = directory.path + "/again"
        let piped = try LedgerdProcess.run(["import", "--data", second, file])
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
        for command in [["verify"], ["replay"], ["flags", "--format", "json"], ["export"]] {
            let result = try LedgerdProcess.run(command + ["--data", second])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("\r") && !result.stderr.contains("\u{1B}"), "\(command): \(result.stderr)")
        }
    }

    @Test func theLineSaysDoneOfTotalPercentageRateAndTimeLeft() {
        let line = ProgressMeter.line(action: "verifying", unit: "events", done: 250_000, total: 1_000_000, elapsed: .seconds(2))
        #expect(line == "verifying 250000/1000000 events  25%  125000 events/s  6 s left")
        // No total: what is done and the rate; never a division by zero.
        #expect(ProgressMeter.line(action: "exporting", unit: "events", done: 10, total: nil, elapsed: .zero) == "exporting 10 events")
        #expect(ProgressMeter.line(action: "x", unit: "events", done: 5, total: 0, elapsed: .seconds(1)) == "x 5/0 events  5 events/s")
        // More done than the total first said (the log grew): never past 100%.
        #expect(ProgressMeter.line(action: "x", unit: "events", done: 12, total: 10, elapsed: .zero) == "x 12/10 events  100%")
        #expect(ProgressMeter.duration(58.2) == "59 s")
        #expect(ProgressMeter.duration(59.2) == "1 min 00 s")
        #expect(ProgressMeter.duration(187) == "3 min 07 s")
        #expect(ProgressMeter.duration(7500) == "2 h 05 min")
        #expect(ProgressMeter.duration(.infinity) == "a long time")
    }

    @Test func aDisabledMeterWritesNothingAndLineCountSkipsBlankLines() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("lines.ndjson", ["{}", "", "  \t", "{}", "{}"])
        #expect(LineCount.nonBlankLines(file) == 3)
        #expect(LineCount.nonBlankLines(directory.path + "/missing") == nil)
        let unterminated = directory.path + "/unterminated"
        try "{}\n{}".write(toFile: unterminated, atomically: true, encoding: .utf8)
        #expect(LineCount.nonBlankLines(unterminated) == 2)
        let meter = ProgressMeter("x", total: 10, enabled: false)
        meter.update(5)  // writes nothing: the test's own standard error stays clean
        meter.finish()
    }
}
