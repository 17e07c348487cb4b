import Ledger

/// The dates and moments views are asked about, parsed by one rule for the CLI's options
/// and the HTTP API's parameters: the contract's form, within the contract's years
/// (DOMAIN.md, rule 6), so that no question can reach a date the calendar code was never
/// asked to handle.
enum QueryValue {
    /// A value that is not what its parameter takes; `message` names the parameter and the value.
    struct Invalid: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// `YYYY-MM-DD` within the contract's years.
    static func date(_ text: String, name: String) throws(Invalid) -> CalendarDate {
        guard let date = CalendarDate(parsing: text) else { throw Invalid(message: "\(name) \(text) is not a date (YYYY-MM-DD)") }
        guard date.isWithinContractYears else {
            throw Invalid(message: "\(name) \(text) is outside the ledger's calendar: expected \(CalendarDate.contractYearsText)")
        }
        return date
    }

    /// An RFC 3339 timestamp with any offset (as appends take them), within the contract's
    /// years in UTC.
    static func moment(_ text: String, name: String) throws(Invalid) -> Timestamp {
        guard let moment = Timestamp.normalising(text)?.instant else {
            throw Invalid(message: "\(name) \(text) is not an RFC 3339 timestamp (e.g. 2026-03-01T00:00:00Z or 2026-03-01T00:00:00+01:00)")
        }
        guard moment.date.isWithinContractYears else {
            throw Invalid(message: "\(name) \(text) is outside the ledger's calendar: expected a timestamp on \(CalendarDate.contractYearsText)")
        }
        return moment
    }
}
