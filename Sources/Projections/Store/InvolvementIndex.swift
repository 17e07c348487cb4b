import Ledger

/// The index behind scoped reads (`CaseScope`): one entry per practitioner and case they are
/// or were involved in (`CaseRecord.involved`), keyed practitionerId, NUL, caseId, with an
/// empty value. "The cases practitioner P is or was involved in" is then one range scan, and
/// an agency's or authority's cases one scan per practitioner of it: time proportional to
/// the answer, never a walk of every case record.
///
/// Involvement only grows, so the index only gains entries between rebuilds.
enum InvolvementIndex {
    static func key(practitionerId: PractitionerID, caseId: CaseID) -> [UInt8] {
        var key = prefix(practitionerId)
        key.append(contentsOf: caseId.rawValue.utf8)
        return key
    }

    /// practitionerId and NUL: the prefix of every key of that practitioner (NUL cannot occur
    /// in an ID, so no other practitioner's keys share it).
    static func prefix(_ practitionerId: PractitionerID) -> [UInt8] {
        var prefix: [UInt8] = []
        prefix.reserveCapacity(practitionerId.rawValue.utf8.count + 24)
        prefix.append(contentsOf: practitionerId.rawValue.utf8)
        prefix.append(0)
        return prefix
    }

    /// The keys `record` contributes.
    static func keys(of record: CaseRecord) -> [[UInt8]] {
        record.involved.map { key(practitionerId: $0, caseId: record.caseId) }
    }

    /// The keys `after` has and `before` had not: all a catch-up writes, since involvement
    /// only grows.
    static func gained(before: CaseRecord?, after: CaseRecord) -> [[UInt8]] {
        let old = Set(before?.involved ?? [])
        assert(old.isSubset(of: after.involved), "involvement only grows")
        return after.involved.filter { !old.contains($0) }.map { key(practitionerId: $0, caseId: after.caseId) }
    }

    /// Adds to `cases` the case IDs practitioner `practitionerId` is or was involved in.
    static func scan(_ cursor: LMDBCursor, practitionerId: PractitionerID, into cases: inout Set<CaseID>) throws(LedgerError) {
        let prefix = prefix(practitionerId)
        var entry = try cursor.seek(prefix)
        while let (key, _) = entry, key.starts(with: prefix) {
            let caseId = UnsafeRawBufferPointer(rebasing: key[prefix.count...])
            guard !caseId.isEmpty else { throw .corrupt("involvement index key for \(practitionerId) has no case") }
            cases.insert(CaseID(rawValue: String(decoding: caseId, as: UTF8.self)))
            entry = try cursor.next()
        }
    }
}
