import Testing

@testable import Ledger

@Suite struct JSONParserTests {
    @Test func parsesNestedDocuments() throws {
        let value = try JSONParser.parse(#" {"a": [1, true, null, "x\u00e9\n"], "b": {"c": -2.5e1}} "#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object["a"] == .array([.number(1), .bool(true), .null, .string("xé\n")]))
        #expect(object["b"]?.objectValue?["c"] == .number(-25))
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#, "[1,]", "{\"a\":1", "01", "\"\u{01}\"", #""\ud800""#, "[1] x", "nul", "{'a':1}", "-",
        "1.", "\"abc", "[" + String(repeating: "[", count: 40) + String(repeating: "]", count: 41),
    ])
    func refusesMalformedOrAmbiguousInput(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func memberNamesAreComparedByCodePointsNotCanonicalEquivalence() throws {
        // Precomposed and decomposed é are different names to JSON (and to RFC 8785).
        let object = try #require(try JSONParser.parse("{\"\u{e9}\":1,\"e\u{301}\":2}").objectValue)
        #expect(object.count == 2)
        #expect(object["e\u{301}"] == .number(2))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    }
}

@Suite struct CanonicalJSONTests {
    private func canonical(_ text: String) throws -> String {
        String(decoding: CanonicalJSON.bytes(try JSONParser.parse(text)), as: UTF8.self)
    }

    @Test func sortsMembersByUTF16CodeUnits() throws {
        // RFC 8785 §3.2.3: U+1F600 (surrogates D83D…) sorts before U+FB33 in UTF-16, after it in code points.
        #expect(try canonical(#"{"\ufb33":1,"😀":2,"b":3,"a":{"d":1,"c":2}}"#) == #"{"a":{"c":2,"d":1},"b":3,"😀":2,"דּ":1}"#)
    }

    @Test func escapesOnlyWhatRFC8785Requires() throws {
        #expect(try canonical(#""\u0000\u001f\b\f\n\r\t\"\\/\u007f\u2028é""#) == "\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u{7f}\u{2028}é\"")
    }

    @Test func writesIntegersPlainly() throws {
        #expect(try canonical("[0, -0, 1.0, 9007199254740991, -17]") == "[0,0,1,9007199254740991,-17]")
    }
}

@Suite struct CalendarTests {
    @Test func roundTripsDayNumbers() {
        for day in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = CalendarDate(dayNumber: day)
            #expect(CalendarDate(parsing: date.description) == date)
        }
        #expect(CalendarDate(parsing: "1970-01-01")?.dayNumber == 0)
        #expect(CalendarDate(parsing: "2024-02-29") != nil)
        #expect(CalendarDate(parsing: "0001-01-01")?.dayNumber == -719_162)
        #expect(CalendarDate(parsing: "9999-12-31")?.dayNumber == 2_932_896)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "2026-1-5", "26-01-01", "2026-01-32", "２０２６-01-01"])
    func refusesImpossibleDates(_ text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func parsesAndPrintsTimestamps() throws {
        let t = try #require(Timestamp(parsing: "2025-03-04T10:15:00.123456789Z"))
        #expect(t.description == "2025-03-04T10:15:00.123456Z")
        #expect(Timestamp(parsing: "2025-03-04T10:15:00Z")!.date == CalendarDate(parsing: "2025-03-04"))
        for bad in ["2025-03-04T24:00:00Z", "2025-03-04T10:15:60Z", "2025-03-04T10:15:00+01:00", "2025-03-04t10:15:00z", "2025-03-04T10:15:00.Z"] {
            #expect(Timestamp(parsing: bad) == nil, "\(bad)")
        }
    }
}
