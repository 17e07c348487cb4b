/// Who owns an action (`owner` of `ActionAgreed` and `ActionReassigned`): a practitioner, or
/// a member of the family.
public enum ActionOwner: Sendable, Hashable {
    /// `{"practitionerId": ID}`: owned by the practitioner with this ID.
    case practitioner(PractitionerID)
    /// `{"familyMember": …}`: owned by the parent, carer, child or young person.
    case family(FamilyMember)

    /// The owning practitioner's ID; nil for a family member.
    public var practitionerId: PractitionerID? {
        if case .practitioner(let id) = self { return id }
        return nil
    }
}
