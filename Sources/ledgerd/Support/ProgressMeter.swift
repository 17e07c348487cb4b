import ArgumentParser
import Foundation
import Synchronization

/// `--quiet`, for the commands that show progress on long work.
struct ProgressOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Show no progress on standard error (it is shown only on a terminal anyway).")
    var quiet = false

    /// Whether progress is drawn: standard error is a terminal and `--quiet` was not given.
    /// With `besideOutput`, also standard output must not be a terminal (`export`: its events
    /// would scroll the line away; to a file, the line is all there is to see).
    func showsProgress(besideOutput: Bool = false) -> Bool {
        !quiet && ProgressMeter.standardErrorIsTerminal && !(besideOutput && isatty(1) == 1)
    }

    /// A meter for `action` over `unit`s that draws only if `showsProgress(besideOutput:)`.
    func meter(_ action: String, unit: String = "events", total: UInt64? = nil, besideOutput: Bool = false) -> ProgressMeter {
        ProgressMeter(action, unit: unit, total: total, enabled: showsProgress(besideOutput: besideOutput))
    }
}

/// One line of progress on standard error for long work (verify, import, replay, export, a
/// view's catch-up): how much of the total is done, the percentage, the rate and the time
/// left, e.g. `verifying 425984/852712 events  49%  136949 events/s  3 s left`.
///
/// It draws only when enabled (standard error is a terminal and `--quiet` was not given):
/// in a pipe or a log file it writes nothing, not even a line end. The line is redrawn in
/// place (`\r`, erase to the end of the line) at most every `interval` (and at the last
/// step), so reporting after every event costs a clock read and a lock; `finish()` erases it, leaving the terminal as it was for
/// the command's own result line. Safe to report from any thread.
final class ProgressMeter: Sendable {
    let action: String
    let unit: String
    let enabled: Bool
    let interval: Duration

    private struct State {
        var total: UInt64?
        var started: ContinuousClock.Instant
        var drawn: ContinuousClock.Instant?
        var visible = false
    }

    private let state: Mutex<State>

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    init(_ action: String, unit: String = "events", total: UInt64? = nil, enabled: Bool, interval: Duration = .milliseconds(200)) {
        self.action = action
        self.unit = unit
        self.enabled = enabled
        self.interval = interval
        state = Mutex(State(total: total, started: .now))
    }

    /// Records that `done` units are done (of `total`, when it is now known); redraws if
    /// the last drawing is older than `interval`.
    func update(_ done: UInt64, of total: UInt64? = nil) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            if let total { state.total = total }
            // The last step is always drawn, so a finished piece of work is seen at 100%.
            let last = state.total.map { done >= $0 } ?? false
            if let drawn = state.drawn, now - drawn < interval, !last { return nil }
            state.drawn = now
            state.visible = true
            return Self.line(action: action, unit: unit, done: done, total: state.total, elapsed: now - state.started)
        }
        if let line { StandardError.write("\r\u{1B}[K" + line) }
    }

    /// Erases the line, if one was drawn.
    func finish() {
        guard enabled else { return }
        let visible = state.withLock { state in
            defer { state.visible = false }
            return state.visible
        }
        if visible { StandardError.write("\r\u{1B}[K") }
    }

    /// The text of the line: done (of total, and percentage), rate, and time left once the
    /// rate means something (after a second).
    static func line(action: String, unit: String, done: UInt64, total: UInt64?, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var parts = ["\(action) \(done)" + (total.map { "/\($0)" } ?? "") + " \(unit)"]
        if let total, total > 0 {
            parts.append("\(min(done, total) * 100 / total)%")
        }
        if seconds >= 0.05 { parts.append("\(Int(rate.rounded())) \(unit)/s") }
        if let total, total > done, seconds >= 1, rate > 0 {
            parts.append(duration(Double(total - done) / rate) + " left")
        }
        return parts.joined(separator: "  ")
    }

    /// `42 s`, `3 min 07 s`, `2 h 05 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e7 else { return "a long time" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(String(format: "%02d", whole % 60)) s" }
        return "\(whole / 3600) h \(String(format: "%02d", whole % 3600 / 60)) min"
    }
}
