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
    /// The key the daemon signs checkpoints with (nil when it signs none), and its
    /// witnesses' keys: what an audit pack hands a recipient to check it with.
    let logKey: NoteVerifier?
    let witnessKeys: [NoteVerifier]

    /// Views and verification are CPU-bound for milliseconds to seconds. They run on this
    /// queue so that Swift's cooperative pool (two threads here) stays free for I/O.
    private let work = DispatchQueue(label: "ledgerd.work", attributes: .concurrent)

    init(
        ledger: Ledger, committer: GroupCommitter, head: LogHead, projector: Projector, tokens: TokenStore,
        metrics: ServerMetrics, logKey: NoteVerifier? = nil, witnessKeys: [NoteVerifier] = []
    ) {
        self.logKey = logKey
        self.witnessKeys = witnessKeys
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
