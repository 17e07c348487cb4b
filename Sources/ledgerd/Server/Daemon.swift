import Dispatch
import Ledger
import Projections

/// What every route shares: the ledger and the parts of the daemon that serve it.
struct Daemon: Sendable {
    let ledger: Ledger
    let committer: GroupCommitter
    let head: LogHead
    let projector: Projector
    let tokens: TokenStore
    let metrics: ServerMetrics

    /// Views and verification are CPU-bound for milliseconds to seconds. They run on this
    /// queue so that Swift's cooperative pool (two threads here) stays free for I/O.
    private let work = DispatchQueue(label: "ledgerd.work", attributes: .concurrent)

    init(
        ledger: Ledger, committer: GroupCommitter, head: LogHead, projector: Projector, tokens: TokenStore,
        metrics: ServerMetrics
    ) {
        self.ledger = ledger
        self.committer = committer
        self.head = head
        self.projector = projector
        self.tokens = tokens
        self.metrics = metrics
    }

    var viewQuery: ViewQuery { ViewQuery(projector: projector) }

    /// Runs blocking work off the cooperative pool.
    func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await ledgerd.offload(to: work, body)
    }
}
