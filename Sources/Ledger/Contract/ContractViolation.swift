/// A request that breaks the wire contract: which field, and what was expected there.
public struct ContractViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted path of the offending field, e.g. `data.owner.practitionerId` or `data.needs.0.domain`;
    /// empty for the document itself.
    public var field: String
    /// What the contract expects there, and what was found.
    public var problem: String

    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { field.isEmpty ? problem : "\(field): \(problem)" }
}
