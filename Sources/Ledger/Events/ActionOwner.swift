/// Who owns an action (`owner` of `ActionAgreed` and `ActionReassigned`): a practitioner, or
/// a member of the family.
public enum ActionOwner: Sendable, Hashable {
    /// `{"practitionerId": ID}`: owned by the practitioner with this ID.
    case practitioner(PractitionerID)
    /// `{"familyMember": …}`: owned by the parent, carer, child or young person.
    case family(FamilyMember)

    /// The owner's one member as the contract writes it: `practitionerId` or `familyMember`,
    /// and its value.
    public var member: (key: String, value: String) {
        switch self {
        case .practitioner(let id): ("practitionerId", id.rawValue)
        case .family(let member): ("familyMember", member.rawValue)
        }
    }

    /// The owner that `member` writes as `key` and `value`; nil for a key that names neither.
    public init?(member key: String, value: String) {
        switch key {
        case "practitionerId": self = .practitioner(PractitionerID(rawValue: value))
        case "familyMember": self = .family(FamilyMember(rawValue: value))
        default: return nil
        }
    }

    /// The owning practitioner's ID; nil for a family member.
    public var practitionerId: PractitionerID? {
        if case .practitioner(let id) = self { return id }
        return nil
    }
}
