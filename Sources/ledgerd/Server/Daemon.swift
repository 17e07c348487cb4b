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
    /// Records every response that carries case data before it is sent (nil only with the
    /// benchmarks' `serve --no-access-trail`).
    let accessRecorder: AccessRecorder?
    /// Bound the replays every request's answers share, and the verifications of `/verify`.
    let replays: WorkLimit
    let verifications: WorkLimit
    /// Bounds the memory that large answers hold until their clients have read them.
    let responses: ResponseMemory
    /// Most events the projections may be behind the log for `/readyz` to answer 200.
    var readyLag: UInt64 = 1000

    /// Views and verification are CPU-bound for milliseconds to seconds. They run on this
    /// queue so that Swift's cooperative pool (two threads here) stays free for I/O.
    private let work = DispatchQueue(label: "ledgerd.work", attributes: .concurrent)

    init(
        ledger: Ledger, committer: GroupCommitter, head: LogHead, projector: Projector, tokens: TokenStore,
        metrics: ServerMetrics, logKey: NoteVerifier? = nil, witnessKeys: [NoteVerifier] = [], accessRecorder: AccessRecorder? = nil,
        replays: WorkLimit, verifications: WorkLimit, responses: ResponseMemory
    ) {
        self.responses = responses
        self.replays = replays
        self.verifications = verifications
        self.accessRecorder = accessRecorder
        self.logKey = logKey
        self.witnessKeys = witnessKeys
        self.ledger = ledger
        self.committer = committer
        self.head = head
        self.projector = projector
        self.tokens = tokens
        self.metrics = metrics
    }

    var viewQuery: ViewQuery { ViewQuery(projector: projector, replayLimit: replays) }

    /// How far the projections are behind the log, read now.
    func projectionStatus() throws -> ProjectionStatus {
        try ProjectionStatus(ledger: ledger, projector: projector)
    }

    /// What `caller` may read on the event routes: its token's stream and type limits, and for
    /// a reader bound to an agency or authority, the cases that scope may see (nil, no check at
    /// all, when it may see every case: an authority owning every agency).
    func eventScope(_ caller: Caller?) throws -> EventScope {
        var scope = EventScope(caller)
        let cases = caller?.caseScope ?? .everything
        guard cases != .everything else { return scope }
        let query = viewQuery
        let ledger = self.ledger
        scope.cases = try CaseVisibility(currentHead: { [head] in head.seq }) {
            // Read before the answer: the answer covers at least this much of the log.
            let head = try ledger.lastSeq()
            let visible = try query.answer(Evaluation(on: Ledger.systemClock().date)) { try $0.visibleCases(cases) }.result
            return (visible, head)
        }
        return scope
    }

    /// Whether `scope` may see case `caseId` (as the projection stands now: involvement only
    /// grows, so whoever may see a case now may see all of its past). Routes that read a case
    /// from the log itself (its history, its audit pack) ask this first, and answer a case
    /// outside the scope exactly as one that does not exist.
    func mayRead(case caseId: String, _ scope: CaseScope) throws -> Bool {
        guard scope != .everything else { return true }
        return try viewQuery.answer(Evaluation(on: Ledger.systemClock().date), scope: scope) { source in
            try source.caseRecord(CaseID(rawValue: caseId)) != nil
        }.result
    }

    /// Runs blocking work off the cooperative pool.
    func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await ledgerd.offload(to: work, body)
    }

    /// Runs an answer about the past (which may replay the log, for seconds) on a thread of
    /// its own under `replays`, so that answers about today never queue behind replays for a
    /// thread; anything else as `offload`. Refused at once, no thread made, when the limit is
    /// already full.
    func offload<T: Sendable>(aboutThePast: Bool, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        guard aboutThePast else { return try await offload(body) }
        try replays.refuseIfFull()
        return try await offloadToOwnThread(named: "ledgerd.replay", body)
    }

    /// Runs a verification of the whole ledger on a thread of its own under `verifications`:
    /// seconds of work that must not hold a thread today's answers wait for.
    func offloadVerification<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try verifications.refuseIfFull()
        return try await offloadToOwnThread(named: "ledgerd.verify") { [verifications] in try verifications.run(body) }
    }
}
