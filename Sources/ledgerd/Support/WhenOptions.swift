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
        if let on, CalendarDate(parsing: on) == nil {
            throw ValidationError("--on \(on) is not a date (YYYY-MM-DD)")
        }
        if let knownAt, Timestamp(parsing: knownAt) == nil {
            throw ValidationError("--known-at \(knownAt) is not an RFC 3339 UTC timestamp (e.g. 2026-03-01T00:00:00Z)")
        }
    }

    var date: CalendarDate? { on.flatMap(CalendarDate.init(parsing:)) }
    var moment: Timestamp? { knownAt.flatMap(Timestamp.init(parsing:)) }
}
