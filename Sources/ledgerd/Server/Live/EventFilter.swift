import Ledger

/// Which events a live subscriber wants (streams by name prefix, and event types), within
/// what its token may read (`scope`).
struct EventFilter: Sendable {
    var streamPrefix: String?
    var types: Set<String>?
    var scope: EventScope

    var isEverything: Bool { streamPrefix == nil && types == nil && scope.isEverything }

    /// `?stream=PREFIX` and `?type=A,B` (types may also repeat); unknown types are refused,
    /// so a typo cannot silently filter everything out.
    init(streamPrefix: String?, types: [String], scope: EventScope = .everything) throws {
        self.scope = scope
        self.streamPrefix = streamPrefix.flatMap { $0.isEmpty ? nil : $0 }
        let names = types.flatMap { $0.split(separator: ",").map(String.init) }
        for name in names where EventType(name: name) == nil {
            throw Problem.badRequest("type=\(name) is not an event type of the contract", field: "type")
        }
        self.types = names.isEmpty ? nil : Set(names)
    }

    /// Whether the stored event passes; decodes it only when there is something to check.
    func matches(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        if isEverything { return true }
        let event = try RecordedEvent.envelopeTail(ofStored: bytes)
        if let streamPrefix, !event.stream.hasPrefix(streamPrefix) { return false }
        if let types, !types.contains(event.type) { return false }
        return try scope.admits(stream: event.stream, type: event.type)
    }
}
