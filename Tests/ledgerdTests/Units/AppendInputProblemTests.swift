import Foundation
import Ledger
import NIOCore
import Testing

@testable import ledgerd

/// What the daemon and the CLI say about a request `AppendRequest.decode` refuses: over HTTP,
/// 400 for what the API document states and 422 for a rule it cannot (a body's stream against
/// the path's), naming the event; on the command line, the line and the eventId.
@Suite struct AppendInputProblemTests {
    static let id = "6fa459ea-ee8a-3ca4-894e-db77e160355e"

    static func closed(id: String = id, stream: String? = "case-c1", actor: String = "t1") -> String {
        let member = stream.map { #""stream":"\#($0)","# } ?? ""
        return #"{"eventId":"\#(id)",\#(member)"type":"CaseClosed","occurredAt":"2025-05-01T09:00:00Z","actor":"\#(actor)","data":{"closedOn":"2025-05-01","reason":"needs-met"}}"#
    }

    /// The problem the route answers `body` posted to `stream` with; nil if it is taken.
    static func problem(_ body: String, postedTo stream: String = "case-c1") throws -> Problem? {
        let stream = try #require(StreamName(parsing: stream))
        do throws(Problem) {
            _ = try AppendRoutes.decode(ByteBuffer(string: body), stream: stream)
            return nil
        } catch {
            return error
        }
    }

    static func extensions(_ problem: Problem?) -> [String: JSONValue] {
        Dictionary(problem?.extensions.map { ($0.key, $0.value) } ?? [], uniquingKeysWith: { first, _ in first })
    }

    @Test func aBodyTheContractTakesIsNoProblem() throws {
        #expect(try Self.problem(Self.closed(stream: nil)) == nil)
        #expect(try Self.problem("[\(Self.closed()),\(Self.closed(stream: nil))]") == nil)
    }

    @Test func aBodyThatIsNotRequestsIsAnInvalidRequest() throws {
        for (body, detail) in [
            ("{\"eventId\":", "the body is not JSON: malformed JSON"), ("[]", "the batch is empty"),
            ("7", "the body must be an append request (a JSON object) or an array of them, not integer"),
        ] {
            let problem = try Self.problem(body)
            #expect(problem?.status == .badRequest && problem?.slug == "invalid-request", "\(body)")
            #expect(problem?.detail.hasPrefix(detail) == true && Self.extensions(problem).isEmpty, "\(String(describing: problem))")
        }
    }

    @Test func anEventTheSchemaRefusesIs400NamingIt() throws {
        let problem = try Self.problem("[\(Self.closed()),\(Self.closed(actor: "t 1"))]")
        #expect(problem?.status == .badRequest && problem?.slug == "invalid-event")
        let named = Self.extensions(problem)
        #expect(named["index"] == .number(1) && named["eventId"] == .string(Self.id) && named["field"] == .string("actor"))
        #expect(problem?.detail.hasPrefix("event \(Self.id): actor: expected a practitioner ID") == true, "\(String(describing: problem))")
    }

    @Test func aStreamOtherThanThePathsIs422() throws {
        for (body, stream) in [(Self.closed(), "case-c2"), (Self.closed(stream: nil), "agency-a1")] {
            let problem = try Self.problem(body, postedTo: stream)
            #expect(problem?.status == .unprocessableContent && problem?.slug == "refused", "\(body) to \(stream)")
            let named = Self.extensions(problem)
            #expect(named["index"] == .number(0) && named["eventId"] == .string(Self.id) && named["field"] == .string("stream"))
        }
        // Named in the body, the wrong kind of stream is the schema's own rule.
        let named = try Self.problem(Self.closed(stream: "agency-a1"), postedTo: "agency-a1")
        #expect(named?.status == .badRequest && named?.slug == "invalid-event")
    }

    @Test func theCommandLineNamesTheLineAndTheEventId() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let oversized = Self.closed(id: "0f8fad5b-d9cb-469f-a165-70867728950e") + String(repeating: " ", count: AppendRequest.maximumEncodedSize)
        for (lines, expected) in [
            ([Self.closed(), "", Self.closed(actor: "t 1")], "line 3 (eventId \(Self.id)): invalid: actor: expected a practitioner ID"),
            ([Self.closed(), "{\"eventId\":"], "line 2: invalid: malformed JSON"),
            ([Self.closed(), oversized], "line 2: invalid: line is \(oversized.utf8.count) bytes; the limit is \(AppendRequest.maximumEncodedSize)"),
        ] {
            let file = try dir.write("input.ndjson", lines)
            var input = try RequestInput(path: file)
            #expect(try input.next()?.eventIdText == Self.id)
            do {
                _ = try input.next()
                Issue.record("the refused line was taken: \(expected)")
            } catch let failure as AppendFailure {
                // The index counts requests (a blank line is none); the message names the line.
                #expect(failure.index == 1)
                #expect(input.describe(failure).hasPrefix(expected), "\(input.describe(failure))")
            }
        }
    }
}
