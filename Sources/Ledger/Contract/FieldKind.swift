/// What a field of an event's `data` may hold.
///
/// The catalogue is written once in these terms; the validator interprets it and the JSON
/// Schemas in `schemas/` are generated from it, so the two cannot drift apart.
public indirect enum FieldKind: Sendable {
    /// `[A-Za-z0-9._-]{1,64}`.
    case identifier
    /// `YYYY-MM-DD`, a real calendar day.
    case date
    /// A person's or organisation's name: 1–200 characters.
    case name
    /// Free text: 1–4096 characters.
    case text
    /// JSON `true` or `false`.
    case boolean
    /// One of the listed strings, exactly (the contract's vocabularies).
    case enumeration([String])
    /// The inner kind, or JSON `null` (never absent: every field is required).
    case nullable(FieldKind)
    /// 0–64 elements.
    case array(FieldKind)
    /// A closed object: every field required, no others.
    case object([Field])
    /// An action's owner: exactly one of `practitionerId` or `familyMember`.
    case owner

    /// The most characters a `name` may have.
    public static let maximumNameLength = 200
    /// The most characters a `text` may have.
    public static let maximumTextLength = 4096
    /// The most elements an `array` may have.
    public static let maximumArrayCount = 64
}

/// One named field of a closed object.
public struct Field: Sendable {
    /// The field's name in `data`, as the contract spells it.
    public let name: String
    /// What the field may hold.
    public let kind: FieldKind

    /// A field named `name` holding `kind`, as the catalogue lists it.
    public init(_ name: String, _ kind: FieldKind) {
        self.name = name
        self.kind = kind
    }
}
