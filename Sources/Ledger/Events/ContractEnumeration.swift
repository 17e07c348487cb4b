/// A value of one of the contract's enumerations (DOMAIN.md: "Enumerations are lowercase,
/// hyphenated"), typed so that a meeting's kind cannot be passed where a status is meant.
///
/// A struct over the contract's spelling rather than a Swift `enum`: appends admit only the
/// listed values (`allowed`, which the validator and the JSON Schemas read), but replay must
/// carry whatever an older or newer contract recorded, so an unlisted value decodes rather
/// than failing, and `isListed` tells the two apart.
public protocol ContractEnumeration: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
where RawValue == String, StringLiteralType == String {
    /// The values the contract admits, in its order (the `Vocabulary` list of this field).
    static var allowed: [String] { get }
    /// The value spelt `rawValue`, listed or not.
    init(rawValue: String)
}

extension ContractEnumeration {
    /// The value spelt `value`: what the contract's examples and the tests write.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The contract's spelling, as views show it.
    public var description: String { rawValue }

    /// Whether the current contract lists this value (a recorded value always was listed
    /// when it was recorded).
    public var isListed: Bool { Self.allowed.contains(rawValue) }
}
