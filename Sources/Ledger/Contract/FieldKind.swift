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
    case boolean
    case enumeration([String])
    case nullable(FieldKind)
    /// 0–64 elements.
    case array(FieldKind)
    /// A closed object: every field required, no others.
    case object([Field])
    /// An action's owner: exactly one of `practitionerId` or `familyMember`.
    case owner

    public static let maximumNameLength = 200
    public static let maximumTextLength = 4096
    public static let maximumArrayCount = 64
}

/// One named field of a closed object.
public struct Field: Sendable {
    public let name: String
    public let kind: FieldKind

    public init(_ name: String, _ kind: FieldKind) {
        self.name = name
        self.kind = kind
    }
}
