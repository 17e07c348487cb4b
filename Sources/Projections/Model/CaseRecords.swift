import Ledger

/// A consent given, and whether it has been withdrawn.
public struct ConsentRecord: Sendable, Equatable {
    /// assessment or information-sharing.
    public var scope: String
    public var givenBy: String
    public var givenOn: CalendarDate
    public var withdrawnOn: CalendarDate?

    public var isInForce: Bool { withdrawnOn == nil }
}

/// A Common Assessment: started, and perhaps completed.
public struct CAFRecord: Sendable, Equatable {
    public var cafId: String
    public var assessor: String
    /// The assessor's agency when the assessment started (Annex A's "organisation completing").
    public var assessorAgencyId: String?
    public var startedOn: CalendarDate
    /// Whether assessment consent was in force when it started.
    public var consentInForce: Bool
    public var completedOn: CalendarDate?
    public var needs: [DomainEvent.Need]
    public var strengths: [String]
    public var multiAgency: Bool?
}

/// A membership of the Team Around the Child.
public struct TACMembership: Sendable, Equatable {
    public var practitionerId: String
    public var joinedOn: CalendarDate
    public var leftOn: CalendarDate?
    public var leftReason: String?
}

/// A statutory status (child protection plan, looked after, …) over a period.
public struct StatutoryPeriod: Sendable, Equatable {
    public var status: String
    public var startedOn: CalendarDate
    public var endedOn: CalendarDate?

    public var isActive: Bool { endedOn == nil }
}

/// A dispute between practitioners or agencies, and its resolution.
public struct DisputeRecord: Sendable, Equatable {
    public var disputeId: String
    public var about: String
    public var raisedBy: String
    public var raisedOn: CalendarDate
    public var actionId: String?
    public var summary: String
    public var resolvedOn: CalendarDate? = nil
    public var resolvedBy: String? = nil
    public var resolution: String? = nil

    public var isOpen: Bool { resolvedOn == nil }
}

/// A closure of the case, and its reopening if it was reopened.
public struct ClosureRecord: Sendable, Equatable {
    public var closedOn: CalendarDate
    public var reason: String
    public var reopenedOn: CalendarDate?
    public var reopenReason: String?
}
