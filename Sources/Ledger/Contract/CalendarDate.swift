/// A proleptic Gregorian calendar day, as the contract writes it: `YYYY-MM-DD`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    /// The day `dayNumber` days after 1970-01-01 (negative before it); any day, unchecked.
    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// The day `year-month-day`; nil unless it exists (years 1–9999, months 1–12, the month's days).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.dayNumber = CalendarDate.days(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD` with ASCII digits and a real calendar day (years 0001–9999).
    public init?(parsing text: String) {
        var text = text
        guard let date = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = date
    }

    /// `init(parsing:)` over UTF-8 bytes.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        guard let y = digits(bytes, 0, 4), let m = digits(bytes, 5, 2), let d = digits(bytes, 8, 2) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            let byte = bytes[i]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Whether `year` has a 29 February (Gregorian rule).
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// How many days `month` (1–12) of `year` has.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from civil (H. Hinnant's algorithm): exact for the whole proleptic calendar.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day's year, month and day (the inverse of `init?(year:month:day:)`).
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD`, as the contract writes dates.
    public var description: String {
        let (y, m, d) = components
        // Written into the string's own storage: views and the demo spell millions of dates,
        // and the concatenation below allocates several strings per date.
        guard (0...9999).contains(y) else { return Self.pad(y, 4) + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2) }
        return String(unsafeUninitializedCapacity: 10) { text in
            Self.write(y: y, m: m, d: d, into: text)
            return 10
        }
    }

    /// `YYYY-MM-DD` into `text[0..<10]`, for a year of at most four digits.
    static func write(y: Int, m: Int, d: Int, into text: UnsafeMutableBufferPointer<UInt8>) {
        writeDigits(y, 4, into: text, at: 0)
        text[4] = UInt8(ascii: "-")
        writeDigits(m, 2, into: text, at: 5)
        text[7] = UInt8(ascii: "-")
        writeDigits(d, 2, into: text, at: 8)
    }

    /// The last `width` decimal digits of a non-negative `value` into `text[start..<start+width]`.
    static func writeDigits(_ value: Int, _ width: Int, into text: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        assert(value >= 0, "digits of a non-negative value")
        var rest = value
        var i = start + width
        while i > start {
            i -= 1
            text[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }

    /// `value` in decimal, left-padded with zeros to `width` digits (never truncated).
    public static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// The years the contract admits for any date or timestamp (DOMAIN.md, rule 6): what the
    /// world holds for a child's record. Stored values outside them (older ledgers) still read.
    public static let contractYears = 1900...2199

    /// Whether the contract admits this day (its year is in `contractYears`).
    public var isWithinContractYears: Bool {
        Self.contractYears.contains(components.year)
    }

    /// The contract's rule for dates, in words, for error messages.
    public static let contractYearsText = "a date in the years \(contractYears.lowerBound)–\(contractYears.upperBound)"

    /// Earlier days first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }
}
