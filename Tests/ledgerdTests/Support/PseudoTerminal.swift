import Foundation
import Testing

/// Runs `ledgerd` with its standard output on a pseudo-terminal of a given size, through
/// util-linux `script` (Debian's bsdutils, an essential package), as a person at a terminal would.
enum PseudoTerminal {
    struct Result {
        var status: Int32
        /// What the terminal received, line ends as `\n` (the terminal's `\r\n` undone).
        var output: String

        /// The lines as a terminal shows them: styles removed, and a line redrawn after a
        /// carriage return (a progress line on standard error, erased) only as it was left.
        var plainLines: [String] {
            var lines = PseudoTerminal.strip(output).split(separator: "\n", omittingEmptySubsequences: false).map { line in
                String(line.split(separator: "\r", omittingEmptySubsequences: false).last ?? "")
            }
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }

    /// `ledgerd arguments…` with standard output on a `columns`×`rows` terminal, with
    /// `environment` added to this process's (TERM defaults to xterm-256color; PAGER to cat, so
    /// no test waits on `less`). Standard error is not the terminal: progress drawn there (a
    /// view catching up, timed by the machine's load) is no part of the table under test.
    static func run(_ arguments: [String], columns: Int, rows: Int = 24, environment: [String: String] = [:]) throws -> Result {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script is not installed")
        let command = ([LedgerdProcess.binary] + arguments).map(quote).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", "stty cols \(columns) rows \(rows); exec \(command) 2>/dev/null", "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        for key in ["NO_COLOR", "COLUMNS", "LINES", "PAGER"] { env[key] = nil }
        env["TERM"] = "xterm-256color"
        env["PAGER"] = "cat"
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return Result(status: process.terminationStatus, output: text)
    }

    /// Display columns of a line with no styles: one per glyph (`…` included), two for wide ones.
    static func width(_ line: String) -> Int {
        var total = 0
        for character in line {
            switch character.unicodeScalars.first?.value ?? 0 {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF: total += 2
            default: total += 1
            }
        }
        return total
    }

    /// `text` without ANSI CSI sequences.
    static func strip(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
    }

    private static func quote(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
