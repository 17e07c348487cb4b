import Ledger

/// An open action with what the overdue views need of its case.
public struct OpenActionEntry: Sendable, Equatable {
    /// The action's case.
    public var caseId: CaseID
    /// The open action.
    public var action: ActionRecord
    /// The case's lead professional when the entry was made.
    public var leadProfessional: PractitionerID?
}

/// Where views read projected state from: the maintained projection in LMDB, or a replay
/// held in memory. Every view is a plain function over one of these and an evaluation date,
/// so today's answer and a past date's come from the same code.
public protocol ViewSource {
    /// The directory as of the source's events.
    var directory: Directory { get }
    /// The case's record, or nil if the source does not hold it (or may not show it).
    func caseRecord(_ caseId: CaseID) throws -> CaseRecord?
    /// Every case, in caseId order.
    func forEachCase(_ body: (CaseRecord) throws -> Void) throws
    /// Every case's ID, in caseId order, without reading its record: what "did you mean"
    /// needs, which any caller can ask for with one mistyped ID.
    func forEachCaseId(_ body: (CaseID) throws -> Void) throws
    /// Open actions of open cases due before `date` (every one when nil), in (dueOn, caseId,
    /// actionId) order.
    func forEachOpenAction(dueBefore date: CalendarDate?, _ body: (OpenActionEntry) throws -> Void) throws
    /// The IDs of the cases `scope` may see among this source's cases; nil when it may see
    /// every one (no filtering to do). Computed once per request, from the same snapshot as
    /// the view, and handed to a `ScopedViewSource`.
    func visibleCases(_ scope: CaseScope) throws -> Set<CaseID>?
    /// The scope this source's answers are limited to: `.everything` unless it is a
    /// `ScopedViewSource`. Views that list practitioners rather than cases consult it.
    var scope: CaseScope { get }
}

extension ViewSource {
    /// Unscoped by default.
    public var scope: CaseScope { .everything }

    /// This source seen within `scope`: itself for `.everything` (the unscoped path stays
    /// exactly as it was), else a `ScopedViewSource` over the cases `scope` may see.
    public func scoped(to scope: CaseScope) throws -> any ViewSource {
        if scope == .everything { return self }
        return try ScopedViewSource(base: self, scope: scope)
    }
}

extension ProjectionState: ViewSource {
    /// The replayed record, if the case was opened by the events applied.
    public func caseRecord(_ caseId: CaseID) throws -> CaseRecord? { cases[caseId] }

    /// Every replayed case, in caseId (byte) order.
    public func forEachCase(_ body: (CaseRecord) throws -> Void) throws {
        for (_, record) in cases.sorted(by: { $0.key < $1.key }) { try body(record) }
    }

    /// Every replayed case's ID, in caseId (byte) order.
    public func forEachCaseId(_ body: (CaseID) throws -> Void) throws {
        for caseId in cases.keys.sorted() { try body(caseId) }
    }

    /// Open actions of open cases due before `date`, sorted into the index's order.
    public func forEachOpenAction(dueBefore date: CalendarDate?, _ body: (OpenActionEntry) throws -> Void) throws {
        var entries: [OpenActionEntry] = []
        for record in cases.values where record.isOpen {
            for action in record.actions where action.isOpen && (date.map { action.dueOn < $0 } ?? true) {
                entries.append(OpenActionEntry(caseId: record.caseId, action: action, leadProfessional: record.leadProfessional))
            }
        }
        entries.sort { OpenActionIndex.precedes($0, $1) }
        for entry in entries { try body(entry) }
    }

    /// From the records' `involved`: one pass over the cases in memory, small beside the
    /// replay that made them. No fast path for an authority owning every agency: a past
    /// date's directory may not yet hold a practitioner its cases name.
    public func visibleCases(_ scope: CaseScope) throws -> Set<CaseID>? {
        guard let members = scope.members(in: directory) else { return nil }
        var visible: Set<CaseID> = []
        for (id, record) in cases where record.involved.contains(where: members.contains) { visible.insert(id) }
        return visible
    }
}
