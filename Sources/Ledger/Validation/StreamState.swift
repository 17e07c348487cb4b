/// What the append rules need to know about one stream, kept beside its head version.
///
/// This is the write side's state only: enough to decide whether the next event is allowed.
/// The read models (case views, flags) are projections and live elsewhere.
public enum StreamState: Sendable, Equatable {
    /// A registered local authority: nothing more is needed of it.
    case authority
    /// A registered agency, with the authority it belongs to.
    case agency(AgencyState)
    /// A registered practitioner: their agency, and whether they have left.
    case practitioner(PractitionerState)
    /// A case: what the rules check later events against.
    case `case`(CaseState)
}

/// What the rules know of an agency.
public struct AgencyState: Sendable, Equatable {
    /// The authority the agency belongs to.
    public var authorityId: AuthorityID
}

/// What the rules know of a practitioner.
public struct PractitionerState: Sendable, Equatable {
    /// Their current agency (`PractitionerMovedAgency` changes it).
    public var agencyId: AgencyID
    /// Set by `PractitionerLeft`: no further events on their stream are accepted.
    public var hasLeft: Bool
}

/// What the rules know of a case.
///
/// The rules take a copy of a case's state for every event on it. The collections live in
/// one box, copied on write, so that copy is one reference count rather than one per
/// collection; mutation through a uniquely held state is in place, as before.
public struct CaseState: Sendable, Equatable {
    /// Set by `CaseClosed`, cleared by `CaseReopened`: a closed case takes only its reopening.
    public var isClosed = false
    /// The current lead professional, if any: handover and standing down must name them.
    public var leadProfessional: PractitionerID?
    private var storage = Storage()

    /// A case with nothing yet: the state before its `CaseOpened`.
    public init() {}

    /// action id → status.
    public var actions: [ActionID: ActionStatus] {
        get { storage.actions }
        _modify { yield &uniqueStorage().actions }
    }

    /// IDs of the TAC meetings held: a `meetingId` elsewhere must name one, and none is held twice.
    public var meetings: Set<MeetingID> {
        get { storage.meetings }
        _modify { yield &uniqueStorage().meetings }
    }

    /// CAF id → completed?
    public var cafs: [CAFID: Bool] {
        get { storage.cafs }
        _modify { yield &uniqueStorage().cafs }
    }

    /// needIds of completed CAFs: the only needs an action may address.
    public var needs: Set<NeedID> {
        get { storage.needs }
        _modify { yield &uniqueStorage().needs }
    }

    /// dispute id → still open?
    public var disputes: [DisputeID: Bool] {
        get { storage.disputes }
        _modify { yield &uniqueStorage().disputes }
    }

    /// Current TAC members.
    public var members: Set<PractitionerID> {
        get { storage.members }
        _modify { yield &uniqueStorage().members }
    }

    /// Statutory statuses started and not ended: one may not start twice, nor end unstarted.
    public var activeStatuses: Set<String> {
        get { storage.activeStatuses }
        _modify { yield &uniqueStorage().activeStatuses }
    }

    /// Compares every field (the collections through their box).
    public static func == (lhs: CaseState, rhs: CaseState) -> Bool {
        lhs.isClosed == rhs.isClosed && lhs.leadProfessional == rhs.leadProfessional
            && (lhs.storage === rhs.storage || lhs.storage.hasSameContent(as: rhs.storage))
    }

    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        return storage
    }

    // @unchecked: mutated only through `uniqueStorage()`, i.e. when no other state shares it,
    // so a box reachable from more than one place (or thread) is never written.
    private final class Storage: @unchecked Sendable {
        var actions: [ActionID: ActionStatus] = [:]
        var meetings: Set<MeetingID> = []
        var cafs: [CAFID: Bool] = [:]
        var needs: Set<NeedID> = []
        var disputes: [DisputeID: Bool] = [:]
        var members: Set<PractitionerID> = []
        var activeStatuses: Set<String> = []

        init() {}

        init(copying other: Storage) {
            actions = other.actions
            meetings = other.meetings
            cafs = other.cafs
            needs = other.needs
            disputes = other.disputes
            members = other.members
            activeStatuses = other.activeStatuses
        }

        func hasSameContent(as other: Storage) -> Bool {
            actions == other.actions && meetings == other.meetings && cafs == other.cafs && needs == other.needs
                && disputes == other.disputes && members == other.members && activeStatuses == other.activeStatuses
        }
    }
}
