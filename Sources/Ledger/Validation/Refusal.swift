/// A well-formed request the ledger's state forbids (DOMAIN.md "What the ledger refuses", 4–5).
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending field, e.g. `data.actionId`, or `stream`/`type` for stream-level rules.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
