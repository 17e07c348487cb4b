/// The 31 event types of contract v1.
public enum EventType: String, Sendable, CaseIterable {
    // Directory
    /// A local authority joins the directory (its own `authority-` stream): agencies belong to one.
    case localAuthorityRegistered = "LocalAuthorityRegistered"
    /// An agency (a school, a health trust, a police team…) joins an authority.
    case agencyRegistered = "AgencyRegistered"
    /// A practitioner joins an agency: from then on events may name them.
    case practitionerRegistered = "PractitionerRegistered"
    /// A practitioner's line manager changes (or is removed): the escalation chain follows it.
    case practitionerLineManagerChanged = "PractitionerLineManagerChanged"
    /// A practitioner moves to another agency, which changes whose views see their cases.
    case practitionerMovedAgency = "PractitionerMovedAgency"
    /// A practitioner leaves: they may no longer be given new work, and their tokens stop working.
    case practitionerLeft = "PractitionerLeft"
    // Case
    /// A case is opened for a child: the first event of every `case-` stream.
    case caseOpened = "CaseOpened"
    /// The family gives consent for an assessment or for sharing information.
    case consentRecorded = "ConsentRecorded"
    /// Consent given earlier is withdrawn.
    case consentWithdrawn = "ConsentWithdrawn"
    /// A CAF (Common Assessment Framework) assessment is started, by its assessor.
    case cafStarted = "CAFStarted"
    /// A CAF assessment is completed, with the needs and strengths it found.
    case cafCompleted = "CAFCompleted"
    /// A practitioner joins the Team Around the Child.
    case tacMemberJoined = "TACMemberJoined"
    /// A practitioner leaves the Team Around the Child.
    case tacMemberLeft = "TACMemberLeft"
    /// A Team Around the Child meeting is held: who attended, and when the next review is due.
    case tacMeetingHeld = "TACMeetingHeld"
    /// A lead professional is appointed for the case.
    case leadProfessionalAppointed = "LeadProfessionalAppointed"
    /// The lead professional role passes from one practitioner to another.
    case leadProfessionalHandedOver = "LeadProfessionalHandedOver"
    /// Another practitioner covers the lead professional for a period.
    case leadProfessionalCoverArranged = "LeadProfessionalCoverArranged"
    /// The lead professional stands down, leaving the case without one until another is appointed.
    case leadProfessionalStoodDown = "LeadProfessionalStoodDown"
    /// The team agrees an action, owned by a practitioner or a family member, with a due date.
    case actionAgreed = "ActionAgreed"
    /// Progress on an action is noted.
    case actionProgressRecorded = "ActionProgressRecorded"
    /// An action's due date is moved (the original is kept, so slippage shows).
    case actionDueDateRevised = "ActionDueDateRevised"
    /// An action is given to another owner.
    case actionReassigned = "ActionReassigned"
    /// An action is done.
    case actionCompleted = "ActionCompleted"
    /// An action is dropped before it was done.
    case actionCancelled = "ActionCancelled"
    /// An overdue or stuck action is escalated (to a line manager, a panel…).
    case actionEscalated = "ActionEscalated"
    /// A statutory status (child in need, child protection plan…) starts for the child.
    case statutoryStatusStarted = "StatutoryStatusStarted"
    /// A statutory status ends.
    case statutoryStatusEnded = "StatutoryStatusEnded"
    /// A disagreement between agencies is raised (about the lead professional, an action…).
    case disputeRaised = "DisputeRaised"
    /// A dispute is settled.
    case disputeResolved = "DisputeResolved"
    /// The case is closed, with the reason.
    case caseClosed = "CaseClosed"
    /// A closed case is reopened.
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

    /// The type named `name` exactly as the contract spells it (`"CaseOpened"`); nil for an
    /// unknown name. A table look-up: every request's type is parsed with it.
    public init?(name: String) {
        guard let type = Self.byName[name] else { return nil }
        self = type
    }
}
