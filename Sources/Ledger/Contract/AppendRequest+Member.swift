extension AppendRequest {
    /// A top-level member of an append request, in the order the contract's examples, the
    /// demo and the tests write them (`AppendRequestDraft`): the envelope's one list of
    /// names, which the fast decoder, the validator, the lists of required and optional
    /// members and the JSON Schemas' properties are made from.
    public enum Member: String, CaseIterable, Sendable {
        /// The event's UUID, the idempotency key.
        case eventId
        /// The stream appended to.
        case stream
        /// The event type.
        case type
        /// When it happened in the world.
        case occurredAt
        /// Who says they acted.
        case actor
        /// The optimistic-concurrency check (optional).
        case expectedVersion
        /// The event's data, as its type's catalogue entry gives it.
        case data
        /// The client's own strings (optional).
        case metadata

        /// Whether every request must carry it.
        public var isRequired: Bool {
            self != .expectedVersion && self != .metadata
        }
    }
}
