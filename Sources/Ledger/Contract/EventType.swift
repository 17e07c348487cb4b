/// The 31 event types of contract v1.
public enum EventType: String, Sendable, CaseIterable {
    // Directory
    case localAuthorityRegistered = "LocalAuthorityRegistered"
    case agencyRegistered = "AgencyRegistered"
    case practitionerRegistered = "PractitionerRegistered"
    case practitionerLineManagerChanged = "PractitionerLineManagerChanged"
    case practitionerMovedAgency = "PractitionerMovedAgency"
    case practitionerLeft = "PractitionerLeft"
    // Case
    case caseOpened = "CaseOpened"
    case consentRecorded = "ConsentRecorded"
    case consentWithdrawn = "ConsentWithdrawn"
    case cafStarted = "CAFStarted"
    case cafCompleted = "CAFCompleted"
    case tacMemberJoined = "TACMemberJoined"
    case tacMemberLeft = "TACMemberLeft"
    case tacMeetingHeld = "TACMeetingHeld"
    case leadProfessionalAppointed = "LeadProfessionalAppointed"
    case leadProfessionalHandedOver = "LeadProfessionalHandedOver"
    case leadProfessionalCoverArranged = "LeadProfessionalCoverArranged"
    case leadProfessionalStoodDown = "LeadProfessionalStoodDown"
    case actionAgreed = "ActionAgreed"
    case actionProgressRecorded = "ActionProgressRecorded"
    case actionDueDateRevised = "ActionDueDateRevised"
    case actionReassigned = "ActionReassigned"
    case actionCompleted = "ActionCompleted"
    case actionCancelled = "ActionCancelled"
    case actionEscalated = "ActionEscalated"
    case statutoryStatusStarted = "StatutoryStatusStarted"
    case statutoryStatusEnded = "StatutoryStatusEnded"
    case disputeRaised = "DisputeRaised"
    case disputeResolved = "DisputeResolved"
    case caseClosed = "CaseClosed"
    case caseReopened = "CaseReopened"

    /// The only kind of stream this type may be appended to.
    public var streamKind: StreamKind {
        switch self {
        case .localAuthorityRegistered: .authority
        case .agencyRegistered: .agency
        case .practitionerRegistered, .practitionerLineManagerChanged, .practitionerMovedAgency, .practitionerLeft:
            .practitioner
        default: .case
        }
    }

    /// The data field that must equal the stream's ID, where the type names its own subject.
    public var subjectField: String? {
        switch self {
        case .localAuthorityRegistered: "authorityId"
        case .agencyRegistered: "agencyId"
        case .practitionerRegistered, .practitionerLineManagerChanged, .practitionerMovedAgency, .practitionerLeft:
            "practitionerId"
        case .caseOpened: "caseId"
        default: nil
        }
    }

    private static let byName: [String: EventType] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    public init?(name: String) {
        guard let type = Self.byName[name] else { return nil }
        self = type
    }
}
