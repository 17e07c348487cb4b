extension DomainEvent {
    /// The event type whose data this is.
    public var type: EventType {
        switch self {
        case .localAuthorityRegistered: .localAuthorityRegistered
        case .agencyRegistered: .agencyRegistered
        case .practitionerRegistered: .practitionerRegistered
        case .practitionerLineManagerChanged: .practitionerLineManagerChanged
        case .practitionerMovedAgency: .practitionerMovedAgency
        case .practitionerLeft: .practitionerLeft
        case .caseOpened: .caseOpened
        case .consentRecorded: .consentRecorded
        case .consentWithdrawn: .consentWithdrawn
        case .cafStarted: .cafStarted
        case .cafCompleted: .cafCompleted
        case .tacMemberJoined: .tacMemberJoined
        case .tacMemberLeft: .tacMemberLeft
        case .tacMeetingHeld: .tacMeetingHeld
        case .leadProfessionalAppointed: .leadProfessionalAppointed
        case .leadProfessionalHandedOver: .leadProfessionalHandedOver
        case .leadProfessionalCoverArranged: .leadProfessionalCoverArranged
        case .leadProfessionalStoodDown: .leadProfessionalStoodDown
        case .actionAgreed: .actionAgreed
        case .actionProgressRecorded: .actionProgressRecorded
        case .actionDueDateRevised: .actionDueDateRevised
        case .actionReassigned: .actionReassigned
        case .actionCompleted: .actionCompleted
        case .actionCancelled: .actionCancelled
        case .actionEscalated: .actionEscalated
        case .statutoryStatusStarted: .statutoryStatusStarted
        case .statutoryStatusEnded: .statutoryStatusEnded
        case .disputeRaised: .disputeRaised
        case .disputeResolved: .disputeResolved
        case .caseClosed: .caseClosed
        case .caseReopened: .caseReopened
        }
    }
}
