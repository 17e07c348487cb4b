import DemoAuthority
import Testing

@testable import Ledger

/// The direct decoder is a shortcut, never a second opinion: whatever it accepts, the general
/// parser and validator accept as the same request; whatever they refuse, it declines. And the
/// entry point the CLI and the daemon use (`AppendRequest.decode`, `decodeBody`) answers as the
/// general path does, whichever path took the request: alone, posted to a stream, or in a batch.
@Suite struct AppendRequestDecoderTests {
    /// The general path's verdict on `text`: the request, or the failure it names.
    private static func general(_ text: String, postedTo: StreamName? = nil) -> Result<AppendRequest, AppendFailure> {
        var text = text
        return text.withUTF8 { utf8 in
            do throws(AppendFailure) {
                return .success(try AppendRequest.decodeGenerally(UnsafeRawBufferPointer(utf8), index: 0, postedTo: postedTo))
            } catch {
                return .failure(error)
            }
        }
    }

    private static func direct(_ text: String, postedTo: StreamName? = nil) -> AppendRequest? {
        var text = text
        return text.withUTF8 { AppendRequest.decodingDirectly(UnsafeRawBufferPointer($0), postedTo: postedTo) }
    }

    /// The entry point's verdict.
    private static func decoded(_ text: String, postedTo: StreamName? = nil) -> Result<AppendRequest, AppendFailure> {
        do throws(AppendFailure) {
            return .success(try AppendRequest.decode(text, index: 0, postedTo: postedTo))
        } catch {
            return .failure(error)
        }
    }

