import Ledger

/// A Team Around the Child meeting.
public struct MeetingRecord: Sendable, Equatable {
    public var meetingId: String
    /// initial, review, handover or closure.
    public var kind: String
    public var heldOn: CalendarDate
    public var chair: String
    public var attendees: [String]
    public var familyPresent: Bool
    public var nextReviewDue: CalendarDate?
}
