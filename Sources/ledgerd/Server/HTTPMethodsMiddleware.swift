import Hummingbird
import Synchronization

/// HTTP's method rules that a router leaves to the server (RFC 9110 §9.1, §15.5.6):
///
/// - `HEAD` is answered wherever `GET` is (the router generates those endpoints from the GET
///   routes), with the GET's headers; this keeps its `Content-Length`, which the router's
///   generated HEAD drops with the body, so a client learns the size it asks about.
/// - A path the API serves, asked with a method it does not serve there, is `405 Method Not
///   Allowed` naming the methods it takes in `Allow`, not a 404 that says the path is wrong.
///
/// Added before the routes and inside `ProblemMiddleware` (which renders its 405), so it wraps
/// every route (for HEAD) and the router's not-found answer (for 405).
struct HTTPMethodsMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    /// The routes served, filled in as they are added (`RouteTable`).
    let served: ServedRoutes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            if request.method == .head, response.headers[.contentLength] == nil, let length = response.body.contentLength {
                response.headers[.contentLength] = String(length)
            }
            return response
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            let allowed = served.methods(at: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            let list = allowed.joined(separator: ", ")
            throw Problem(
                status: .methodNotAllowed, slug: "method-not-allowed", title: "Method not allowed",
                detail: "\(request.method) is not served at \(request.uri.path); it takes \(list)", headers: [.allow: list])
        }
    }
}

/// The method and path pattern of every route served, for `HTTPMethodsMiddleware`.
final class ServedRoutes: Sendable {
    private let routes = Mutex<[RouteTable.Route]>([])

    func add(_ route: RouteTable.Route) {
        routes.withLock { $0.append(route) }
    }

    /// The methods served at `path` (HEAD wherever GET is), sorted.
    func methods(at path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods = Set(routes.withLock { $0 }.filter { Self.pattern($0.path, matches: segments) }.map(\.method))
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    /// Whether a route's pattern (`/streams/{stream}`, `/tile/entries/**`) matches a path's segments.
    static func pattern(_ pattern: String, matches segments: [Substring]) -> Bool {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        for (index, part) in parts.enumerated() {
            if part == "**" { return segments.count > index }
            guard index < segments.count else { return false }
            if part == "*" || (part.hasPrefix("{") && part.hasSuffix("}")) || part.hasPrefix(":") { continue }
            if part != segments[index] { return false }
        }
        return parts.count == segments.count
    }
}
