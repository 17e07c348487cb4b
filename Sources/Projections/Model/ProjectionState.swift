import Ledger

/// The whole projection held in memory: the directory and every case.
///
/// Past-date views are answered by replaying into one of these; the maintained projection in
/// LMDB holds the same records, so both paths share `apply` and every view.
public struct ProjectionState: Sendable, Equatable {
    /// The directory as the events applied left it.
    public var directory = Directory()
    /// Every case opened by the events applied, by case ID.
    public var cases: [CaseID: CaseRecord] = [:]
    /// The seq of the last event applied.
    public var checkpoint: UInt64 = 0

    /// An empty state: the projection before seq 1.
    public init() {}

    /// Applies the next event: to its case's record, or to the directory. `event.seq` must exceed
    /// `checkpoint` (it traps otherwise: callers apply a log's events in order, which
    /// `EventDecoder` guarantees).
    public mutating func apply(_ event: ProjectedEvent) {
        precondition(event.seq > checkpoint, "events apply once, in seq order")
        checkpoint = event.seq
        if event.streamKind == .case {
            // Through the index, not `&cases[id]`: that subscript moves the record into an
            // optional and copies it back (a retain and release of every array in it, per
            // event); `values[index]` is mutated where it lies.
            // A case stream's ID is its case's ID.
            let caseId = CaseID(rawValue: event.streamId)
            if let index = cases.index(forKey: caseId) {
                cases.values[index].evolve(event.event, seq: event.seq, directory: directory)
            } else {
                var record: CaseRecord?
                Self.apply(event, to: &record, directory: directory)
                if let record { cases[caseId] = record }
            }
        } else {
            directory.evolve(event.event)
        }
    }

    /// Applies a case stream's event to its record (nil before `CaseOpened`).
    static func apply(_ event: ProjectedEvent, to record: inout CaseRecord?, directory: Directory) {
        if case .caseOpened(let opened) = event.event, record == nil {
            record = CaseRecord(opened: opened)
        }
        // An event without its CaseOpened is possible only in a past-date replay that skipped it.
        record?.evolve(event.event, seq: event.seq, directory: directory)
    }
}
