/// A well-formed request the ledger's state forbids (DOMAIN.md "What the ledger refuses", 4–5).
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending field, e.g. `data.actionId`, or `stream`/`type` for stream-level rules.
    public var field: String
    /// Why the ledger's state forbids it, in words for the client.
    public var reason: String

    /// A refusal of `field`, for `reason`.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `field: reason`.
    public var description: String { "\(field): \(reason)" }
}
