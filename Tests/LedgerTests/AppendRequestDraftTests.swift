import Testing

@testable import Ledger

/// `AppendRequestDraft` is the one writer of request lines (the demo, the tests' builders):
/// what it writes must read back as the request it describes, members in the documented order.
@Suite struct AppendRequestDraftTests {
    @Test func everyValidExampleWrittenAsADraftReadsBackAsTheSameRequest() throws {
        var seen = Set<EventType>()
        for example in try ContractExamplesTests.examples() where example.kind == "valid" {
            let sent = try AppendRequest.validating(example.request)
            let draft = AppendRequestDraft(
                eventId: sent.eventIdText, stream: sent.stream.text, event: sent.event, occurredAt: sent.occurredAtText,
                actor: sent.actor, expectedVersion: sent.expectedVersion,
                metadata: sent.metadata?.members.compactMap { member in member.value.stringValue.map { (member.key, $0) } })
            let read = try AppendRequest.decode(draft.line)
            #expect(read.hasSameContent(as: sent), "\(example.file) #\(example.index)")
            #expect(read.expectedVersion == sent.expectedVersion)
            #expect(read.event == sent.event)
            seen.insert(sent.type)
        }
        #expect(seen.count == EventType.allCases.count)
    }

    @Test func membersAreWrittenInTheDocumentedOrderAndOptionalOnesOnlyWhenGiven() throws {
        let event = DomainEvent.caseReopened(reopenedOn: CalendarDate(dayNumber: 20_000), reason: "New concerns")
        let bare = AppendRequestDraft(
            eventId: "3f1c2b9e-0000-4000-8000-000000000001", stream: "case-c1", event: event,
            occurredAt: "2024-10-04T09:00:00Z", actor: "p1")
        #expect(try keys(bare.line) == ["eventId", "stream", "type", "occurredAt", "actor", "data"])

        var full = bare
        full.expectedVersion = -1
        full.metadata = [("source", "test"), ("correlationId", "c1/meeting-1")]
        #expect(
            try keys(full.line) == ["eventId", "stream", "type", "occurredAt", "actor", "expectedVersion", "data", "metadata"])
        #expect(full.line.contains(#""expectedVersion":-1,"data":{"reopenedOn":"2024-10-04","reason":"New concerns"}"#))
        #expect(full.line.hasSuffix(#""metadata":{"source":"test","correlationId":"c1/meeting-1"}}"#))
    }

    @Test func textIsEscapedAsTheLedgerEscapesIt() throws {
        let reason = "Quote \" backslash \\ newline \n tab \t and Ł, 家, 👪"
        let draft = AppendRequestDraft(
            eventId: "3f1c2b9e-0000-4000-8000-000000000002", stream: "case-c1",
            event: .caseReopened(reopenedOn: CalendarDate(dayNumber: 20_000), reason: reason),
            occurredAt: "2024-10-04T09:00:00Z", actor: "p1", expectedVersion: 123_456_789_012_345)
        // Spelt as the ledger spells a string (RFC 8785: the short escapes, UTF-8 as is)…
        var escaped: [UInt8] = []
        CanonicalJSON.writeString(reason, into: &escaped)
        #expect(draft.line.contains(String(decoding: escaped, as: UTF8.self)))
        #expect(String(decoding: escaped, as: UTF8.self) == #""Quote \" backslash \\ newline \n tab \t and Ł, 家, 👪""#)
        // …and read back as the same text.
        let read = try AppendRequest.decode(draft.line)
        #expect(read.event == .caseReopened(reopenedOn: CalendarDate(dayNumber: 20_000), reason: reason))
        #expect(read.expectedVersion == 123_456_789_012_345)
    }

    @Test func aVersion4EventIDKeepsItsBitsButTheVersionAndVariant() {
        let id = EventID.version4(high: .max, low: .max)
        #expect(id.description == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(EventID.version4(high: 0, low: 0).description == "00000000-0000-4000-8000-000000000000")
        let random = EventID.version4(high: .random(in: 0...(.max)), low: .random(in: 0...(.max)))
        #expect(EventID(parsing: random.description) == random)
    }

    @Test func wholeSecondsDropTheFraction() throws {
        let t = try #require(Timestamp(parsing: "2024-02-29T23:59:58.999999Z"))
        #expect(t.wholeSecondsDescription == "2024-02-29T23:59:58Z")
        #expect(t.description == "2024-02-29T23:59:58.999999Z")
        #expect(Timestamp(microseconds: -1).wholeSecondsDescription == "1969-12-31T23:59:59Z")
    }

    private func keys(_ line: String) throws -> [String] {
        guard case .object(let object) = try JSONParser.parse(Array(line.utf8)) else { return [] }
        return object.members.map(\.key)
    }
}
