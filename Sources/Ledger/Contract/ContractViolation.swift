/// A request that breaks the wire contract: which field, and what was expected there.
public struct ContractViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted path of the offending field, e.g. `data.owner.practitionerId` or `data.needs.0.domain`;
    /// empty for the document itself.
    public var field: String
    /// What the contract expects there, and what was found.
    public var problem: String
    /// Whether the rule broken is one a JSON Schema cannot state (a field against another, or
    /// against the stream the request was posted to, or the recorded event's size): the
    /// request is valid by the schemas, and the HTTP API answers 422, as for a ledger rule,
    /// rather than 400 (which means "the schema says no").
    public var isBeyondSchema: Bool

    /// A violation at `field` (dotted path; empty for the whole document).
    public init(field: String, problem: String, isBeyondSchema: Bool = false) {
        self.field = field
        self.problem = problem
        self.isBeyondSchema = isBeyondSchema
    }

    /// `field: problem`, or the problem alone for the whole document.
    public var description: String { field.isEmpty ? problem : "\(field): \(problem)" }
}
