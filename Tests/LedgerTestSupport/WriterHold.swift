import Foundation
import Ledger

/// A write transaction on an environment, held on a thread of its own until `release`: what
/// the group commit's overload tests use to keep the committer's thread waiting on LMDB's write
/// lock, so that what comes after stays queued for as long as a test likes.
///
/// Shared by the unit tests (`GroupCommitterTests`) and the daemon's in-process HTTP tests
/// (`OverloadTests`), which are separate test targets.
public final class WriterHold: Sendable {
    /// The write transaction could not be opened: there is nothing to hold.
    public struct NotHeld: Error, CustomStringConvertible {
        /// What opening the transaction threw.
        public let underlying: String
        /// Names the failure.
        public var description: String { "could not hold a write transaction: \(underlying)" }
    }

    private let held = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Returns once the transaction is open; throws, rather than waiting forever, if it could
    /// not be opened.
    public init(_ environment: LMDBEnvironment) throws {
        let failure = Failure()
        let thread = Thread { [held, released, finished] in
            var opened = false
            do {
                try environment.write { _ in
                    opened = true
                    held.signal()
                    released.wait()
                }
            } catch {
                if !opened { failure.set("\(error)") }
            }
            if !opened { held.signal() }
            finished.signal()
        }
        thread.start()
        held.wait()
        if let message = failure.message {
            finished.wait()
            throw NotHeld(underlying: message)
        }
    }

    /// Ends the transaction and waits for its thread.
    public func release() {
        released.signal()
        finished.wait()
    }

    /// What the holding thread reports back before signalling `held`.
    private final class Failure: @unchecked Sendable {
        // @unchecked: written once on the holding thread before `held` is signalled, read
        // after `held.wait()` returns, so the semaphore orders the two.
        private(set) var message: String?
        func set(_ text: String) { message = text }
    }
}
