import Foundation
import LedgerTestSupport
import Testing

@testable import Ledger

/// Dates, timestamps and event IDs are written into their strings' storage directly; these
/// hold them to a plain reference spelling (`String(format:)`) over the whole range of values.
@Suite struct TextSpellingTests {
    /// The reference: `YYYY-MM-DD` by `String(format:)`, for the years four digits hold.
    private static func referenceDate(_ day: CalendarDate) -> String {
        let (y, m, d) = day.components
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    @Test func datesAreSpeltAsTheReferenceSpellsThem() {
        var random = SeededRandom(seed: 0x5EED_DA7E)
        // Every day of 1900–2199 (the contract's years) and random days up to year 9999.
        let first = CalendarDate.days(year: 1900, month: 1, day: 1)
        let last = CalendarDate.days(year: 2199, month: 12, day: 31)
        for number in first...last {
            let day = CalendarDate(dayNumber: number)
            #expect(day.description == Self.referenceDate(day))
        }
        let yearZero = CalendarDate.days(year: 0, month: 1, day: 1)
        let year9999 = CalendarDate.days(year: 9999, month: 12, day: 31)
        for _ in 0..<20_000 {
            let day = CalendarDate(dayNumber: Int.random(in: yearZero...year9999, using: &random))
            #expect(day.description == Self.referenceDate(day))
        }
        // Outside four digits the old spelling stays, whatever it is.
        #expect(CalendarDate(dayNumber: year9999 + 1).description == "10000-01-01")
    }

    @Test func timestampsAreSpeltAsTheReferenceSpellsThem() {
        var random = SeededRandom(seed: 0x5EED_DA7E)
        let low = Int64(CalendarDate.days(year: 0, month: 1, day: 1)) * 86_400_000_000
        let high = Int64(CalendarDate.days(year: 9999, month: 12, day: 31) + 1) * 86_400_000_000 - 1
        for _ in 0..<20_000 {
            let t = Timestamp(microseconds: Int64.random(in: low...high, using: &random))
            let day = t.date
            let micros = t.microseconds - Int64(day.dayNumber) * 86_400_000_000
            let s = Int(micros / 1_000_000)
            let clock = String(format: "%@T%02d:%02d:%02d", Self.referenceDate(day), s / 3600, s / 60 % 60, s % 60)
            #expect(t.description == clock + String(format: ".%06dZ", Int(micros % 1_000_000)))
            #expect(t.wholeSecondsDescription == clock + "Z")
        }
        #expect(Timestamp(microseconds: low).description == "0000-01-01T00:00:00.000000Z")
        #expect(Timestamp(microseconds: high).wholeSecondsDescription == "9999-12-31T23:59:59Z")
    }

    @Test func eventIDsAreSpeltAsTheReferenceSpellsThem() {
        var random = SeededRandom(seed: 0x5EED_DA7E)
        for _ in 0..<20_000 {
            let id = EventID(high: random.next(), low: random.next())
            let hex = Array(String(format: "%016llx%016llx", id.high, id.low))
            let reference = String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-" + String(hex[12..<16]) + "-"
                + String(hex[16..<20]) + "-" + String(hex[20..<32])
            #expect(id.description == reference)
            #expect(EventID(parsing: id.description) == id)
        }
    }
}
