import Ledger

/// Tests write a typed event's days as the contract spells them (`closedOn: "2025-05-01"`),
/// as they write its IDs and enumerations. Only in the tests: a literal that is not a day is
/// a mistake in the test, so it traps, where the ledger must refuse such text with an error.
extension CalendarDate: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        guard let day = CalendarDate(parsing: text) else { preconditionFailure("\(text) is not a YYYY-MM-DD day") }
        self = day
    }
}
