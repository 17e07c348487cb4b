import Foundation

/// What standard output is attached to: a terminal (its size, whether to colour) or not.
///
/// Read once per command from the process's own state (`isatty`, `TIOCGWINSZ`) and its
/// environment, and passed down as a value, so table rendering is a function of it.
struct TerminalInfo: Equatable {
    /// Standard output is a terminal: fit, colour, page. Otherwise print plain and complete.
    var isTerminal: Bool
    /// The width to fit; `COLUMNS` overrides the terminal's own.
    var columns: Int
    /// The height, when known: output taller than this is paged.
    var rows: Int?
    /// ANSI styles: a terminal, `NO_COLOR` unset or empty, and `TERM` not `dumb`.
    var colour: Bool

    /// Not a terminal: how a pipe or file is written.
    static let pipe = TerminalInfo(isTerminal: false, columns: 80, rows: nil, colour: false)

    /// Standard output as it is now.
    static func standardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalInfo {
        guard isatty(1) == 1 else { return .pipe }
        let size = windowSize(of: 1)
        return TerminalInfo(
            isTerminal: true,
            columns: positive(environment["COLUMNS"]) ?? size?.columns ?? 80,
            rows: positive(environment["LINES"]) ?? size?.rows ?? nil,
            colour: wantsColour(environment))
    }

    /// no-color.org: any non-empty `NO_COLOR` turns colour off; a `dumb` terminal has none.
    static func wantsColour(_ environment: [String: String]) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The terminal's size as the kernel reports it; nil if it does not, and no height where
    /// it says 0 (a serial line: never page on a height no one set).
    static func windowSize(of fd: Int32) -> (columns: Int, rows: Int?)? {
        var size = winsize()
        let answered = withUnsafeMutablePointer(to: &size) { ioctl(fd, UInt(TIOCGWINSZ), $0) }
        guard answered == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), size.ws_row > 0 ? Int(size.ws_row) : nil)
    }

    private static func positive(_ text: String?) -> Int? {
        guard let text, let value = Int(text), value > 0 else { return nil }
        return value
    }
}
