import Ledger

/// A Team Around the Child meeting, as its `TACMeetingHeld` recorded it: the case keeps the
/// event's data whole (the overdue-reviews view reads `nextReviewDue`).
public typealias MeetingRecord = DomainEvent.Meeting
