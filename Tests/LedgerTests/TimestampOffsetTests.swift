import LedgerTestSupport
import Testing

@testable import Ledger

/// Input timestamps may carry any RFC 3339 offset; the ledger records them in UTC
/// (DOMAIN.md, "Changes since v1"), so the recorded form and the chain stay canonical.
@Suite struct TimestampOffsetTests {
    @Test(arguments: [
        ("2025-03-04T10:15:00Z", "2025-03-04T10:15:00Z"),
        ("2025-03-04T10:15:00.123456789Z", "2025-03-04T10:15:00.123456789Z"),
        ("2025-03-04T11:15:00+01:00", "2025-03-04T10:15:00Z"),
        ("2025-03-04T10:15:00+00:00", "2025-03-04T10:15:00Z"),
        ("2025-03-04T10:15:00-00:00", "2025-03-04T10:15:00Z"),
        ("2025-03-04T04:45:00.5-05:30", "2025-03-04T10:15:00.5Z"),
        ("2025-03-04T23:30:00.000-01:00", "2025-03-05T00:30:00.000Z"),
        ("2025-03-01T00:30:00+01:00", "2025-02-28T23:30:00Z"),
        ("2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00Z"),
        ("2025-01-01T00:00:00+23:59", "2024-12-31T00:01:00Z"),
        ("1969-12-31T23:00:00.999999-01:00", "1970-01-01T00:00:00.999999Z"),
        ("9999-12-31T23:59:59+01:00", "9999-12-31T22:59:59Z"),
    ] as [(sent: String, recorded: String)])
    func offsetsAreRecordedInUTC(_ pair: (sent: String, recorded: String)) throws {
        let (sent, recorded) = pair
        let normalised = try #require(Timestamp.normalising(sent))
        #expect(normalised.utc == recorded)
        // The instant is the recorded text's, and the recorded text is in the recorded form.
        #expect(Timestamp(parsing: normalised.utc) == normalised.instant)
        #expect(Timestamp.normalising(recorded)?.utc == recorded)
    }

    @Test(arguments: [
        "2025-03-04T10:15:00+24:00", "2025-03-04T10:15:00+01:60", "2025-03-04T10:15:00+0100", "2025-03-04T10:15:00+01",
        "2025-03-04T10:15:00Z+01:00", "2025-03-04t10:15:00Z", "2025-03-04T10:15:00z", "2025-03-04 10:15:00+01:00",
        "2025-03-04T10:15:00.+01:00", "2025-03-04T10:15+01:00", "2025-02-29T10:15:00+01:00", "2025-03-04T24:00:00+01:00",
        "2025-03-04T10:15:00.1234567890+01:00", "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00",
        "+2025-03-04T10:15:00+01:00", "2025-03-04T10:15:00+01:00 ", "", "+01:00",
    ])
    func refusesWhatIsNotRFC3339WithAnOffset(_ text: String) {
        #expect(Timestamp.normalising(text) == nil, "\(text)")
    }

    /// The years are the recorded (UTC) date's: an offset may carry a day at the range's
    /// edge out of it, and then the request is refused, naming the UTC form.
    @Test func theContractYearsAreJudgedInUTC() throws {
        var fixture = Fixture()
        for (sent, accepted) in [
            ("2199-12-31T23:30:00-01:00", false), ("2199-12-31T22:30:00-01:00", true),
            ("1900-01-01T00:30:00+01:00", false), ("1900-01-01T00:30:00-01:00", true),
        ] {
            let text = fixture.json(.caseReopened(reopenedOn: "2025-05-01", reason: "r"), "case-c1", occurredAt: sent)
            let value = try JSONParser.parse(text)
            do {
                let request = try AppendRequest.validating(value)
                #expect(accepted, "\(sent) accepted as \(request.occurredAtText)")
            } catch {
                #expect(!accepted, "\(sent): \(error)")
                #expect(error.field == "occurredAt")
            }
        }
    }
}
