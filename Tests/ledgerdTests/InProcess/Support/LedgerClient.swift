import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

@testable import ledgerd

/// Requests to an `InProcessLedger`'s application as a role's token holder (or anonymously),
/// answered as `HTTPReply`s.
struct LedgerClient: Sendable {
    let client: any TestClientProtocol
    let tokens: [Role: String]

    /// The loopback port in `.live` mode (nil in `.router` mode).
    var port: Int? { client.port }

    struct BadHeader: Error, CustomStringConvertible {
        var name: String
        var description: String { "not a header name: \(name)" }
    }

    func token(_ role: Role) -> String { tokens[role] ?? "ldg_missing" }

    /// One request; `path` includes any query. `role` sends its token, `token` this one.
    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ path: String, as role: Role? = nil, token: String? = nil, headers: [(String, String)] = [],
        body: String? = nil
    ) async throws -> HTTPReply {
        var fields = HTTPFields()
        if let bearer = token ?? role.map(self.token) { fields[.authorization] = "Bearer \(bearer)" }
        for (name, value) in headers {
            guard let field = HTTPField.Name(name) else { throw BadHeader(name: name) }
            fields[field] = value
        }
        if body != nil { fields[.contentType] = "application/json" }
        let response = try await client.executeRequest(uri: path, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) })
        var lowercased: [String: String] = [:]
        for field in response.headers { lowercased[field.name.canonicalName] = field.value }
        return HTTPReply(status: Int(response.status.code), headers: lowercased, body: Array(response.body.readableBytesView))
    }

    @discardableResult
    func get(_ path: String, as role: Role? = nil, token: String? = nil, headers: [(String, String)] = []) async throws -> HTTPReply {
        try await request(.get, path, as: role, token: token, headers: headers)
    }

    @discardableResult
    func post(_ path: String, as role: Role? = nil, token: String? = nil, body: String) async throws -> HTTPReply {
        try await request(.post, path, as: role, token: token, body: body)
    }

    /// A JSON answer of `role`'s GET, as an array of objects; any other answer throws.
    func objects(_ path: String, as role: Role? = nil, token: String? = nil) async throws -> [[String: Any]] {
        let reply = try await get(path, as: role, token: token)
        guard reply.status == 200, let objects = try reply.json() as? [[String: Any]] else {
            throw UnexpectedAnswer(path: path, reply: reply)
        }
        return objects
    }

    /// A JSON object answer of `role`'s GET; any other answer throws.
    func object(_ path: String, as role: Role? = nil, token: String? = nil) async throws -> [String: Any] {
        let reply = try await get(path, as: role, token: token)
        guard reply.status == 200, let object = try reply.json() as? [String: Any] else { throw UnexpectedAnswer(path: path, reply: reply) }
        return object
    }

    struct UnexpectedAnswer: Error, CustomStringConvertible {
        var path: String
        var reply: HTTPReply
        var description: String { "GET \(path): \(reply.status) \(reply.text.prefix(300))" }
    }
}
