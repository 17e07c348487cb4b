import Foundation
import Testing

/// An RFC 9457 problem, as the daemon sends every refusal: `application/problem+json` with
/// `type` (`urn:ledgerd:problem:…`), `title`, `status` (the response's) and `detail`, plus
/// extension members (`field`, `index`, `eventId`, `role`, `permission`…).
struct ProblemDetails {
    let object: [String: Any]

    var type: String? { object["type"] as? String }
    /// The type's last part: `forbidden`, `not-yours`, `invalid-event`…
    var slug: String? { type.map { String($0.dropFirst("urn:ledgerd:problem:".count)) } }
    var detail: String { object["detail"] as? String ?? "" }
    var field: String? { object["field"] as? String }
    var index: Int? { object["index"] as? Int }
    subscript(key: String) -> Any? { object[key] }

    /// The problem `reply` carries, its shape checked: the content type, the four standard
    /// members, `status` equal to the response's and `type` a ledgerd URN.
    static func of(_ reply: HTTPReply, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProblemDetails {
        #expect(reply.contentType == "application/problem+json", "\(reply.status) \(reply.text)", sourceLocation: sourceLocation)
        let object = try #require(try reply.json() as? [String: Any], "not a JSON object: \(reply.text)", sourceLocation: sourceLocation)
        let problem = ProblemDetails(object: object)
        #expect(problem.type?.hasPrefix("urn:ledgerd:problem:") == true, "\(reply.text)", sourceLocation: sourceLocation)
        #expect(object["title"] is String && object["detail"] is String, "\(reply.text)", sourceLocation: sourceLocation)
        #expect(object["status"] as? Int == reply.status, "\(reply.text)", sourceLocation: sourceLocation)
        return problem
    }
}
