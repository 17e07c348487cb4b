import Ledger
import Synchronization

/// The accountability chains already walked in one version of a `Directory`.
///
/// Views ask for the same few thousand lines on every answer (the overdue view alone walks
/// one per owner), and a line only changes when the directory does. The memo belongs to one
/// directory value: any change to the directory starts a fresh one, so a chain is never
/// served from a directory it was not walked in. Shared by copies of that value, hence a
/// class, and locked because views run concurrently in the daemon.
final class ChainMemo: Sendable {
    /// Far beyond any real directory; a guard against a memo that grows without bound.
    static let capacity = 1 << 20

    private let chains = Mutex<[PractitionerID: AccountabilityChain]>([:])
    /// Each chain's links as compact JSON: most of the overdue view's bytes.
    private let linksJSON = Mutex<[PractitionerID: [UInt8]]>([:])

    func chain(of practitionerId: PractitionerID, walking walk: () -> AccountabilityChain) -> AccountabilityChain {
        Self.remembered(practitionerId, in: chains, making: walk)
    }

    func linksJSON(of practitionerId: PractitionerID, writing write: () -> [UInt8]) -> [UInt8] {
        Self.remembered(practitionerId, in: linksJSON, making: write)
    }

    private static func remembered<Value: Sendable>(
        _ key: PractitionerID, in memo: borrowing Mutex<[PractitionerID: Value]>, making make: () -> Value
    ) -> Value {
        if let known = memo.withLock({ $0[key] }) { return known }
        // Made outside the lock: two views may make the same value once each, never wait.
        let value = make()
        memo.withLock { values in
            if values.count < capacity { values[key] = value }
        }
        return value
    }
}