    /// The batch form's verdict on `text` as a body.
    private static func body(_ text: String, postedTo: StreamName?) -> Result<AppendBody, AppendBodyFailure> {
        var text = text
        return text.withUTF8 { utf8 in
            do throws(AppendBodyFailure) {
                return .success(try AppendRequest.decodeBody(UnsafeRawBufferPointer(utf8), postedTo: postedTo, maximumBatch: 10))
            } catch {
                return .failure(error)
            }
        }
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

    /// Decodes `text` both ways and checks they agree, and that the entry point and the batch
    /// form give the general path's verdict; returns whether the decoder took it.
    @discardableResult
    private func check(_ text: String, postedTo: StreamName? = nil) -> Bool {
        let expected = Self.general(text, postedTo: postedTo)
        checkEntryPoints(text, postedTo: postedTo, expected: expected)
        guard let decoded = Self.direct(text, postedTo: postedTo) else { return false }
        guard case .success(let expected) = expected else {
            Issue.record("decoder accepted what the general path refuses: \(text) posted to \(String(describing: postedTo))")
            return true
        }
        expectSame(decoded, expected, text)
        return true
    }

    /// `decode` gives exactly the general path's verdict; so does `decodeBody`, for `text` as
    /// the body, as a batch of one and as a batch of two (where the first event is the one named).
    private func checkEntryPoints(_ text: String, postedTo: StreamName?, expected: Result<AppendRequest, AppendFailure>) {
        let context = "\(text) posted to \(String(describing: postedTo))"
        switch (Self.decoded(text, postedTo: postedTo), expected) {
        case (.success(let request), .success(let expected)): expectSame(request, expected, context)
        case (.failure(let failure), .failure(let expected)): #expect(failure == expected, "\(context)")
        case (let entry, _): Issue.record("decode and the general path disagree: \(entry) against \(expected): \(context)")
        }
        let bodies = [
            (Self.body(text, postedTo: postedTo), false, 1), (Self.body("[" + text + "]", postedTo: postedTo), true, 1),
            (Self.body(" [ \(text) ,\n\(text) ] ", postedTo: postedTo), true, 2),
        ]
        for (verdict, isBatch, count) in bodies {
            switch (verdict, expected) {
            case (.success(let body), .success(let expected)):
                #expect(body.isBatch == isBatch && body.requests.count == count, "\(context)")
                for request in body.requests { expectSame(request, expected, context) }
            case (.failure(.event(let failure)), .failure(let expected)):
                #expect(failure == expected, "\(context)")
            case (.failure(.body), .failure(let expected)):
                // Only what is not a JSON object at all is refused as a body, not as an event.
                let isObject = (try? JSONParser.parse(text))?.objectValue != nil
                #expect(!isObject, "refused as a body, not as event 0 (\(expected)): \(context)")
            case (let verdict, _):
                Issue.record("decodeBody and the general path disagree: \(verdict) against \(expected): \(context)")
            }
        }
    }

    /// `text` less its `stream` member, for posting to a stream's URL.
    private static func withoutStream(_ text: String, _ stream: StreamName) -> String {
        text.replacing(#""stream":"\#(stream.text)","#, with: "", maxReplacements: 1)
    }

    /// Every demo request, as a line and posted to its stream's URL with and without `stream`.
    @Test func takesEveryDemoRequestAsTheGeneralPathDoes() {
        var declined: [String] = []
        DemoWorkload(cases: 40, seed: 5).generate { line in
            guard check(line), let stream = Self.direct(line)?.stream else {
                declined.append(line)
                return
            }
            let without = Self.withoutStream(line, stream)
            #expect(without != line, "no stream member to leave out: \(line)")
            if !check(line, postedTo: stream) || !check(without, postedTo: stream) { declined.append(line) }
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
    func agreesWithTheGeneralPathOnVariants(_ replacing: (String, String)) throws {
        let text = replacing.0.isEmpty ? Self.action : Self.action.replacing(replacing.0, with: replacing.1, maxReplacements: 1)
        #expect(replacing.0.isEmpty || text != Self.action, "variant did not apply")
        check(text)
        // Posted to its own stream's URL, to another's, and with `stream` left to the path.
        let posted = try #require(StreamName(parsing: "case-c1"))
        let other = try #require(StreamName(parsing: "case-c2"))
        let agency = try #require(StreamName(parsing: "agency-c1"))
        let without = Self.withoutStream(text, posted)
        for postedTo in [posted, other, agency] {
            check(text, postedTo: postedTo)
            check(without, postedTo: postedTo)
        }
    }

    /// An offset timestamp is taken by the decoder (not left to the general path) and
    /// recorded in UTC, byte for byte as the general path records it; the same instant sent
    /// in either spelling is the same event.
    @Test func recordsOffsetTimestampsInUTCAsTheGeneralPathDoes() throws {
        let offset = Self.action.replacing(#""2025-03-04T10:15:00Z""#, with: #""2025-03-04T11:15:00+01:00""#)
        #expect(check(offset), "the decoder declined an offset timestamp")
        let decoded = try #require(Self.direct(offset))
        #expect(decoded.occurredAtText == "2025-03-04T10:15:00Z")
        let utc = try #require(Self.direct(Self.action))
        #expect(decoded.hasSameContent(as: utc) && decoded.template.bytes == utc.template.bytes)
    }

    @Test func takesMembersInAnyOrderOnceTheTypeIsKnown() {
        let reordered =
            #"{"type":"CaseClosed","data":{"reason":"needs-met","closedOn":"2025-05-01"},"actor":"t1","occurredAt":"2025-05-01T09:00:00Z","stream":"case-c1","eventId":"6fa459ea-ee8a-3ca4-894e-db77e160355e"}"#
        #expect(check(reordered))
        let dataFirst =
            #"{"data":{"reason":"needs-met","closedOn":"2025-05-01"},"type":"CaseClosed","actor":"t1","occurredAt":"2025-05-01T09:00:00Z","stream":"case-c1","eventId":"6fa459ea-ee8a-3ca4-894e-db77e160355e"}"#
        #expect(!check(dataFirst), "data before type is left to the general path")
        #expect((try? Self.general(dataFirst).get()) != nil)
        // Posted to its stream without naming it, still the general path's, and still taken.
        let posted = #"{"data":{"reason":"needs-met","closedOn":"2025-05-01"},"type":"CaseClosed","actor":"t1","occurredAt":"2025-05-01T09:00:00Z","eventId":"6fa459ea-ee8a-3ca4-894e-db77e160355e"}"#
        let stream = StreamName(parsing: "case-c1")
        #expect(!check(posted, postedTo: stream) && (try? Self.decoded(posted, postedTo: stream).get())?.stream == stream)
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
    /// stream's, as the general path does (it adds the member); one that names another stream,
    /// or leaves it out with no URL to take it from, is declined, and the entry point names why.
    @Test func takesTheStreamOfTheURLARequestWasPostedTo() throws {
        let posted = try #require(StreamName(parsing: "case-c1"))
        let other = try #require(StreamName(parsing: "case-c2"))
        let without = Self.withoutStream(Self.action, posted)
        #expect(without != Self.action)
        let expected = try Self.general(Self.action).get()
        expectSame(try #require(Self.direct(without, postedTo: posted)), expected, without)
        expectSame(try #require(Self.direct(Self.action, postedTo: posted)), expected, Self.action)
        #expect(Self.direct(without, postedTo: nil) == nil)
        #expect(Self.direct(Self.action, postedTo: other) == nil)
        let elsewhere = try #require(Self.direct(without, postedTo: other))
        #expect(elsewhere.stream == other && elsewhere.template.bytes != expected.template.bytes)
        for (text, postedTo) in [(without, posted), (Self.action, posted), (without, nil), (Self.action, other), (without, other)] {
            check(text, postedTo: postedTo)
        }
        guard case .failure(let failure) = Self.decoded(Self.action, postedTo: other), case .invalid(let violation) = failure.error
        else {
            Issue.record("a request naming another stream than the path's was taken")
            return
        }
        #expect(violation.field == "stream" && violation.isBeyondSchema)
    }
}
