import ArgumentParser
import Ledger

/// The two senses of "when" a view or a history can be asked about (DOMAIN.md, "The views").
struct WhenOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Business date (YYYY-MM-DD): only events that occurred by the end of it count, and due dates are judged on it. Default: today (UTC).",
            valueName: "date"))
    var on: String?

    @Option(
        help: ArgumentHelp(
            "Only events recorded by this moment (RFC 3339, e.g. 2026-03-01T00:00:00Z) count: what the ledger showed then. Default: now.",
            valueName: "timestamp"))
    var knownAt: String?

    func validate() throws {
        do throws(QueryValue.Invalid) {
            if let on { _ = try QueryValue.date(on, name: "--on") }
            if let knownAt { _ = try QueryValue.moment(knownAt, name: "--known-at") }
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Parsed as `validate()` checked them (nil if absent).
    var date: CalendarDate? { on.flatMap { try? QueryValue.date($0, name: "--on") } }
    var moment: Timestamp? { knownAt.flatMap { try? QueryValue.moment($0, name: "--known-at") } }
}
