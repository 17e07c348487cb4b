import Ledger
import Synchronization

/// Which recorded events a caller may read on the event routes (`/events`, `/streams/…`, the
/// live tail, inclusion proofs, entry tiles): an integration limited to stream prefixes and
/// event types (`token add --streams/--types`) sees only those, and a reader bound to an
/// authority sees the case streams of the cases its authority may see (`cases`; directory
/// streams are reference data, not case data, and every reader sees them). Everything outside
/// answers as if it did not exist (404), never as "forbidden", so a token cannot learn that
/// it is there.
struct EventScope: Sendable {
    /// Stream-name prefixes, any of which admits a stream; empty: every stream.
    var streamPrefixes: [String] = []
    /// Event types admitted; nil: every type.
    var types: Set<String>?
    /// The cases whose streams may be read; nil: every case.
    var cases: CaseVisibility?

    static let everything = EventScope()

    init(streamPrefixes: [String] = [], types: Set<String>? = nil, cases: CaseVisibility? = nil) {
        self.streamPrefixes = streamPrefixes
        self.types = types
        self.cases = cases
    }

    /// The caller's scope from its token's limits alone (no case visibility: see `Daemon.eventScope`).
    init(_ caller: Caller?) {
        self.init(streamPrefixes: caller?.streams ?? [], types: caller.flatMap { $0.types.isEmpty ? nil : Set($0.types) })
    }

    var isEverything: Bool { streamPrefixes.isEmpty && types == nil && cases == nil }

    /// Whether any event of `stream` may be read (a stream outside the prefixes is "not found").
    func admits(stream: String) throws -> Bool {
        guard streamPrefixes.isEmpty || streamPrefixes.contains(where: { stream.hasPrefix($0) }) else { return false }
        guard let cases, stream.hasPrefix(StreamKind.case.prefix) else { return true }
        return try cases.includes(CaseID(rawValue: String(stream.dropFirst(StreamKind.case.prefix.count))))
    }

    func admits(stream: String, type: String) throws -> Bool {
        try admits(stream: stream) && (types?.contains(type) ?? true)
    }

    /// Whether the stored event may be read; reads its stream and type only when there is
    /// something to check, from the canonical bytes' tail (no JSON tree).
    func admits(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        if isEverything { return true }
        let event = try RecordedEvent.envelopeTail(ofStored: bytes)
        return try admits(stream: event.stream, type: event.type)
    }
}

/// The cases a scoped reader of the event routes may see, as the projection says, asked again
/// when an event names a case not seen visible: the projection is caught up to the log's head
/// before it answers, so a case opened (or joined by one of the scope's practitioners) since
/// the last answer is judged on its events; a case found invisible is not asked about again
/// until the log has grown.
final class CaseVisibility: Sendable {
    private struct State {
        var visible: Set<CaseID>
        /// The log's head when `visible` was computed.
        var head: UInt64
    }

    private let compute: @Sendable () throws -> (visible: Set<CaseID>?, head: UInt64)
    /// The log's head now (the daemon's `LogHead`: no read).
    private let currentHead: @Sendable () -> UInt64
    private let state: Mutex<State?>

    /// nil when `compute` says every case is visible (then there is nothing to check).
    init?(
        currentHead: @escaping @Sendable () -> UInt64, _ compute: @escaping @Sendable () throws -> (visible: Set<CaseID>?, head: UInt64)
    ) throws {
        let first = try compute()
        guard let visible = first.visible else { return nil }
        self.compute = compute
        self.currentHead = currentHead
        state = Mutex(State(visible: visible, head: first.head))
    }

    func includes(_ caseId: CaseID) throws -> Bool {
        let (known, judgedAt) = state.withLock { ($0?.visible.contains(caseId) ?? true, $0?.head ?? 0) }
        if known { return true }
        // Nothing appended since the answer was computed: it stands.
        if currentHead() <= judgedAt { return false }
        let (visible, head) = try compute()
        return state.withLock { state in
            guard let visible else {
                state = nil
                return true
            }
            if head >= (state?.head ?? 0) { state = State(visible: visible, head: head) }
            return visible.contains(caseId)
        }
    }
}
