import Ledger

/// A consent given, and whether it has been withdrawn.
public struct ConsentRecord: Sendable, Equatable {
    /// assessment or information-sharing.
    public var scope: String
    /// Who gave it: child, parent or carer.
    public var givenBy: String
    /// When it was given.
    public var givenOn: CalendarDate
    /// When it was withdrawn; nil while in force.
    public var withdrawnOn: CalendarDate?

    /// Whether the consent still stands (never withdrawn).
    public var isInForce: Bool { withdrawnOn == nil }
}

/// A Common Assessment: started, and perhaps completed.
public struct CAFRecord: Sendable, Equatable {
    /// The assessment's ID.
    public var cafId: CAFID
    /// The practitioner assessing.
    public var assessor: PractitionerID
    /// The assessor's agency when the assessment started (Annex A's "organisation completing").
    public var assessorAgencyId: AgencyID?
    /// When the assessment started.
    public var startedOn: CalendarDate
    /// Whether assessment consent was in force when it started.
    public var consentInForce: Bool
    /// When it was completed; nil while in progress.
    public var completedOn: CalendarDate?
    /// The needs the completed assessment identified (none before completion).
    public var needs: [DomainEvent.Need]
    /// The child's and family's strengths it recorded.
    public var strengths: [String]
    /// Whether the completed assessment was multi-agency; nil before completion.
    public var multiAgency: Bool?
}

/// A membership of the Team Around the Child.
public struct TACMembership: Sendable, Equatable {
    /// The member.
    public var practitionerId: PractitionerID
    /// When they joined the team.
    public var joinedOn: CalendarDate
    /// When they left; nil while a member.
    public var leftOn: CalendarDate?
    /// Why they left, if they have.
    public var leftReason: String?
}

/// A statutory status (child protection plan, looked after, …) over a period.
public struct StatutoryPeriod: Sendable, Equatable {
    /// The status, as the contract spells it (`child-protection-plan`, …).
    public var status: String
    /// When it started.
    public var startedOn: CalendarDate
    /// When it ended; nil while it lasts.
    public var endedOn: CalendarDate?

    /// Whether the period is still running.
    public var isActive: Bool { endedOn == nil }
}

/// A dispute between practitioners or agencies, and its resolution.
public struct DisputeRecord: Sendable, Equatable {
    /// The dispute's ID.
    public var disputeId: DisputeID
    /// What it is about (lead professional, non-delivery, …).
    public var about: String
    /// The practitioner who raised it.
    public var raisedBy: PractitionerID
    /// When it was raised.
    public var raisedOn: CalendarDate
    /// The action it concerns, if any.
    public var actionId: ActionID?
    /// What the dispute is, in the raiser's words.
    public var summary: String
    /// When it was resolved; nil while open.
    public var resolvedOn: CalendarDate? = nil
    /// Who resolved it.
    public var resolvedBy: PractitionerID? = nil
    /// How it was resolved.
    public var resolution: String? = nil

    /// Whether it is still unresolved.
    public var isOpen: Bool { resolvedOn == nil }
}

/// A closure of the case, and its reopening if it was reopened.
public struct ClosureRecord: Sendable, Equatable {
    /// When the case was closed.
    public var closedOn: CalendarDate
    /// Why (a closure reason of the contract; Annex A reports it).
    public var reason: String
    /// When the case was reopened after this closure; nil if it still stands.
    public var reopenedOn: CalendarDate?
    /// Why it was reopened.
    public var reopenReason: String?
}
