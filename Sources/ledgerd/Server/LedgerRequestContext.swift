import Hummingbird

/// Per-request state: Hummingbird's core storage and the caller's role once authenticated.
struct LedgerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by `AccessMiddleware` for routes that need a token.
    var caller: Caller?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        caller = nil
    }

    /// A batch of appends may be large; each event is still limited once recorded
    /// (`RecordedEvent.maximumSize`; see `AppendRequest.decodeBody`).
    var maxUploadSize: Int { AppendRoutes.maximumBodySize }
}
