import Testing

@testable import Ledger

/// `AppendRequest.decode` and its batch form, `decodeBody`: the one pipeline the CLI and the
/// daemon read requests through. What a failure names (index, eventId, field), the size
/// limit, the posted-to-stream rule and its 400/422 split, and a batch refused whole.
@Suite struct AppendDecodingTests {
    static let id = "6fa459ea-ee8a-3ca4-894e-db77e160355e"
    static let otherId = "0f8fad5b-d9cb-469f-a165-70867728950e"

    /// A valid `CaseClosed` request (the fast path takes it), without `stream` if it is nil.
    static func closed(id: String = id, stream: String? = "case-c1", actor: String = "t1") -> String {
        let member = stream.map { #""stream":"\#($0)","# } ?? ""
        return #"{"eventId":"\#(id)",\#(member)"type":"CaseClosed","occurredAt":"2025-05-01T09:00:00Z","actor":"\#(actor)","data":{"closedOn":"2025-05-01","reason":"needs-met"}}"#
    }

    /// The same request with `data` before `type`: valid, but only the general path reads it.
    static func closedDataFirst(stream: String? = "case-c1") -> String {
        let member = stream.map { #""stream":"\#($0)","# } ?? ""
        return #"{"data":{"closedOn":"2025-05-01","reason":"needs-met"},"eventId":"\#(id)",\#(member)"type":"CaseClosed","occurredAt":"2025-05-01T09:00:00Z","actor":"t1"}"#
    }

    static func stream(_ text: String) throws -> StreamName {
        try #require(StreamName(parsing: text))
    }

    static func decoded(_ text: String, index: Int = 0, postedTo: StreamName? = nil) -> Result<AppendRequest, AppendFailure> {
        do throws(AppendFailure) {
            return .success(try AppendRequest.decode(text, index: index, postedTo: postedTo))
        } catch {
            return .failure(error)
        }
    }

    /// The failure decoding `text` gives; records an issue (and returns nil) if it decodes.
    static func failure(_ text: String, index: Int = 0, postedTo: StreamName? = nil) -> AppendFailure? {
        switch decoded(text, index: index, postedTo: postedTo) {
        case .success:
            Issue.record("decoded: \(text)")
            return nil
        case .failure(let failure):
            return failure
        }
    }

    static func violation(_ failure: AppendFailure?) -> ContractViolation? {
        guard case .invalid(let violation)? = failure?.error else { return nil }
        return violation
    }

    static func body(_ text: String, postedTo: StreamName?, maximumBatch: Int = 10) -> Result<AppendBody, AppendBodyFailure> {
        var text = text
        return text.withUTF8 { utf8 in
            do throws(AppendBodyFailure) {
                return .success(try AppendRequest.decodeBody(UnsafeRawBufferPointer(utf8), postedTo: postedTo, maximumBatch: maximumBatch))
            } catch {
                return .failure(error)
            }
        }
    }

    // MARK: What a failure names

    @Test func aFailureNamesItsIndexTheEventIdSentAndTheField() throws {
        let actor = Self.failure(Self.closed(actor: "t 1"), index: 7)
        #expect(actor?.index == 7 && actor?.eventId == Self.id)
        #expect(Self.violation(actor)?.field == "actor" && Self.violation(actor)?.isBeyondSchema == false)

        // The eventId is named as sent, even when it is not a valid one.
        let badId = Self.failure(Self.closed(id: "not-a-uuid"), index: 2)
        #expect(badId?.index == 2 && badId?.eventId == "not-a-uuid" && Self.violation(badId)?.field == "eventId")

        // Not a string, or not JSON at all: no eventId to name.
        let numeric = Self.failure(Self.closed().replacing(#""\#(Self.id)""#, with: "5"), index: 1)
        #expect(numeric?.index == 1 && numeric?.eventId == nil && Self.violation(numeric)?.field == "eventId")
        let truncated = Self.failure(String(Self.closed().dropLast()), index: 3)
        #expect(truncated?.index == 3 && truncated?.eventId == nil)
        #expect(Self.violation(truncated)?.field == "" && Self.violation(truncated)?.problem.hasPrefix("malformed JSON") == true)
        let array = Self.failure("[1]", index: 4)
        #expect(array?.eventId == nil && Self.violation(array)?.problem == "expected a JSON object, got array")
    }

    @Test func theRulesBeyondTheSchemaAreMarkedSo() throws {
        let opened = #"{"eventId":"\#(Self.id)","stream":"case-c1","type":"CaseOpened","occurredAt":"2025-03-04T10:15:00Z","actor":"t1","data":{"caseId":"c2","childId":"ch","dateOfBirth":null,"gender":"male","ethnicity":"WBRI","openedOn":"2025-03-04","openedBy":"t1"}}"#
        let subject = Self.failure(opened, index: 5)
        #expect(subject?.index == 5 && subject?.eventId == Self.id)
        #expect(Self.violation(subject)?.field == "data.caseId" && Self.violation(subject)?.isBeyondSchema == true)
    }

    // MARK: The size limit

    @Test func aRequestIsAtMostMaximumEncodedSizeBytes() throws {
        let limit = AppendRequest.maximumEncodedSize
        let request = Self.closed()
        let atLimit = request + String(repeating: " ", count: limit - request.utf8.count)
        #expect(atLimit.utf8.count == limit)
        let accepted = try Self.decoded(atLimit).get()
        #expect(accepted.eventIdText == Self.id)

        let over = atLimit + " "
        let refused = Self.failure(over, index: 9)
        #expect(refused?.index == 9 && refused?.eventId == nil, "too large to be read for its eventId")
        #expect(Self.violation(refused) == ContractViolation(field: "", problem: "line is \(limit + 1) bytes; the limit is \(limit)"))
    }

    // MARK: The stream of the URL a request was posted to

    @Test(arguments: [false, true])
    func aRequestPostedToAStreamMayLeaveItsStreamOut(generalPath: Bool) throws {
        let posted = try Self.stream("case-c1")
        let request = { (stream: String?) in generalPath ? Self.closedDataFirst(stream: stream) : Self.closed(stream: stream) }
        let expected = try Self.decoded(request("case-c1")).get()
        let omitted = try Self.decoded(request(nil), postedTo: posted).get()
        #expect(omitted.stream == posted && omitted.hasSameContent(as: expected))
        let given = try Self.decoded(request("case-c1"), postedTo: posted).get()
        #expect(given.hasSameContent(as: expected))

        // Nothing to take it from: the member is missing, as the schema says (400).
        let missing = Self.violation(Self.failure(request(nil)))
        #expect(missing?.field == "stream" && missing?.problem == "required field is missing" && missing?.isBeyondSchema == false)
    }

    @Test(arguments: [false, true])
    func aStreamOtherThanThePathsIsRefusedBeyondTheSchema(generalPath: Bool) throws {
        let request = generalPath ? Self.closedDataFirst() : Self.closed()
        let elsewhere = Self.failure(request, index: 4, postedTo: try Self.stream("case-c2"))
        #expect(elsewhere?.index == 4 && elsewhere?.eventId == Self.id)
        #expect(
            Self.violation(elsewhere)
                == ContractViolation(field: "stream", problem: "is case-c1, but the request was posted to case-c2", isBeyondSchema: true))

        // A stream that is not a string: the schema's rule (400).
        let numeric = Self.violation(Self.failure(request.replacing(#""case-c1""#, with: "7"), postedTo: try Self.stream("case-c1")))
        #expect(numeric == ContractViolation(field: "stream", problem: "expected a string, got integer"))
    }

    /// A type on the wrong kind of stream: beyond the schema when the stream is the path's (the
    /// body never named it), the schema's own rule when the body names it.
    @Test func aTypeOnTheWrongKindOfStreamIsBeyondTheSchemaOnlyWhenTheStreamIsThePaths() throws {
        let agency = try Self.stream("agency-a1")
        let fromPath = Self.violation(Self.failure(Self.closed(stream: nil), postedTo: agency))
        #expect(fromPath?.field == "stream" && fromPath?.isBeyondSchema == true, "\(String(describing: fromPath))")
        let named = Self.violation(Self.failure(Self.closed(stream: "agency-a1"), postedTo: agency))
        #expect(named?.field == "stream" && named?.isBeyondSchema == false, "\(String(describing: named))")
        #expect(named?.problem == fromPath?.problem)
    }

    // MARK: Bodies: one request or a batch

    @Test func aBodyOfOneRequestIsOneRequest() throws {
        let posted = try Self.stream("case-c1")
        guard case .single(let request) = try Self.body(Self.closed(stream: nil), postedTo: posted).get() else {
            Issue.record("not a single request")
            return
        }
        #expect(request.stream == posted && request.eventIdText == Self.id)
        // Refused, it is event 0; not JSON, or not an object, it is the body that is refused.
        let refused = Self.body(Self.closed(actor: "t 1"), postedTo: posted)
        guard case .failure(.event(let failure)) = refused else {
            Issue.record("\(refused)")
            return
        }
        #expect(failure.index == 0 && failure.eventId == Self.id && Self.violation(failure)?.field == "actor")
        guard case .failure(.body(let notJSON)) = Self.body("{\"eventId\":", postedTo: posted) else {
            Issue.record("not refused as a body")
            return
        }
        #expect(notJSON.hasPrefix("the body is not JSON: malformed JSON"))
        #expect(
            throws: AppendBodyFailure.body("the body must be an append request (a JSON object) or an array of them, not integer")
        ) { try Self.body("7", postedTo: posted).get() }
    }

    @Test func aBatchIsDecodedInOrder() throws {
        let posted = try Self.stream("case-c1")
        let text = "[" + Self.closed(stream: nil) + " , " + Self.closed(id: Self.otherId) + "]"
        let body = try Self.body(text, postedTo: posted).get()
        #expect(body.isBatch && body.requests.map(\.eventIdText) == [Self.id, Self.otherId])
        #expect(body.requests.allSatisfy { $0.stream == posted })
        // A batch of one is still a batch (answered with an array).
        #expect(try Self.body("[" + Self.closed() + "]", postedTo: posted).get().isBatch)
    }

    /// Any bad element refuses the whole batch: no requests come back, and the failure names
    /// the first bad element by its index and eventId.
    @Test func anyBadElementRefusesTheWholeBatchNamingIt() throws {
        let posted = try Self.stream("case-c1")
        let good = Self.closed()
        let bad = Self.closed(id: Self.otherId, actor: "t 1")
        let worse = Self.closed(id: Self.otherId, stream: "case-c9")
        let refused = Self.body("[\(good),\(bad),\(worse)]", postedTo: posted)
        guard case .failure(.event(let failure)) = refused else {
            Issue.record("\(refused)")
            return
        }
        #expect(failure.index == 1 && failure.eventId == Self.otherId && Self.violation(failure)?.field == "actor")

        // Beyond the schema in a batch too: the stream against the path, at its index.
        guard case .failure(.event(let elsewhere)) = Self.body("[\(good),\(good),\(worse)]", postedTo: posted) else {
            Issue.record("a stream other than the path's was taken")
            return
        }
        #expect(elsewhere.index == 2 && Self.violation(elsewhere)?.isBeyondSchema == true)

        #expect(
            throws: AppendBodyFailure.event(
                AppendFailure(
                    index: 1, eventId: nil,
                    error: .invalid(ContractViolation(field: "", problem: "an append request is a JSON object, not integer"))))
        ) { try Self.body("[\(good),5]", postedTo: posted).get() }
        #expect(throws: AppendBodyFailure.body("the batch is empty")) { try Self.body(" [ ] ", postedTo: posted).get() }
        #expect(throws: AppendBodyFailure.body("the batch has 3 events; the limit is 2")) {
            try Self.body("[\(good),\(good),\(good)]", postedTo: posted, maximumBatch: 2).get()
        }
        guard case .failure(.body(let notJSON)) = Self.body("[\(good),", postedTo: posted) else {
            Issue.record("a cut batch was not refused as a body")
            return
        }
        #expect(notJSON.hasPrefix("the body is not JSON"))
    }
}
