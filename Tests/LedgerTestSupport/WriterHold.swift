import Foundation
import Ledger

/// A write transaction on an environment, held on a thread of its own until `release`: what
/// the group commit's overload tests use to keep the committer's thread waiting on LMDB's write
/// lock, so that what comes after stays queued for as long as a test likes.
///
/// Shared by the unit tests (`GroupCommitterTests`) and the daemon's in-process HTTP tests
/// (`OverloadTests`), which are separate test targets.
public final class WriterHold: Sendable {
    private let held = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Returns once the transaction is open.
    public init(_ environment: LMDBEnvironment) {
        let thread = Thread { [held, released, finished] in
            _ = try? environment.write { _ in
                held.signal()
                released.wait()
            }
            finished.signal()
        }
        thread.start()
        held.wait()
    }

    /// Ends the transaction and waits for its thread.
    public func release() {
        released.signal()
        finished.wait()
    }
}
