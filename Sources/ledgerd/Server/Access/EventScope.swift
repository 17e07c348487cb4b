import Ledger

/// Which recorded events a caller may read on the event routes (`/events`, `/streams/…`, the
/// live tail, inclusion proofs, entry tiles): an integration limited to stream prefixes and
/// event types (`token add --streams/--types`) sees only those. Everything outside answers as
/// if it did not exist (404), never as "forbidden", so a token cannot learn that it is there.
struct EventScope: Sendable {
    /// Stream-name prefixes, any of which admits a stream; empty: every stream.
    var streamPrefixes: [String] = []
    /// Event types admitted; nil: every type.
    var types: Set<String>?

    static let everything = EventScope()

    init(streamPrefixes: [String] = [], types: Set<String>? = nil) {
        self.streamPrefixes = streamPrefixes
        self.types = types
    }

    /// The caller's scope, from its token's limits.
    init(_ caller: Caller?) {
        self.init(streamPrefixes: caller?.streams ?? [], types: caller.flatMap { $0.types.isEmpty ? nil : Set($0.types) })
    }

    var isEverything: Bool { streamPrefixes.isEmpty && types == nil }

    /// Whether any event of `stream` may be read (a stream outside the prefixes is "not found").
    func admits(stream: String) -> Bool {
        streamPrefixes.isEmpty || streamPrefixes.contains { stream.hasPrefix($0) }
    }

    func admits(stream: String, type: String) -> Bool {
        admits(stream: stream) && (types?.contains(type) ?? true)
    }

    /// Whether the stored event may be read; decodes it only when there is something to check.
    func admits(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        if isEverything { return true }
        let event = try RecordedEvent(decoding: bytes)
        return admits(stream: event.stream, type: event.type)
    }
}
