/// What the append rules need to know about one stream, kept beside its head version.
///
/// This is the write side's state only: enough to decide whether the next event is allowed.
/// The read models (case views, flags) are projections and live elsewhere.
public enum StreamState: Sendable, Equatable {
    case authority
    case agency(AgencyState)
    case practitioner(PractitionerState)
    case `case`(CaseState)
}

public struct AgencyState: Sendable, Equatable {
    public var authorityId: String
}

public struct PractitionerState: Sendable, Equatable {
    public var agencyId: String
    public var hasLeft: Bool
}

/// The open/closed status of an agreed action.
public enum ActionStatus: UInt8, Sendable {
    case open = 0
    case completed = 1
    case cancelled = 2
}

public struct CaseState: Sendable, Equatable {
    public var isClosed = false
    public var actions: [String: ActionStatus] = [:]
    public var meetings: Set<String> = []
    /// CAF id → completed?
    public var cafs: [String: Bool] = [:]
    /// needIds of completed CAFs: the only needs an action may address.
    public var needs: Set<String> = []
    /// dispute id → still open?
    public var disputes: [String: Bool] = [:]
    public var leadProfessional: String?
    public var members: Set<String> = []
    public var activeStatuses: Set<String> = []

    public init() {}
}
