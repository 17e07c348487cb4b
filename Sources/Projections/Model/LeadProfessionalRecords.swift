import Ledger

/// A period in which one practitioner was the case's lead professional.
public struct LeadProfessionalPeriod: Sendable, Equatable {
    /// The lead professional.
    public var practitionerId: PractitionerID
    /// The first day of the period.
    public var from: CalendarDate
    /// nil while the period lasts.
    public var until: CalendarDate?
    /// appointed or handed-over.
    public var startedBy: String
    /// handed-over or stood-down; nil while current.
    public var endedBy: String?
    /// The handover's reason (a contract value) or the stand-down's reason (free text).
    public var endReason: String?
}

/// Cover for the lead professional over a date range, as its `LeadProfessionalCoverArranged`
/// recorded it.
public typealias CoverRecord = DomainEvent.Cover

extension DomainEvent.Cover {
    /// Whether `date` falls within the cover, both ends included.
    public func covers(_ date: CalendarDate) -> Bool {
        fromDate <= date && date <= untilDate
    }
}
