import Ledger

/// A policy concern the ledger records but does not refuse (DOMAIN.md, "flags").
public enum CaseFlag: String, Sendable, CaseIterable, Comparable {
    /// An open case past its initial TAC meeting with no lead professional.
    case noLeadProfessional = "no-lead-professional"
    /// A case in statutory status led by someone other than a social worker.
    case leadProfessionalNotSocialWorker = "lead-professional-not-social-worker"
    /// A case in statutory status led by a youth offending team officer.
    case yotLeadingStatutoryCase = "yot-leading-statutory-case"
    /// A care leaver whose lead professional is neither a personal adviser nor a social worker.
    case careLeaverLeadProfessional = "care-leaver-lead-professional"
    /// The lead professional has left their post.
    case leadProfessionalDeparted = "lead-professional-departed"
    /// An open action's owner has left their post.
    case actionOwnerDeparted = "action-owner-departed"
    /// The latest TAC meeting's review date has passed.
    case reviewOverdue = "review-overdue"
    /// An assessment started without consent to assessment in force.
    case assessmentWithoutConsent = "assessment-without-consent"
    /// The child is 17½ or older: planning for adult services is due.
    case transitionPlanningDue = "transition-planning-due"

    /// By raw value: flags list in a stable order.
    public static func < (lhs: CaseFlag, rhs: CaseFlag) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The flags of `record` on `date`, sorted by name; none for a closed case.
    public static func evaluate(_ record: CaseRecord, directory: Directory, on date: CalendarDate) -> [CaseFlag] {
        guard record.isOpen else { return [] }
        var flags: [CaseFlag] = []
        let statutory = record.hasActiveStatus("child-protection-plan") || record.hasActiveStatus("looked-after")
        if let lead = record.leadProfessional {
            // The role is the directory's; an LP unknown to it has no role to judge.
            let practitioner = directory.practitioners[lead]
            if let role = practitioner?.role {
                if statutory && role != "social-worker" { flags.append(.leadProfessionalNotSocialWorker) }
                if statutory && role == "yot-officer" { flags.append(.yotLeadingStatutoryCase) }
                if record.hasActiveStatus("care-leaver") && role != "personal-adviser" && role != "social-worker" {
                    flags.append(.careLeaverLeadProfessional)
                }
            }
            if practitioner?.hasLeft == true { flags.append(.leadProfessionalDeparted) }
        } else if record.initialMeeting != nil {
            flags.append(.noLeadProfessional)
        }
        if record.actions.contains(where: { action in
            action.isOpen && action.owner.practitionerId.map { directory.practitioners[$0]?.hasLeft == true } == true
        }) {
            flags.append(.actionOwnerDeparted)
        }
        if let due = record.latestMeeting?.nextReviewDue, due < date { flags.append(.reviewOverdue) }
        if record.cafs.contains(where: { !$0.consentInForce }) { flags.append(.assessmentWithoutConsent) }
        if let born = record.dateOfBirth, date >= born.adding(years: 17, months: 6) { flags.append(.transitionPlanningDue) }
        return flags.sorted()
    }
}
