import DemoAuthority
import Testing

@testable import Ledger

/// The direct decoder is a shortcut, never a second opinion: whatever it accepts, the general
/// parser and validator accept as the same request; whatever they refuse, it declines.
@Suite struct AppendRequestDecoderTests {
    /// The general path's verdict on `text`: the request, or nil if it is refused.
    private func general(_ text: String) -> AppendRequest? {
        guard let value = try? JSONParser.parse(text) else { return nil }
        return try? AppendRequest.validating(value)
    }

    private func direct(_ text: String) -> AppendRequest? {
        var text = text
        return text.withUTF8 { AppendRequest.decodingDirectly(UnsafeRawBufferPointer($0)) }
    }

    private func expectSame(_ a: AppendRequest, _ b: AppendRequest, _ text: String) {
        #expect(a.eventId == b.eventId && a.eventIdText == b.eventIdText, "\(text)")
        #expect(a.stream == b.stream && a.type == b.type && a.actor == b.actor, "\(text)")
        #expect(a.occurredAt == b.occurredAt && a.occurredAtText == b.occurredAtText, "\(text)")
        #expect(a.expectedVersion == b.expectedVersion, "\(text)")
        #expect(a.data == b.data && a.metadata == b.metadata, "\(text)")
        #expect(a.data.members.map(\.key) == b.data.members.map(\.key), "member order: \(text)")
        #expect(a.template.bytes == b.template.bytes, "recorded form: \(text)")
        #expect(a.template.hashAt == b.template.hashAt && a.template.prevHashAt == b.template.prevHashAt, "\(text)")
    }

    /// Decodes `text` both ways and checks they agree; returns whether the decoder took it.
    @discardableResult
    private func check(_ text: String) -> Bool {
        let expected = general(text)
        guard let decoded = direct(text) else { return false }
        guard let expected else {
            Issue.record("decoder accepted what the general path refuses: \(text)")
            return true
        }
        expectSame(decoded, expected, text)
        return true
    }

    @Test func takesEveryDemoRequestAsTheGeneralPathDoes() {
        var declined: [String] = []
        DemoWorkload(cases: 40, seed: 5).generate { line in
            if !check(line) { declined.append(line) }
        }
        #expect(declined.isEmpty, "declined: \(declined.prefix(3))")
    }

    private static let action =
        #"{"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","stream":"case-c1","type":"ActionAgreed","occurredAt":"2025-03-04T10:15:00Z","actor":"t1","expectedVersion":3,"data":{"actionId":"a1","description":"Speech and language referral","owner":{"practitionerId":"sw1"},"needId":null,"agreedOn":"2025-03-04","dueOn":"2025-04-01","meetingId":"m1"},"metadata":{"source":"tests"}}"#

