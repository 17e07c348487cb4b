import Ledger
import Synchronization

/// The cases each scope may see, as of one projection checkpoint: what a scoped view needs
/// before it walks, kept until the projection moves on.
///
/// A scope's visible set is a function of the projection's state (the cases' involvement and
/// the directory), and that state is named by its checkpoint; so a set computed at a checkpoint
/// is exact for every snapshot at that checkpoint. Between appends, a dashboard's repeated
/// views then cost no index scans at all; after one, the next view of each scope computes
/// afresh. Bounded: past `maximumScopes` scopes it starts again.
final class VisibleCasesCache: Sendable {
    private struct Entry {
        var checkpoint: ProjectionCheckpoint
        var visible: Set<CaseID>?
    }

    private let entries = Mutex<[CaseScope: Entry]>([:])
    static let maximumScopes = 256

    /// The set for `scope` at `checkpoint`, computing it with `compute` if not known.
    func visible(
        _ scope: CaseScope, at checkpoint: ProjectionCheckpoint, _ compute: () throws -> Set<CaseID>?
    ) throws -> Set<CaseID>? {
        if let known = entries.withLock({ $0[scope] }), known.checkpoint == checkpoint { return known.visible }
        let visible = try compute()
        entries.withLock { entries in
            if entries.count >= Self.maximumScopes { entries.removeAll() }
            entries[scope] = Entry(checkpoint: checkpoint, visible: visible)
        }
        return visible
    }
}
