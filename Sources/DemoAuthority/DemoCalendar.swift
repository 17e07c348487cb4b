import Foundation
import Ledger

/// Day arithmetic on day numbers (days since 1970-01-01, UTC) and instants (seconds since
/// 1970-01-01T00:00:00Z).
///
/// The generator never uses `Date`, `Calendar` or `DateFormatter`: the workload must not
/// depend on the host's clock, time zone or locale, and formatting a million timestamps
/// through Foundation would dominate the run time.
enum DemoCalendar {
    static let secondsPerDay = 86_400

    /// The demo world's first day: the directory is loaded that morning.
    static let timelineStart = day(2023, 1, 1)
    /// The demo world's "today": nothing happens after the end of this day.
    static let timelineEnd = day(2026, 11, 20)
    /// The last instant that may appear in the workload.
    static let endInstant = (timelineEnd + 1) * secondsPerDay - 1

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func day(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> Int {
        CalendarDate.days(year: year, month: month, day: dayOfMonth)
    }

    /// The calendar date of a day number.
    static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        CalendarDate(dayNumber: dayNumber).components
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(_ dayNumber: Int) -> Int {
        ((dayNumber % 7) + 10) % 7
    }

    /// The day an instant falls on.
    static func dayOf(_ instant: Int) -> Int {
        instant >= 0 ? instant / secondsPerDay : (instant - secondsPerDay + 1) / secondsPerDay
    }

    /// True on weekends and the bank holidays nobody in children's services works through
    /// (Christmas, Boxing Day, New Year's Day), so meetings and visits land on plausible days.
    static func isClosedDay(_ dayNumber: Int) -> Bool {
        if weekday(dayNumber) >= 5 { return true }
        let c = civil(dayNumber)
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

    /// The same day of the month `months` later, clamped to the month's last day.
    static func addingMonths(_ months: Int, to dayNumber: Int) -> Int {
        let c = civil(dayNumber)
        let index = c.year * 12 + (c.month - 1) + months
        let year = index / 12
        let month = index % 12 + 1
        let nextMonthStart = month == 12 ? day(year + 1, 1, 1) : day(year, month + 1, 1)
        let length = nextMonthStart - day(year, month, 1)
        return day(year, month, min(c.day, length))
    }
}
