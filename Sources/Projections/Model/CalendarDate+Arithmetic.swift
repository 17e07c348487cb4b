import Ledger

extension CalendarDate {
    /// The same day `years` and `months` later; a day the target month lacks becomes its last
    /// day (17½ years after 31 August is the end of February).
    public func adding(years: Int = 0, months: Int) -> CalendarDate {
        let (y, m, d) = components
        let totalMonths = (y * 12 + (m - 1)) + years * 12 + months
        let year = totalMonths / 12
        let month = totalMonths % 12 + 1
        let day = min(d, CalendarDate.daysInMonth(year: year, month: month))
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// Whole years from `self` to `date` (an age on `date`); negative before the birthday of 0.
    public func wholeYears(until date: CalendarDate) -> Int {
        let (y0, m0, d0) = components
        let (y1, m1, d1) = date.components
        var years = y1 - y0
        if (m1, d1) < (m0, d0) { years -= 1 }
        return years
    }

    /// `dd/mm/yyyy`, as inspection templates write dates.
    public var britishText: String {
        let (y, m, d) = components
        return CalendarDate.pad(d, 2) + "/" + CalendarDate.pad(m, 2) + "/" + CalendarDate.pad(y, 4)
    }

    public func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }
}
