import Hummingbird

/// Lets a request through only with an active bearer token whose role carries `permission`:
/// no token (or not a bearer one) → 401, an unknown or revoked token → 401, a role without
/// the permission → 403.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    let tokens: TokenStore
    let permission: Permission

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], let token = AccessToken.fromAuthorization(header) else {
            throw Problem.unauthenticated
        }
        guard let role = try tokens.role(of: token) else { throw Problem.invalidToken }
        guard role.permissions.contains(permission) else { throw Problem.forbidden(role: role, permission: permission) }
        var context = context
        context.role = role
        return try await next(request, context)
    }
}
