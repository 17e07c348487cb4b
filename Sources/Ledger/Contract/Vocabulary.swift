/// The contract's enumerations, exactly as DOMAIN.md spells them.
public enum Vocabulary {
    /// An agency's `sector`.
    public static let sectors = ["statutory", "voluntary", "private"]
    /// An agency's `service`.
    public static let services = [
        "health", "education", "early-years", "social-care", "youth-justice", "police", "housing", "youth-service",
        "connexions", "other",
    ]
    /// A practitioner's `role`.
    public static let roles = [
        "social-worker", "health-visitor", "midwife", "school-nurse", "community-childrens-nurse", "gp", "teacher",
        "senco", "school-support-staff", "learning-mentor", "education-welfare-officer", "early-years-worker",
        "childrens-centre-worker", "family-support-worker", "youth-worker", "personal-adviser", "yot-officer",
        "police-officer", "housing-support-officer", "substance-misuse-worker", "camhs-practitioner", "play-worker",
        "volunteer", "manager", "other",
    ]
    /// A child's `gender` at case opening.
    public static let genders = ["male", "female", "not-stated", "neither"]
    /// In Annex A order: the letter of each code is its position (REFU and NOBT share `s)`).
    public static let ethnicities = [
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB",
        "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ]
    /// What consent is for (`scope` of `ConsentRecorded` and `ConsentWithdrawn`).
    public static let consentScopes = ["assessment", "information-sharing"]
    /// Who gives consent (`givenBy`).
    public static let consentGivers = ["child", "parent", "carer"]
    /// The CAF domain a need is in.
    public static let needDomains = ["development", "parenting", "family-environment"]
    /// The Every Child Matters outcome a need bears on.
    public static let outcomes = [
        "be-healthy", "stay-safe", "enjoy-and-achieve", "positive-contribution", "economic-well-being",
    ]
    /// A TAC meeting's `kind`.
    public static let meetingKinds = ["initial", "review", "handover", "closure"]
    /// Why a lead professional was chosen (`criteria` of `LeadProfessionalAppointed`).
    public static let leadProfessionalCriteria = [
        "wishes-of-child-or-family", "trusted-relationship", "predominant-needs", "primary-responsibility",
        "statutory-responsibility", "skills-and-capacity", "ongoing-relationship",
    ]
    /// Why the lead professional role was handed over.
    public static let handoverReasons = [
        "needs-changed", "stepped-up", "stepped-down", "practitioner-leaving", "family-request",
        "transition-to-adult-services", "other",
    ]
    /// The family member who may own an action (`owner.familyMember`).
    public static let familyMembers = ["parent", "carer", "child", "young-person"]
    /// Where an action may be escalated to.
    public static let escalationTargets = ["line-manager", "multi-agency-panel", "integrated-services-manager"]
    /// The statutory statuses a child may hold alongside early help.
    public static let statutoryStatuses = [
        "child-in-need", "child-protection-plan", "looked-after", "care-leaver", "youth-justice",
        "complex-health-or-disability", "mental-health-cpa",
    ]
    /// What a dispute may be about.
    public static let disputeSubjects = ["lead-professional", "non-delivery", "accountability", "resources", "approach"]
    /// Why a case was closed; also the closure reasons Annex A reports.
    public static let closureReasons = [
        "needs-met", "stepped-up-to-statutory-services", "moved-out-of-area", "consent-withdrawn",
        "transferred-to-adult-services", "no-longer-engaging", "other",
    ]
}
