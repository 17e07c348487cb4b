import Hummingbird
import Ledger

/// Lets a request through only with an active bearer token whose role carries `permission`:
/// no token (or not a bearer one) → 401; an unknown, revoked or expired token, one made
/// before principals, or a departed practitioner's → 401 saying which; a role without the
/// permission → 403. Sets the request's `caller`.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    let tokens: TokenStore
    let permission: Permission

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], let token = AccessToken.fromAuthorization(header) else {
            throw Problem.unauthenticated
        }
        let caller: Caller
        do {
            caller = try tokens.authenticate(token, now: Ledger.systemClock())
        } catch let rejected as TokenStore.Rejected {
            throw Problem.invalidToken(rejected.description)
        }
        guard caller.role.permissions.contains(permission) else { throw Problem.forbidden(role: caller.role, permission: permission) }
        var context = context
        context.caller = caller
        return try await next(request, context)
    }
}
