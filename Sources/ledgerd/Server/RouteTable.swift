import Hummingbird

/// The daemon's router and, for every route it serves, who may call it: anyone (the probes)
/// or a token whose role carries one `Permission`.
///
/// Routes are added a group at a time, each group behind its `AccessMiddleware`, and the
/// table notes which routes each group added. So the permission a route needs is declared in
/// one place (`LedgerServer.buildRouter`), and the role matrix the README and openapi.yaml
/// state is checked against this table and `Role`, rather than restated by hand.
struct RouteTable {
    /// A route as Hummingbird matches it: method and path pattern (`/streams/{stream}`, `/tile/entries/**`).
    struct Route: Hashable, Comparable, Sendable, CustomStringConvertible {
        var method: String
        var path: String

        var description: String { "\(method) \(path)" }

        static func < (a: Route, b: Route) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }

    /// Who may call a route.
    enum Access: Hashable, Sendable {
        /// No token needed: the probes.
        case anyone
        /// A bearer token whose role carries this permission.
        case requires(Permission)
    }

    /// HEAD is answered wherever GET is, as HTTP asks (`HTTPMethodsMiddleware`).
    let router = Router(context: LedgerRequestContext.self, options: .autoGenerateHeadEndpoints)
    /// Every route added through `add`, with who may call it.
    private(set) var access: [Route: Access] = [:]
    /// The same routes, for the 405 answer of a method a path does not take.
    let served = ServedRoutes()

    /// Adds the routes `declare` puts on a new group whose callers need `access` (checked by
    /// `AccessMiddleware` against `tokens`), and notes each.
    mutating func add(_ access: Access, tokens: TokenStore, _ declare: (RouterGroup<LedgerRequestContext>) -> Void) {
        let before = Set(routes)
        let group = router.group()
        if case .requires(let permission) = access {
            group.add(middleware: AccessMiddleware(tokens: tokens, permission: permission))
        }
        declare(group)
        for route in routes where !before.contains(route) {
            self.access[route] = access
            served.add(route)
        }
    }

    /// The routes the router serves now.
    private var routes: [Route] {
        router.routes.map { Route(method: $0.method.rawValue, path: $0.path.description) }
    }
}
