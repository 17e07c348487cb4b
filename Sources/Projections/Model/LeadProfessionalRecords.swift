import Ledger

/// A period in which one practitioner was the case's lead professional.
public struct LeadProfessionalPeriod: Sendable, Equatable {
    public var practitionerId: String
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

/// Cover for the lead professional over a date range (e.g. a school-based LP in the holidays).
public struct CoverRecord: Sendable, Equatable {
    public var practitionerId: String
    public var fromDate: CalendarDate
    public var untilDate: CalendarDate
    public var reason: String

    public func covers(_ date: CalendarDate) -> Bool {
        fromDate <= date && date <= untilDate
    }
}
