/// Who made a request, once `AccessMiddleware` has authenticated its token: what routes
/// check (authorship, scope) and what the access trail records.
struct Caller: Sendable, Equatable {
    /// The token's id (`tok-…`), never the token.
    var tokenId: String
    var role: Role
    var principal: Principal
    /// For integrations: the stream prefixes and event types it may read (empty: all).
    var streams: [String] = []
    var types: [String] = []
}
