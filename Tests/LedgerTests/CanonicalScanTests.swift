import Foundation
import LedgerTestSupport
import Testing

@testable import Ledger

/// `CanonicalScan` is verify's shortcut for "these bytes are exactly the canonical form of a
/// recorded event": it must never say yes where the full check (parse, re-encode, compare,
/// decode the envelope) says no, and what it reads must be what the full check reads.
@Suite struct CanonicalScanTests {
    /// The full check's answer: the envelope, if the bytes are a canonical recorded event.
    static func fullCheck(_ bytes: [UInt8]) -> CanonicalScan.Envelope? {
        guard let event = try? RecordedEvent(decoding: bytes), CanonicalJSON.bytes(.object(event.object)) == bytes else { return nil }
        return CanonicalScan.Envelope(
            seq: event.seq, version: event.version, stream: event.stream, eventId: event.eventId, recordedAt: event.recordedAt)
    }

    static func scan(_ bytes: [UInt8]) -> CanonicalScan.Envelope? {
        bytes.withUnsafeBytes { CanonicalScan.envelope($0) }
    }

    private func recordedEvents() throws -> [[UInt8]] {
        let t = try TestLedger()
        // Sent with offsets, recorded in UTC: still exactly canonical.
        try t.append(
            try t.fixture.caseOpened("utc"),
            try t.fixture.request(
                .tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05"), "case-utc", occurredAt: "2025-03-05T09:00:00.25+05:30"),
            try t.fixture.request(
                .tacMemberLeft(practitionerId: "t1", leftOn: "2025-03-06", reason: "r"), "case-utc",
                occurredAt: "2025-03-05T23:30:00-01:00"))
        for i in 0..<8 {
            try t.append(
                try t.fixture.caseOpened("c\(i)"),
                try t.fixture.request(
                    .tacMemberJoined(practitionerId: "sw1", joinedOn: "2025-03-05"), "case-c\(i)",
                    metadata: [("correlationId", "tab\there-\(i)"), ("quoted", #"a "b" \ c"#)]))
        }

        var events: [[UInt8]] = []
        try t.ledger.scan { _, bytes in
            events.append(Array(bytes))
            return true
        }
        // A stored event whose metadata holds every kind of JSON value (appends accept only
        // strings there, but the scan reads whatever a data file holds), in canonical form.
        guard case .object(let last)? = try? JSONParser.parse(try #require(events.last)) else { return events }
        let metadata = try JSONParser.parse(#"{"correlationId":"tab\there","n":[1,-2,0,true,null,{"z":{}}],"quoted":"a \"b\" \\ c"}"#)
        events.append(CanonicalJSON.bytes(.object(JSONObject(last.members.map { $0.key == "metadata" ? ($0.key, metadata) : $0 }))))
        return events
    }

    @Test func theScanKnowsExactlyTheRecordedEventsFieldsInCanonicalOrder() {
        let names = CanonicalScan.fields.map { String(decoding: $0.name, as: UTF8.self) }
        #expect(Set(names) == RecordedEvent.fields && names.count == RecordedEvent.fields.count)
        #expect(names == names.sorted { CanonicalJSON.keyPrecedes($0, $1) })
    }

    @Test func recordedEventsAreReadAsTheFullCheckReadsThem() throws {
        for bytes in try recordedEvents() {
            let full = try #require(Self.fullCheck(bytes))
            #expect(Self.scan(bytes) == full, "\(String(decoding: bytes, as: UTF8.self))")
        }
        let texts = try recordedEvents().map { String(decoding: $0, as: UTF8.self) }
        #expect(texts.contains { $0.contains(#""occurredAt":"2025-03-05T03:30:00.25Z""#) }, "an offset is recorded in UTC")
        #expect(!texts.contains { $0.contains("+05:30") || $0.contains("-01:00") })
    }

    /// Events recorded before `recordedBy` (without it) and after (with it, of any
    /// principal) are read alike; a `recordedBy` that is not a string is left to the full
    /// check, which refuses it.
    @Test func recordedByIsOptionalAndAString() throws {
        let event = try #require(try recordedEvents().first)
        guard case .object(let object)? = try? JSONParser.parse(event) else { throw CancellationError() }
        #expect(object["recordedBy"]?.stringValue?.hasPrefix("local:") == true, "appends record who made them")
        for value: JSONValue in [.string("practitioner:sw1"), .string("system:case-system"), .number(1), .null] {
            let variant = CanonicalJSON.bytes(.object(JSONObject(object.members.map { $0.key == "recordedBy" ? ($0.key, value) : $0 })))
            #expect(Self.scan(variant) == Self.fullCheck(variant), "\(value)")
            #expect((Self.scan(variant) != nil) == (value.stringValue != nil))
        }
        let legacy = CanonicalJSON.bytes(.object(JSONObject(object.members.filter { $0.key != "recordedBy" })))
        #expect(Self.scan(legacy) != nil && Self.scan(legacy) == Self.fullCheck(legacy))
    }

    @Test func whatIsNotCanonicalIsNeverAccepted() throws {
        let event = try #require(try recordedEvents().last)
        let text = String(decoding: event, as: UTF8.self)
        #expect(Self.scan(event) != nil)
        // Each variant below parses to the same event but is not its canonical form, or is
        // not a recorded event at all; the scan must not accept any.
        let replacements: [(String, String)] = [
            (#","seq":"#, #", "seq":"#),
            (#""n":[1,"#, #""n":[1.0,"#),
            (#""n":[1,"#, #""n":[1e0,"#),
            (#""n":[1,"#, #""n":[01,"#),
            (#",0,true"#, #",-0,true"#),
            (#"tab\there"#, #"tab\u0009here"#),
            (#"tab\there"#, #"tab\u001Fhere"#),
            (#"tab\there"#, #"tab\/here"#),
            (#"tab\there"#, #"tab\u0041here"#),
            (#"tab\there"#, "tab\there"),
            (#"{"z":{}}"#, #"{"z":{},"y":1}"#),
            (#"{"z":{}}"#, #"{"z":{},"z":{}}"#),
            (#""actor":"#, #""actor ":"#),
            (#""type":"#, #""kind":"#),
        ]
        var variants: [String] = replacements.map { text.replacingOccurrences(of: $0.0, with: $0.1) }
        let dataInArray = text.replacingOccurrences(of: #""data":{"#, with: #""data":[{"#)
        variants.append(dataInArray.replacingOccurrences(of: #"},"eventId""#, with: #"}],"eventId""#))
        variants.append(text + " ")
        variants.append(String(text.dropLast()))
        for variant in variants {
            let bytes = Array(variant.utf8)
            #expect(variant != text)
            #expect(Self.scan(bytes) == nil, "accepted: \(variant)")
        }
        // A control character escaped as canonical JSON does it is accepted, as the full check does.
        let control = Array(text.replacingOccurrences(of: #"tab\there"#, with: #"tab\u001fhere"#).utf8)
        #expect(Self.scan(control) == Self.fullCheck(control) && Self.scan(control) != nil)
        // Text outside ASCII is kept as it is: well-formed UTF-8 is accepted, anything else
        // (overlong, surrogate, truncated, beyond U+10FFFF) is not, as the full check decides.
        let accented = Array(text.replacingOccurrences(of: #"tab\there"#, with: "Café Médiation 𝄞 東京").utf8)
        #expect(Self.scan(accented) != nil && Self.scan(accented) == Self.fullCheck(accented))
        let marker = Array("tab\\there".utf8)
        let at = try #require(event.indices.first { Array(event[$0..<min($0 + marker.count, event.count)]) == marker })
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80]] {
            var bytes = event
            bytes.replaceSubrange(at..<(at + 3), with: bad)
            #expect(Self.scan(bytes) == nil, "accepted \(bad)")
            #expect(Self.fullCheck(bytes) == nil || Self.scan(bytes) == nil)
        }
        // A name outside ASCII takes the full path.
        let name = Array(text.replacingOccurrences(of: #""quoted":"#, with: #""quötéd":"#).utf8)
        #expect(Self.scan(name) == nil)
        // Deeper than the parser allows.
        let deep = text.replacingOccurrences(of: #"{"z":{}}"#, with: String(repeating: #"{"a":"#, count: 40) + "1" + String(repeating: "}", count: 40))
        #expect(Self.scan(Array(deep.utf8)) == nil && Self.fullCheck(Array(deep.utf8)) == nil)
    }

    /// Seeded mutations of recorded events: whatever the scan accepts, the full check accepts
    /// with the same envelope.
    @Test func theScanIsNeverLooserThanTheFullCheck() throws {
        let events = try recordedEvents()
        var random = DecoderFuzzTests.Random(seed: 0x5EED_CA11)
        let alphabet = Array(#"{}[]":,\ -0123456789.eEtrufalsn"abuz/"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
        var accepted = 0
        for round in 0..<20_000 {
            var bytes = events[Int(random.next() % UInt64(events.count))]
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let at = Int(random.next() % UInt64(bytes.count))
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 3 {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: bytes.remove(at: at)
                }
            }
            if let scanned = Self.scan(bytes) {
                accepted += 1
                #expect(Self.fullCheck(bytes) == scanned, "round \(round): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        // Some mutations (inside a string's text) stay canonical: the comparison is exercised.
        #expect(accepted > 100)
    }
}
