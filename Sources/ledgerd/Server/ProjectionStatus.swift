import Ledger
import Projections

/// How far the projections (the views' read models) are behind the log: what `/readyz`,
/// `/health` and the projection gauges of `/metrics` report.
struct ProjectionStatus: Sendable, Equatable {
    /// The log's newest seq.
    var head: UInt64
    /// The last seq the projections have applied.
    var projected: UInt64

    /// Events of the log not yet applied.
    var lag: UInt64 { head > projected ? head - projected : 0 }

    /// Reads both now. The checkpoint is read before the head: the log only grows, so the
    /// lag read is never less than it was.
    init(ledger: Ledger, projector: Projector) throws {
        let projected = try projector.checkpoint().seq
        self.init(head: try ledger.lastSeq(), projected: projected)
    }

    init(head: UInt64, projected: UInt64) {
        self.head = head
        self.projected = projected
    }

    /// Ready to serve views without first catching up on a backlog: at most `tolerance`
    /// events behind. Under a steady stream of appends the projections trail the head by the
    /// follower's pause (a few events), which must not take the daemon out of a load
    /// balancer's rotation; a bulk import by another process does.
    func isReady(tolerance: UInt64) -> Bool { lag <= tolerance }
}
