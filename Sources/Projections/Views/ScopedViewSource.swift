import Ledger

/// Another source seen within a `CaseScope`: a case outside it is not there (`caseRecord`
/// answers nil, the walks skip it), so every view computed over this one lists only visible
/// cases, and an unknown-case answer for an invisible case is the one for a case that does
/// not exist, suggestions included (they are drawn from `forEachCase`). The directory is the
/// base's: names, agencies and accountability lines are not case data.
///
/// One case is judged from its own record (`involved`, and the directory): asking for a case
/// costs that record, whatever the caller's caseload. The whole visible set, which the walks
/// need, is computed once, on the first walk, from the base's snapshot (its index, or its
/// records); both judge by the same `involved` and directory, so they agree.
public struct ScopedViewSource: ViewSource {
    /// The unscoped source the answers are filtered from.
    public let base: any ViewSource
    /// What the answers are limited to.
    public let scope: CaseScope
    private let walked: VisibleCases

    /// `base` within `scope`.
    public init(base: any ViewSource, scope: CaseScope) throws {
        self.base = base
        self.scope = scope
        walked = VisibleCases()
    }

    /// The whole directory: it is reference data every reader sees.
    public var directory: Directory { base.directory }

    /// The IDs of the cases in scope; nil when every case is (an authority owning every agency).
    public var visible: Set<CaseID>? {
        get throws { try walked.value { try base.visibleCases(scope) } }
    }

    /// The case if the scope may see it; nil otherwise, exactly as for a case that does not exist.
    public func caseRecord(_ caseId: CaseID) throws -> CaseRecord? {
        guard let record = try base.caseRecord(caseId) else { return nil }
        let directory = base.directory
        return record.involved.contains { scope.includes(practitioner: $0, in: directory) } ? record : nil
    }

    /// The base's cases that the scope may see, in caseId order.
    public func forEachCase(_ body: (CaseRecord) throws -> Void) throws {
        guard let visible = try visible else { return try base.forEachCase(body) }
        for caseId in visible.sorted() {
            // Visible means the base's own index or records named it: it is there.
            guard let record = try base.caseRecord(caseId) else {
                throw LedgerError.corrupt("case \(caseId) is indexed as involving its practitioners but has no record")
            }
            try body(record)
        }
    }

    /// The IDs of the cases the scope may see, in caseId order; no record is read.
    public func forEachCaseId(_ body: (CaseID) throws -> Void) throws {
        guard let visible = try visible else { return try base.forEachCaseId(body) }
        for caseId in visible.sorted() { try body(caseId) }
    }

    /// The base's open actions of cases the scope may see, in the base's order.
    public func forEachOpenAction(dueBefore date: CalendarDate?, _ body: (OpenActionEntry) throws -> Void) throws {
        guard let visible = try visible else { return try base.forEachOpenAction(dueBefore: date, body) }
        try base.forEachOpenAction(dueBefore: date) { entry in
            if visible.contains(entry.caseId) { try body(entry) }
        }
    }

    /// What `scope` may see of what this source shows: the base's answer within this one's.
    public func visibleCases(_ scope: CaseScope) throws -> Set<CaseID>? {
        let asked = try base.visibleCases(scope)
        guard let visible = try visible else { return asked }
        guard let asked else { return visible }
        return asked.intersection(visible)
    }

}

/// The visible set, computed on first use and kept for the rest of the request.
private final class VisibleCases {
    private var computed: Set<CaseID>??

    func value(_ compute: () throws -> Set<CaseID>?) throws -> Set<CaseID>? {
        if let computed { return computed }
        let value = try compute()
        computed = .some(value)
        return value
    }
}
