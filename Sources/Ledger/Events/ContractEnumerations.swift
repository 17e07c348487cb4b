// The contract's enumerations as types, one per vocabulary of `Vocabulary`: the lists stay
// there (the schemas and the validator read them), each type names its own.

/// An agency's `sector`.
public struct Sector: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.sectors`.
    public static let allowed = Vocabulary.sectors
}

/// An agency's `service`.
public struct AgencyService: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.services`.
    public static let allowed = Vocabulary.services
}

/// A practitioner's `role`.
public struct PractitionerRole: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.roles`.
    public static let allowed = Vocabulary.roles
}

/// A child's `gender` at case opening.
public struct Gender: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.genders`.
    public static let allowed = Vocabulary.genders
}

/// A child's `ethnicity`: a DfE code, listed in Annex A order.
public struct Ethnicity: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.ethnicities`.
    public static let allowed = Vocabulary.ethnicities
}

/// What consent is for (`scope`).
public struct ConsentScope: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.consentScopes`.
    public static let allowed = Vocabulary.consentScopes
}

/// Who gave consent (`givenBy`).
public struct ConsentGiver: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.consentGivers`.
    public static let allowed = Vocabulary.consentGivers
}

/// The CAF domain a need is in.
public struct NeedDomain: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.needDomains`.
    public static let allowed = Vocabulary.needDomains
}

/// The Every Child Matters outcome a need bears on.
public struct Outcome: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.outcomes`.
    public static let allowed = Vocabulary.outcomes
}

/// A TAC meeting's `kind`.
public struct MeetingKind: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.meetingKinds`.
    public static let allowed = Vocabulary.meetingKinds
}

/// One reason a lead professional was chosen (`criteria`).
public struct LeadProfessionalCriterion: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.leadProfessionalCriteria`.
    public static let allowed = Vocabulary.leadProfessionalCriteria
}

/// Why the lead professional role was handed over.
public struct HandoverReason: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.handoverReasons`.
    public static let allowed = Vocabulary.handoverReasons
}

/// The family member who owns an action (`owner.familyMember`).
public struct FamilyMember: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.familyMembers`.
    public static let allowed = Vocabulary.familyMembers
}

/// Where an action was escalated to (`escalatedTo`).
public struct EscalationTarget: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.escalationTargets`.
    public static let allowed = Vocabulary.escalationTargets
}

/// A statutory status the child holds alongside early help.
public struct StatutoryStatus: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.statutoryStatuses`.
    public static let allowed = Vocabulary.statutoryStatuses
}

/// What a dispute is about (`about`).
public struct DisputeSubject: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.disputeSubjects`.
    public static let allowed = Vocabulary.disputeSubjects
}

/// Why a case was closed.
public struct ClosureReason: ContractEnumeration {
    /// The contract's spelling.
    public let rawValue: String

    /// The value spelt `rawValue`, listed or not (replay keeps what was recorded).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `Vocabulary.closureReasons`.
    public static let allowed = Vocabulary.closureReasons
}
