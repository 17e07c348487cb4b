import Ledger

extension CalendarDate {
    /// The same day `years` and `months` later; a day the target month lacks becomes its last
    /// day (17½ years after 31 August is the end of February).
    ///
    /// Total: the result may fall outside the years a date can be written in (0001–9999), for
    /// a stored date near either end, and is still a day to compare with. Offsets are the
    /// views' own constants, never input, and bounded so no arithmetic can overflow.
    public func adding(years: Int = 0, months: Int) -> CalendarDate {
        assert(abs(years) <= 1000 && abs(months) <= 12_000, "calendar offsets are small constants")
        let (y, m, d) = components
        let totalMonths = (y * 12 + (m - 1)) + years * 12 + months
        // Floor division, so months before year 0 still land on a real month.
        let year = totalMonths >= 0 ? totalMonths / 12 : -((-totalMonths + 11) / 12)
        let month = totalMonths - year * 12 + 1
        let day = min(d, CalendarDate.daysInMonth(year: year, month: month))
        return CalendarDate(dayNumber: CalendarDate.days(year: year, month: month, day: day))
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

    /// Days from `other` to this date (negative if `other` is later).
    public func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }
}