    /// Variants of one valid request: some still valid (in forms the decoder may or may not
    /// take), most refused. Either way both paths must agree.
    @Test(arguments: [
        ("", ""),
        (#""expectedVersion":3"#, #""expectedVersion":-1"#),
        (#""expectedVersion":3"#, #""expectedVersion":0"#),
        (#""expectedVersion":3"#, #""expectedVersion":-0"#),
        (#""expectedVersion":3"#, #""expectedVersion":3.0"#),
        (#""expectedVersion":3"#, #""expectedVersion":3e0"#),
        (#""expectedVersion":3"#, #""expectedVersion":-2"#),
        (#""expectedVersion":3"#, #""expectedVersion":03"#),
        (#""expectedVersion":3"#, #""expectedVersion":9007199254740993"#),
        (#""expectedVersion":3"#, #""expectedVersion":"3""#),
        (#""expectedVersion":3,"#, ""),
        (#","metadata":{"source":"tests"}"#, ""),
        (#""source":"tests""#, ""),
        (#""source":"tests""#, #""source":1"#),
        (#""source":"tests""#, #""source":"a","source":"b""#),
        (#""source":"tests""#, #""":"x""#),
        (#""source":"tests""#, #""sourcé":"tëst""#),
        (#":"#, #" : "#),
        (#","#, " ,\n\t"),
        ("}}", "} } \r"),
        ("}}", "}} x"),
        (#""actionId":"a1""#, #""actionId":"a\u0031""#),
        (#""actionId":"a1""#, #""actionId":"a 1""#),
        (#""actionId":"a1""#, #""actionId":"""#),
        (#""actionId":"a1""#, #""actionId":"a1","actionId":"a2""#),
        (#""actionId":"a1""#, #""actionId":"a1","extra":1"#),
        (#""actionId":"a1","#, ""),
        (#""description":"Speech and language referral""#, #""description":"Orthophonie pour Zoë""#),
        (#""description":"Speech and language referral""#, #""description":"""#),
        (#""description":"Speech and language referral""#, #""description":"Tab\there""#),
        (#""description":"Speech and language referral""#, #""description":"Quote \" here""#),
        (#""description":"Speech and language referral""#, #""description":null"#),
        (#""needId":null"#, #""needId":"n1""#),
        (#""needId":null"#, #""needId":nul"#),
        (#""needId":null"#, #""needId":false"#),
        (#""dueOn":"2025-04-01""#, #""dueOn":"2025-02-29""#),
        (#""dueOn":"2025-04-01""#, #""dueOn":"2024-02-29""#),
        (#""dueOn":"2025-04-01""#, #""dueOn":"2025-4-01""#),
        (#"{"practitionerId":"sw1"}"#, #"{"familyMember":"parent"}"#),
        (#"{"practitionerId":"sw1"}"#, #"{"familyMember":"uncle"}"#),
        (#"{"practitionerId":"sw1"}"#, #"{"practitionerId":"sw1","familyMember":"parent"}"#),
        (#"{"practitionerId":"sw1"}"#, "{}"),
        (#""type":"ActionAgreed""#, #""type":"ActionAgreedX""#),
        (#""type":"ActionAgreed""#, #""type":"CaseOpened""#),
        (#""type":"ActionAgreed","#, ""),
        (#""stream":"case-c1""#, #""stream":"agency-c1""#),
        (#""stream":"case-c1""#, #""stream":"case-""#),
        (#""stream":"case-c1""#, #""stream":"case-c/1""#),
        (#""actor":"t1""#, #""actor":"system:loader""#),
        (#""actor":"t1""#, #""actor":"system:""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-04T10:15:00.123456789Z""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-04T10:15:00+00:00""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-04T11:15:00+01:00""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-04T04:45:00.123456789-05:30""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-04T10:15:00-00:00""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-05T00:15:00+14:00""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2199-12-31T23:15:00-01:00""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"1900-01-01T00:15:00+01:00""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-04T10:15:00+24:00""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-04T10:15:00z""#),
        (#""occurredAt":"2025-03-04T10:15:00Z""#, #""occurredAt":"2025-03-04T10:15:00\u002b01:00""#),
        (#""eventId":"0f8fad5b-d9cb-469f-a165-70867728950e""#, #""eventId":"0F8FAD5B-D9CB-469F-A165-70867728950E""#),
        (#""eventId":"0f8fad5b-d9cb-469f-a165-70867728950e""#, #""eventId":"0f8fad5b""#),
    ] as [(String, String)])
    func agreesWithTheGeneralPathOnVariants(_ replacing: (String, String)) {
        let text = replacing.0.isEmpty ? Self.action : Self.action.replacing(replacing.0, with: replacing.1, maxReplacements: 1)
        #expect(replacing.0.isEmpty || text != Self.action, "variant did not apply")
        check(text)
    }

    /// An offset timestamp is taken by the decoder (not left to the general path) and
    /// recorded in UTC, byte for byte as the general path records it; the same instant sent
    /// in either spelling is the same event.
    @Test func recordsOffsetTimestampsInUTCAsTheGeneralPathDoes() throws {
        let offset = Self.action.replacing(#""2025-03-04T10:15:00Z""#, with: #""2025-03-04T11:15:00+01:00""#)
        #expect(check(offset), "the decoder declined an offset timestamp")
        let decoded = try #require(direct(offset))
        #expect(decoded.occurredAtText == "2025-03-04T10:15:00Z")
        let utc = try #require(direct(Self.action))
        #expect(decoded.hasSameContent(as: utc) && decoded.template.bytes == utc.template.bytes)
    }

    @Test func takesMembersInAnyOrderOnceTheTypeIsKnown() {
        let reordered =
            #"{"type":"CaseClosed","data":{"reason":"needs-met","closedOn":"2025-05-01"},"actor":"t1","occurredAt":"2025-05-01T09:00:00Z","stream":"case-c1","eventId":"6fa459ea-ee8a-3ca4-894e-db77e160355e"}"#
        #expect(check(reordered))
        let dataFirst =
            #"{"data":{"reason":"needs-met","closedOn":"2025-05-01"},"type":"CaseClosed","actor":"t1","occurredAt":"2025-05-01T09:00:00Z","stream":"case-c1","eventId":"6fa459ea-ee8a-3ca4-894e-db77e160355e"}"#
        #expect(!check(dataFirst), "data before type is left to the general path")
        #expect(general(dataFirst) != nil)
    }

    @Test func enforcesLengthsInCharacters() {
        let long = String(repeating: "é", count: FieldKind.maximumTextLength)
        let withText = { (text: String) in
            #"{"eventId":"6fa459ea-ee8a-3ca4-894e-db77e160355e","stream":"case-c1","type":"CaseReopened","occurredAt":"2025-05-01T09:00:00Z","actor":"t1","data":{"reopenedOn":"2025-05-01","reason":"\#(text)"}}"#
        }
        #expect(check(withText(long)))
        #expect(!check(withText(long + "e")))
        #expect(!check(withText(String(repeating: "e", count: FieldKind.maximumTextLength + 1))))
    }

    @Test func enforcesArrayAndMetadataLimits() {
        let attendees = { (n: Int) in
            (0..<n).map { "\"p\($0)\"" }.joined(separator: ",")
        }
        let meeting = { (n: Int) in
            #"{"eventId":"6fa459ea-ee8a-3ca4-894e-db77e160355e","stream":"case-c1","type":"TACMeetingHeld","occurredAt":"2025-05-01T09:00:00Z","actor":"t1","data":{"meetingId":"m2","kind":"review","heldOn":"2025-05-01","chair":"t1","attendees":[\#(attendees(n))],"familyPresent":true,"nextReviewDue":null}}"#
        }
        #expect(check(meeting(0)))
        #expect(check(meeting(FieldKind.maximumArrayCount)))
        #expect(!check(meeting(FieldKind.maximumArrayCount + 1)))

        let metadata = { (n: Int) in
            "{" + (0..<n).map { "\"k\($0)\":\"v\"" }.joined(separator: ",") + "}"
        }
        let closed = { (meta: String) in
            #"{"eventId":"6fa459ea-ee8a-3ca4-894e-db77e160355e","stream":"case-c1","type":"CaseClosed","occurredAt":"2025-05-01T09:00:00Z","actor":"t1","data":{"closedOn":"2025-05-01","reason":"needs-met"},"metadata":\#(meta)}"#
        }
        #expect(check(closed(metadata(0))))
        #expect(check(closed(metadata(AppendRequest.maximumMetadataProperties))))
        #expect(!check(closed(metadata(AppendRequest.maximumMetadataProperties + 1))))
        #expect(!check(closed(#"{"\#(String(repeating: "k", count: 65))":"v"}"#)))
    }

    /// Posted to a stream's URL, a request may leave out `stream`: the decoder reads it as that
    /// stream's, as the daemon's general path does (it adds the member); one that names
    /// another stream, or leaves it out with no URL to take it from, is declined.
    @Test func takesTheStreamOfTheURLARequestWasPostedTo() throws {
        let posted = try #require(StreamName(parsing: "case-c1"))
        let other = try #require(StreamName(parsing: "case-c2"))
        let without = Self.action.replacing(#""stream":"case-c1","#, with: "")
        #expect(without != Self.action)
        func direct(_ text: String, postedTo stream: StreamName?) -> AppendRequest? {
            var text = text
            return text.withUTF8 { AppendRequest.decodingDirectly(UnsafeRawBufferPointer($0), postedTo: stream) }
        }
        let expected = try #require(general(Self.action))
        expectSame(try #require(direct(without, postedTo: posted)), expected, without)
        expectSame(try #require(direct(Self.action, postedTo: posted)), expected, Self.action)
        #expect(direct(without, postedTo: nil) == nil)
        #expect(direct(Self.action, postedTo: other) == nil)
        let elsewhere = try #require(direct(without, postedTo: other))
        #expect(elsewhere.stream == other && elsewhere.template.bytes != expected.template.bytes)
    }
}
