import LedgerTestSupport
import Testing

@testable import Ledger

/// DOMAIN.md rule 6: what the world admits. Dates and timestamps in the years 1900–2199, a
/// date of birth at most 280 days after the case opened; both the fast decoder and the
/// general path refuse the rest, naming the field.
@Suite struct ContractBoundsTests {
    private func caseOpened(born: String, opened: String = "2025-03-01", occurredAt: String = "2025-03-04T10:15:00Z") -> String {
        var fixture = Fixture(salt: 7)
        return fixture.json(
            "CaseOpened", "case-c1",
            #"{"caseId":"c1","childId":"child-1","dateOfBirth":"\#(born)","gender":"female","ethnicity":"WBRI","openedOn":"\#(opened)","openedBy":"t1"}"#,
            occurredAt: occurredAt)
    }

    /// The violation, or nil if the request is valid.
    private func violation(_ text: String) -> ContractViolation? {
        do {
            _ = try Fixture.parse(text)
            return nil
        } catch let violation as ContractViolation {
            return violation
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test(arguments: ["1899-12-31", "2200-01-01", "9990-01-01", "0001-01-01"])
    func datesOutsideTheContractYearsAreRefused(date: String) {
        let refused = violation(caseOpened(born: "2020-01-01", opened: date))
        #expect(refused?.field == "data.openedOn")
        #expect(refused?.problem.contains("1900–2199") == true, "\(String(describing: refused))")
    }

    @Test(arguments: ["1900-01-01", "2199-12-31"])
    func theContractYearsEndsAreAdmitted(date: String) {
        #expect(violation(caseOpened(born: date, opened: date, occurredAt: date + "T00:00:00Z")) == nil)
    }

    @Test(arguments: ["1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z"])
    func timestampsOutsideTheContractYearsAreRefused(occurredAt: String) {
        let refused = violation(caseOpened(born: "2020-01-01", occurredAt: occurredAt))
        #expect(refused?.field == "occurredAt")
    }

    @Test func aDateOfBirthAtMost280DaysAfterOpeningIsAdmitted() {
        // 2025-03-01 + 280 days = 2025-12-06.
        #expect(violation(caseOpened(born: "2025-12-06")) == nil)
        let refused = violation(caseOpened(born: "2025-12-07"))
        #expect(refused?.field == "data.dateOfBirth")
        #expect(refused?.problem.contains("280 days") == true)
        #expect(violation(caseOpened(born: "9990-01-01"))?.field == "data.dateOfBirth")
    }

    /// The fast decoder declines what the general path refuses, so both give the same verdict.
    @Test func theFastDecoderDeclinesWhatTheRulesRefuse() {
        for text in [caseOpened(born: "2025-12-07"), caseOpened(born: "2020-01-01", opened: "2200-01-01"),
                     caseOpened(born: "2020-01-01", occurredAt: "2200-01-01T00:00:00Z")] {
            var text = text
            let direct = text.withUTF8 { AppendRequest.decodingDirectly(UnsafeRawBufferPointer($0)) }
            #expect(direct == nil, "the fast decoder accepted \(text)")
        }
        var valid = caseOpened(born: "2025-12-06")
        #expect(valid.withUTF8 { AppendRequest.decodingDirectly(UnsafeRawBufferPointer($0)) } != nil)
    }
}

/// Rule 6's size bound: a recorded event fits a tile's entry bundle (at most 65,535 bytes).
@Suite struct RecordedEventSizeTests {
    @Test func anEventThatWouldRecordOver65535BytesIsRefusedAndNothingIsAppended() throws {
        let ledger = try TestLedger()
        var fixture = ledger.fixture
        try ledger.append(try fixture.caseOpened("c1"))
        let summary = String(repeating: "s", count: 4000)
        func caf(needs: Int) throws -> AppendRequest {
            let items = (0..<needs).map {
                DomainEvent.Need(needId: NeedID(rawValue: "n\($0)"), domain: "development", outcome: "be-healthy", summary: summary)
            }
            return try fixture.request(
                .cafCompleted(cafId: "caf1", completedOn: "2025-03-04", needs: items, strengths: [], multiAgency: true), "case-c1")
        }
        try ledger.append(try fixture.request(.cafStarted(cafId: "caf1", assessor: "t1", startedOn: "2025-03-01"), "case-c1"))
        let before = try ledger.ledger.head()
        let failure = ledger.failure(try caf(needs: 17))
        #expect(failure?.error.description.contains("65535") == true, "\(String(describing: failure))")
        #expect(try ledger.ledger.head() == before)
        // Just under the bound is recorded, and its stored bytes are within it.
        let outcomes = try ledger.append(try caf(needs: 15))
        let stored = try #require(try ledger.ledger.event(seq: outcomes[0].seq))
        #expect(stored.count <= RecordedEvent.maximumSize && stored.count > 60_000)
    }
}
