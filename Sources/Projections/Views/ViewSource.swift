import Ledger

/// An open action with what the overdue views need of its case.
public struct OpenActionEntry: Sendable, Equatable {
    public var caseId: String
    public var action: ActionRecord
    /// The case's lead professional when the entry was made.
    public var leadProfessional: String?
}

/// Where views read projected state from: the maintained projection in LMDB, or a replay
/// held in memory. Every view is a plain function over one of these and an evaluation date,
/// so today's answer and a past date's come from the same code.
public protocol ViewSource {
    var directory: Directory { get }
    func caseRecord(_ caseId: String) throws -> CaseRecord?
    /// Every case, in caseId order.
    func forEachCase(_ body: (CaseRecord) throws -> Void) throws
    /// Open actions of open cases due before `date` (every one when nil), in (dueOn, caseId,
    /// actionId) order.
    func forEachOpenAction(dueBefore date: CalendarDate?, _ body: (OpenActionEntry) throws -> Void) throws
}

extension ProjectionState: ViewSource {
    public func caseRecord(_ caseId: String) throws -> CaseRecord? { cases[caseId] }

    public func forEachCase(_ body: (CaseRecord) throws -> Void) throws {
        for key in cases.keys.sorted(by: OpenActionIndex.idPrecedes) { try body(cases[key]!) }
    }

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
}
