import Ledger

/// Another source seen within a `CaseScope`: a case outside it is not there (`caseRecord`
/// answers nil, the walks skip it), so every view computed over this one lists only visible
/// cases, and an unknown-case answer for an invisible case is the one for a case that does
/// not exist, suggestions included (they are drawn from `forEachCase`). The directory is the
/// base's: names, agencies and accountability lines are not case data.
///
/// The visible set is computed once, when the source is made, from the base's snapshot.
public struct ScopedViewSource: ViewSource {
    public let base: any ViewSource
    public let scope: CaseScope
    /// The IDs of the cases in scope; nil when every case is (an authority owning every agency).
    public let visible: Set<String>?

    /// `base` within `scope`, its visible cases asked of `base` (its index, or its records).
    public init(base: any ViewSource, scope: CaseScope) throws {
        self.base = base
        self.scope = scope
        visible = try base.visibleCases(scope)
    }

    public var directory: Directory { base.directory }

    public func caseRecord(_ caseId: String) throws -> CaseRecord? {
        guard isVisible(caseId) else { return nil }
        return try base.caseRecord(caseId)
    }

    /// The visible cases in caseId order: looked up one by one, so a practitioner's few cases
    /// cost a few reads, not a walk of every record.
    public func forEachCase(_ body: (CaseRecord) throws -> Void) throws {
        guard let visible else { return try base.forEachCase(body) }
        for caseId in visible.sorted(by: OpenActionIndex.idPrecedes) {
            // Visible means the base's own index or records named it: it is there.
            guard let record = try base.caseRecord(caseId) else {
                throw LedgerError.corrupt("case \(caseId) is indexed as involving its practitioners but has no record")
            }
            try body(record)
        }
    }

    public func forEachOpenAction(dueBefore date: CalendarDate?, _ body: (OpenActionEntry) throws -> Void) throws {
        guard let visible else { return try base.forEachOpenAction(dueBefore: date, body) }
        try base.forEachOpenAction(dueBefore: date) { entry in
            if visible.contains(entry.caseId) { try body(entry) }
        }
    }

    /// What `scope` may see of what this source shows: the base's answer within this one's.
    public func visibleCases(_ scope: CaseScope) throws -> Set<String>? {
        let asked = try base.visibleCases(scope)
        guard let visible else { return asked }
        guard let asked else { return visible }
        return asked.intersection(visible)
    }

    private func isVisible(_ caseId: String) -> Bool {
        visible?.contains(caseId) ?? true
    }
}
