import Dispatch
import Ledger
import ServiceLifecycle

/// Owns the daemon's `GroupCommitter` for the service group's lifetime.
///
/// Services stop in the reverse of their start order and this one starts first, so it stops
/// last: by then the HTTP server has drained, every in-flight append has been committed and
/// acknowledged, and the writer thread can be joined.
struct CommitterService: Service {
    let committer: GroupCommitter

    func run() async throws {
        try? await gracefulShutdown()
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                committer.shutdown()
                continuation.resume()
            }
        }
    }
}

extension CommitterService: CustomStringConvertible {
    var description: String { "CommitterService" }
}
