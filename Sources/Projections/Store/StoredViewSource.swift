import Ledger

/// The maintained projection as a `ViewSource`, read inside one read transaction: a view is
/// computed from one consistent snapshot, whatever is appended meanwhile.
struct StoredViewSource: ViewSource {
    let txn: LMDBTransaction
    let store: ProjectionStore
    let directory: Directory
    /// The snapshot's checkpoint, and the visible sets already computed at it.
    let checkpoint: ProjectionCheckpoint
    let visibleCache: VisibleCasesCache

    func caseRecord(_ caseId: CaseID) throws -> CaseRecord? {
        try store.caseRecord(caseId, txn)
    }

    func forEachCase(_ body: (CaseRecord) throws -> Void) throws {
        try txn.forEach(store.cases) { try body(try CaseRecord(decoding: $0.value)) }
    }

    /// The cases database's keys alone: no record is decoded.
    func forEachCaseId(_ body: (CaseID) throws -> Void) throws {
        try txn.forEach(store.cases) { try body(CaseID(rawValue: String(decoding: $0.key, as: UTF8.self))) }
    }

    func forEachOpenAction(dueBefore date: CalendarDate?, _ body: (OpenActionEntry) throws -> Void) throws {
        let end = date.map(OpenActionIndex.datePrefix)
        try txn.withCursor(store.openActions) { cursor in
            var entry = try cursor.first()
            while let (key, value) = entry {
                if let end, !key.prefix(4).lexicographicallyPrecedes(end) { break }
                try body(try OpenActionEntry(caseId: try OpenActionIndex.caseId(of: key), decoding: value))
                entry = try cursor.next()
            }
        }
    }

    /// From the involvement index: one range scan per practitioner the scope counts, never a
    /// walk of the case records.
    ///
    /// An authority that owns every agency in the directory sees every case, with no scan: the
    /// ledger refuses a case event naming an unregistered practitioner, so every case of the
    /// maintained projection (which holds the whole log) was opened by a practitioner of one
    /// of those agencies.
    func visibleCases(_ scope: CaseScope) throws -> Set<CaseID>? {
        try visibleCache.visible(scope, at: checkpoint) { try scan(scope) }
    }

    private func scan(_ scope: CaseScope) throws -> Set<CaseID>? {
        if case .authority(let authorityId) = scope, !directory.agencies.isEmpty,
            directory.agencies.values.allSatisfy({ $0.authorityId == authorityId })
        {
            return nil
        }
        guard let members = scope.members(in: directory) else { return nil }
        var visible: Set<CaseID> = []
        try txn.withCursor(store.involvement) { cursor in
            // In key order, so the cursor only moves forward.
            for practitionerId in members.sorted() {
                try InvolvementIndex.scan(cursor, practitionerId: practitionerId, into: &visible)
            }
        }
        return visible
    }
}
