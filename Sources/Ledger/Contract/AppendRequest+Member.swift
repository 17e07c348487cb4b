extension AppendRequest {
    /// A top-level member of an append request: the one list of the envelope's names, in the
    /// order the contract documents them and clients write them (`AppendRequestDraft`).
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
