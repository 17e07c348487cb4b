import Ledger

/// The demo world's timeline and office days, on day numbers (`CalendarDate.dayNumber`:
/// days since 1970-01-01, UTC) and instants (seconds since 1970-01-01T00:00:00Z).
///
/// Dates themselves are the ledger's: `CalendarDate` turns dates into day numbers and back,
/// and `Timestamp` finds an instant's day. What is left here is the demo's own: the span
/// of its world and the working-day rules its practitioners keep, which no ledger type has.
///
/// The generator never uses `Date`, `Calendar` or `DateFormatter`: the workload must not
/// depend on the host's clock, time zone or locale, and formatting a million timestamps
/// through Foundation would dominate the run time.
enum DemoTimeline {
    static let secondsPerDay = 86_400

    /// The demo world's first day: the directory is loaded that morning.
    static let firstDay = CalendarDate.days(year: 2023, month: 1, day: 1)
    /// The demo world's "today": nothing happens after the end of this day.
    static let lastDay = CalendarDate.days(year: 2026, month: 11, day: 20)
    /// The last instant that may appear in the workload.
    static let endInstant = (lastDay + 1) * secondsPerDay - 1

    /// The day an instant falls on.
    static func dayOf(_ instant: Int) -> Int {
        Timestamp(microseconds: Int64(instant) * 1_000_000).date.dayNumber
    }

    // MARK: - Office days (the demo's own rule)

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    private static func weekday(_ dayNumber: Int) -> Int {
        ((dayNumber % 7) + 10) % 7
    }

    /// True on weekends and the bank holidays nobody in children's services works through
    /// (Christmas, Boxing Day, New Year's Day), so meetings and visits land on plausible days.
    static func isClosedDay(_ dayNumber: Int) -> Bool {
        if weekday(dayNumber) >= 5 { return true }
        let c = CalendarDate(dayNumber: dayNumber).components
        return (c.month == 12 && (c.day == 25 || c.day == 26)) || (c.month == 1 && c.day == 1)
    }

    /// The first working day on or after `dayNumber`.
    static func workday(onOrAfter dayNumber: Int) -> Int {
        var d = dayNumber
        while isClosedDay(d) { d += 1 }
        return d
    }

    /// The last working day on or before `dayNumber`.
    static func workday(onOrBefore dayNumber: Int) -> Int {
        var d = dayNumber
        while isClosedDay(d) { d -= 1 }
        return d
    }

    /// `count` working days after `dayNumber` (which need not itself be a working day).
    static func addingWorkdays(_ count: Int, to dayNumber: Int) -> Int {
        var d = dayNumber
        var left = count
        while left > 0 {
            d += 1
            if !isClosedDay(d) { left -= 1 }
        }
        return d
    }
}
