import Ledger

/// A Team Around the Child meeting.
public struct MeetingRecord: Sendable, Equatable {
    /// The meeting's ID within its case.
    public var meetingId: String
    /// initial, review, handover or closure.
    public var kind: String
    /// When it was held.
    public var heldOn: CalendarDate
    /// The practitioner who chaired it.
    public var chair: String
    /// The practitioners who attended, as recorded.
    public var attendees: [String]
    /// Whether the family attended.
    public var familyPresent: Bool
    /// When the next review is due, if one was set: the overdue-reviews view reads it.
    public var nextReviewDue: CalendarDate?
}
