import Ledger

// The enumerations the demo's plans choose among, each with the contract value it is
// recorded as (the ledger's typed enumerations; a value the contract does not list is
// refused when the workload is imported, which its tests do).

/// Practitioner roles (DOMAIN.md `role`).
enum DemoRole: Int, CaseIterable {
    case socialWorker, healthVisitor, midwife, schoolNurse, communityChildrensNurse, gp, teacher, senco
    case schoolSupportStaff, learningMentor, educationWelfareOfficer, earlyYearsWorker, childrensCentreWorker
    case familySupportWorker, youthWorker, personalAdviser, yotOfficer, policeOfficer, housingSupportOfficer
    case substanceMisuseWorker, camhsPractitioner, playWorker, volunteer, manager, other

    var wire: PractitionerRole {
        switch self {
        case .socialWorker: "social-worker"
        case .healthVisitor: "health-visitor"
        case .midwife: "midwife"
        case .schoolNurse: "school-nurse"
        case .communityChildrensNurse: "community-childrens-nurse"
        case .gp: "gp"
        case .teacher: "teacher"
        case .senco: "senco"
        case .schoolSupportStaff: "school-support-staff"
        case .learningMentor: "learning-mentor"
        case .educationWelfareOfficer: "education-welfare-officer"
        case .earlyYearsWorker: "early-years-worker"
        case .childrensCentreWorker: "childrens-centre-worker"
        case .familySupportWorker: "family-support-worker"
        case .youthWorker: "youth-worker"
        case .personalAdviser: "personal-adviser"
        case .yotOfficer: "yot-officer"
        case .policeOfficer: "police-officer"
        case .housingSupportOfficer: "housing-support-officer"
        case .substanceMisuseWorker: "substance-misuse-worker"
        case .camhsPractitioner: "camhs-practitioner"
        case .playWorker: "play-worker"
        case .volunteer: "volunteer"
        case .manager: "manager"
        case .other: "other"
        }
    }

    /// School-based practitioners are away in school holidays, so a case they lead needs
    /// cover then (guide: "a school-based LP during holidays").
    var isSchoolBased: Bool {
        switch self {
        case .teacher, .senco, .schoolSupportStaff, .learningMentor: true
        default: false
        }
    }

    /// Roles a TAC would plausibly agree as lead professional for a non-statutory case.
    var canLead: Bool {
        switch self {
        case .policeOfficer, .gp, .volunteer, .manager: false
        default: true
        }
    }
}

enum DemoStatus: Int, CaseIterable {
    case childInNeed, childProtectionPlan, lookedAfter, careLeaver, youthJustice, complexHealth, mentalHealthCPA

    var wire: StatutoryStatus {
        switch self {
        case .childInNeed: "child-in-need"
        case .childProtectionPlan: "child-protection-plan"
        case .lookedAfter: "looked-after"
        case .careLeaver: "care-leaver"
        case .youthJustice: "youth-justice"
        case .complexHealth: "complex-health-or-disability"
        case .mentalHealthCPA: "mental-health-cpa"
        }
    }

    var bit: UInt8 { 1 << UInt8(rawValue) }
}

/// What consent the demo's families give (and sometimes withdraw).
enum DemoConsent {
    static let assessment: ConsentScope = "assessment"
    static let informationSharing: ConsentScope = "information-sharing"
    static let all = [assessment, informationSharing]
}

enum DemoGivenBy: CaseIterable {
    case child, parent, carer

    var wire: ConsentGiver {
        switch self {
        case .child: "child"
        case .parent: "parent"
        case .carer: "carer"
        }
    }
}

enum DemoFamilyMember: CaseIterable {
    case parent, carer, child, youngPerson

    var wire: FamilyMember {
        switch self {
        case .parent: "parent"
        case .carer: "carer"
        case .child: "child"
        case .youngPerson: "young-person"
        }
    }
}

/// An action's owner: one practitioner (by directory index) or a member of the family.
enum DemoOwner: Equatable {
    case practitioner(Int32)
    case family(DemoFamilyMember)
}

enum DemoMeetingKind: CaseIterable {
    case initial, review, handover, closure

    var wire: MeetingKind {
        switch self {
        case .initial: "initial"
        case .review: "review"
        case .handover: "handover"
        case .closure: "closure"
        }
    }
}

enum DemoHandoverReason: CaseIterable {
    case needsChanged, steppedUp, steppedDown, practitionerLeaving, familyRequest, transitionToAdultServices, other

    var wire: HandoverReason {
        switch self {
        case .needsChanged: "needs-changed"
        case .steppedUp: "stepped-up"
        case .steppedDown: "stepped-down"
        case .practitionerLeaving: "practitioner-leaving"
        case .familyRequest: "family-request"
        case .transitionToAdultServices: "transition-to-adult-services"
        case .other: "other"
        }
    }
}

enum DemoCloseReason: CaseIterable {
    case needsMet, steppedUp, movedOut, consentWithdrawn, transferredToAdult, noLongerEngaging, other

    var wire: ClosureReason {
        switch self {
        case .needsMet: "needs-met"
        case .steppedUp: "stepped-up-to-statutory-services"
        case .movedOut: "moved-out-of-area"
        case .consentWithdrawn: "consent-withdrawn"
        case .transferredToAdult: "transferred-to-adult-services"
        case .noLongerEngaging: "no-longer-engaging"
        case .other: "other"
        }
    }

    /// Free-text reason for the lead professional standing down at this closure.
    var standDownReason: String {
        switch self {
        case .needsMet: "Case closing: the agreed outcomes have been achieved"
        case .steppedUp: "Case stepped up to children's social care; early help plan ends"
        case .movedOut: "Family has moved out of the area; case transferred to the new authority"
        case .consentWithdrawn: "Family withdrew consent; early help support ends"
        case .transferredToAdult: "Young person transferred to adult services"
        case .noLongerEngaging: "Family no longer engaging with the plan"
        case .other: "Case closing"
        }
    }

    /// Free-text reason for cancelling an action still open at this closure.
    var cancelReason: String {
        switch self {
        case .needsMet: "No longer needed: case closing with needs met"
        case .steppedUp: "Superseded by the child protection plan"
        case .movedOut: "Family moved out of the area"
        case .consentWithdrawn: "Consent withdrawn by the family"
        case .transferredToAdult: "Transferred to adult services"
        case .noLongerEngaging: "Family not engaging; action cannot be delivered"
        case .other: "Case closing"
        }
    }
}

enum DemoEscalationTarget: CaseIterable {
    case lineManager, multiAgencyPanel, integratedServicesManager

    var wire: EscalationTarget {
        switch self {
        case .lineManager: "line-manager"
        case .multiAgencyPanel: "multi-agency-panel"
        case .integratedServicesManager: "integrated-services-manager"
        }
    }
}

enum DemoDisputeAbout: CaseIterable {
    case leadProfessional, nonDelivery, accountability, resources, approach

    var wire: DisputeSubject {
        switch self {
        case .leadProfessional: "lead-professional"
        case .nonDelivery: "non-delivery"
        case .accountability: "accountability"
        case .resources: "resources"
        case .approach: "approach"
        }
    }
}
