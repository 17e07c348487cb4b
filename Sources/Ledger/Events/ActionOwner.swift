/// Who owns an action (`owner` of `ActionAgreed` and `ActionReassigned`): a practitioner, or
/// a member of the family.
public enum ActionOwner: Sendable, Hashable {
    /// `{"practitionerId": ID}`: owned by the practitioner with this ID.
    case practitioner(PractitionerID)
    /// `{"familyMember": …}`: owned by the parent, carer, child or young person.
    case family(FamilyMember)

    /// The member key of a practitioner owner: the one place it is spelt.
    public static let practitionerKey: StaticString = "practitionerId"
    /// The member key of a family owner.
    public static let familyKey: StaticString = "familyMember"

    /// An owner's two shapes, each an object of one field: what the request decoder, the
    /// contract validator and the JSON Schema all read.
    public static let practitionerField = Field(practitionerKey.description, .identifier)
    /// See `practitionerField`.
    public static let familyField = Field(familyKey.description, .enumeration(Vocabulary.familyMembers))

    /// The owner's one member as the contract writes it: `practitionerId` or `familyMember`,
    /// and its value.
    public var member: (key: String, value: String) {
        switch self {
        case .practitioner(let id): (Self.practitionerKey.description, id.rawValue)
        case .family(let member): (Self.familyKey.description, member.rawValue)
        }
    }

    /// The owner that `member` writes as `key` and `value`; nil for a key that names neither.
    public init?(member key: String, value: String) {
        if key == Self.practitionerKey.description {
            self = .practitioner(PractitionerID(rawValue: value))
        } else if key == Self.familyKey.description {
            self = .family(FamilyMember(rawValue: value))
        } else {
            return nil
        }
    }

    /// The owning practitioner's ID; nil for a family member.
    public var practitionerId: PractitionerID? {
        if case .practitioner(let id) = self { return id }
        return nil
    }
}
