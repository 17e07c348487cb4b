import Dispatch

/// Runs blocking work (an LMDB commit, an fsync, a socket) on `queue`, so that Swift's
/// cooperative pool (two threads on these machines), which serves requests, stays free.
func offload<T: Sendable>(to queue: DispatchQueue = .global(), _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        queue.async { continuation.resume(with: Result(catching: body)) }
    }
}
