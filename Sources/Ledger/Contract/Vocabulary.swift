/// The contract's enumerations, exactly as DOMAIN.md spells them.
public enum Vocabulary {
    public static let sectors = ["statutory", "voluntary", "private"]
    public static let services = [
        "health", "education", "early-years", "social-care", "youth-justice", "police", "housing", "youth-service",
        "connexions", "other",
    ]
    public static let roles = [
        "social-worker", "health-visitor", "midwife", "school-nurse", "community-childrens-nurse", "gp", "teacher",
        "senco", "school-support-staff", "learning-mentor", "education-welfare-officer", "early-years-worker",
        "childrens-centre-worker", "family-support-worker", "youth-worker", "personal-adviser", "yot-officer",
        "police-officer", "housing-support-officer", "substance-misuse-worker", "camhs-practitioner", "play-worker",
        "volunteer", "manager", "other",
    ]
    public static let genders = ["male", "female", "not-stated", "neither"]
    /// In Annex A order: the letter of each code is its position (REFU and NOBT share `s)`).
    public static let ethnicities = [
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB",
        "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ]
    public static let consentScopes = ["assessment", "information-sharing"]
    public static let consentGivers = ["child", "parent", "carer"]
    public static let needDomains = ["development", "parenting", "family-environment"]
    public static let outcomes = [
        "be-healthy", "stay-safe", "enjoy-and-achieve", "positive-contribution", "economic-well-being",
    ]
    public static let meetingKinds = ["initial", "review", "handover", "closure"]
    public static let leadProfessionalCriteria = [
        "wishes-of-child-or-family", "trusted-relationship", "predominant-needs", "primary-responsibility",
        "statutory-responsibility", "skills-and-capacity", "ongoing-relationship",
    ]
    public static let handoverReasons = [
        "needs-changed", "stepped-up", "stepped-down", "practitioner-leaving", "family-request",
        "transition-to-adult-services", "other",
    ]
    public static let familyMembers = ["parent", "carer", "child", "young-person"]
    public static let escalationTargets = ["line-manager", "multi-agency-panel", "integrated-services-manager"]
    public static let statutoryStatuses = [
        "child-in-need", "child-protection-plan", "looked-after", "care-leaver", "youth-justice",
        "complex-health-or-disability", "mental-health-cpa",
    ]
    public static let disputeSubjects = ["lead-professional", "non-delivery", "accountability", "resources", "approach"]
    public static let closureReasons = [
        "needs-met", "stepped-up-to-statutory-services", "moved-out-of-area", "consent-withdrawn",
        "transferred-to-adult-services", "no-longer-engaging", "other",
    ]
}
