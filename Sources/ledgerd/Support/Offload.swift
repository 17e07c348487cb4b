import Dispatch
import Foundation

/// Runs blocking work (an LMDB commit, an fsync, a socket) on `queue`, so that Swift's
/// cooperative pool (two threads on these machines), which serves requests, stays free.
func offload<T: Sendable>(to queue: DispatchQueue = .global(), _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        queue.async { continuation.resume(with: Result(catching: body)) }
    }
}

/// Runs long blocking work (seconds: a replay of the log) on a thread of its own, so that it
/// holds no thread of Dispatch's pool either: that pool runs about as many threads as there
/// are cores, and work queued behind long jobs waits for them however little it needs.
func offloadToOwnThread<T: Sendable>(named name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result(catching: body)) }
        thread.name = name
        thread.start()
    }
}
