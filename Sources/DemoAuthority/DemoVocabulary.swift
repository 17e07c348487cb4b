import Foundation

// The wire enumerations the demo uses, each with its exact DOMAIN.md spelling. They are
// kept separate from the ledger's own contract types on purpose: the demo is a client of
// the wire contract, and must not silently follow a change in the ledger's internals.

/// Practitioner roles (DOMAIN.md `role`).
enum DemoRole: Int, CaseIterable {
    case socialWorker, healthVisitor, midwife, schoolNurse, communityChildrensNurse, gp, teacher, senco
    case schoolSupportStaff, learningMentor, educationWelfareOfficer, earlyYearsWorker, childrensCentreWorker
    case familySupportWorker, youthWorker, personalAdviser, yotOfficer, policeOfficer, housingSupportOfficer
    case substanceMisuseWorker, camhsPractitioner, playWorker, volunteer, manager, other

    var wire: StaticString {
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

    var wire: StaticString {
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

enum DemoConsentScope {
    case assessment, informationSharing

    var wire: StaticString {
        switch self {
        case .assessment: "assessment"
        case .informationSharing: "information-sharing"
        }
    }
}

enum DemoGivenBy {
    case child, parent, carer

    var wire: StaticString {
        switch self {
        case .child: "child"
        case .parent: "parent"
        case .carer: "carer"
        }
    }
}

enum DemoFamilyMember {
    case parent, carer, child, youngPerson

    var wire: StaticString {
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

enum DemoMeetingKind {
    case initial, review, handover, closure

    var wire: StaticString {
        switch self {
        case .initial: "initial"
        case .review: "review"
        case .handover: "handover"
        case .closure: "closure"
        }
    }
}

enum DemoHandoverReason {
    case needsChanged, steppedUp, steppedDown, practitionerLeaving, familyRequest, transitionToAdultServices, other

    var wire: StaticString {
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

enum DemoCloseReason {
    case needsMet, steppedUp, movedOut, consentWithdrawn, transferredToAdult, noLongerEngaging, other

    var wire: StaticString {
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

    var wire: StaticString {
        switch self {
        case .lineManager: "line-manager"
        case .multiAgencyPanel: "multi-agency-panel"
        case .integratedServicesManager: "integrated-services-manager"
        }
    }
}

enum DemoDisputeAbout {
    case leadProfessional, nonDelivery, accountability, resources, approach

    var wire: StaticString {
        switch self {
        case .leadProfessional: "lead-professional"
        case .nonDelivery: "non-delivery"
        case .accountability: "accountability"
        case .resources: "resources"
        case .approach: "approach"
        }
    }
}

/// Who an action template is for: a role in the TAC, or someone in the family.
enum DemoOwnerSpec: Sendable {
    case role(DemoRole)
    case family(DemoFamilyMember)
    /// Whoever leads the case when the action is agreed.
    case lead
}

/// A way to meet a need, as a delivery plan would word it.
struct DemoActionTemplate: Sendable {
    let description: String
    let owner: DemoOwnerSpec
}

/// A need a CAF might record, with the practitioner best placed to meet it and the actions
/// a TAC typically agrees for it.
struct DemoNeedTemplate: Sendable {
    let domain: StaticString
    let outcome: StaticString
    let summary: String
    /// Which routes (`DemoRoute` bits) the need is plausible for.
    let routes: UInt8
    let role: DemoRole
    let actions: [DemoActionTemplate]
}

/// Age bands of the child; they decide who notices the need and which needs are plausible.
enum DemoRoute: Int {
    case unborn, earlyYears, primary, secondary, older

    var bit: UInt8 { 1 << UInt8(rawValue) }
}

/// The fixed phrases of the demo world. Plain data; kept in one place so the lifecycle code
/// reads as a story rather than a phrase book.
enum DemoVocabulary {
    private static let u = DemoRoute.unborn.bit
    private static let e = DemoRoute.earlyYears.bit
    private static let p = DemoRoute.primary.bit
    private static let s = DemoRoute.secondary.bit
    private static let o = DemoRoute.older.bit

    static let needs: [DemoNeedTemplate] = [
        DemoNeedTemplate(
            domain: "development",
            outcome: "be-healthy",
            summary: "Speech and language delay: using only a few single words at two and a half",
            routes: e,
            role: .earlyYearsWorker,
            actions: [
                .init(
                    description: "Refer to speech and language therapy and support the family to attend",
                    owner: .role(.healthVisitor)
                ),
                .init(
                    description: "Daily talking and reading activities at nursery, shared with home",
                    owner: .role(.earlyYearsWorker)
                ),
                .init(
                    description: "Parent to read with the child for ten minutes every evening",
                    owner: .family(.parent)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "be-healthy",
            summary: "Weight faltering and missed health appointments",
            routes: u | e,
            role: .healthVisitor,
            actions: [
                .init(
                    description: "Fortnightly weighing at the children's centre clinic",
                    owner: .role(.healthVisitor)
                ),
                .init(description: "Parent to attend the rearranged paediatric appointment", owner: .family(.parent)),
                .init(description: "GP review and referral to the dietitian", owner: .role(.gp)),
            ]
        ),
        DemoNeedTemplate(
            domain: "parenting",
            outcome: "be-healthy",
            summary: "Mother experiencing low mood since the birth",
            routes: u | e,
            role: .healthVisitor,
            actions: [
                .init(
                    description: "Complete a maternal mood assessment and agree listening visits",
                    owner: .role(.healthVisitor)
                ),
                .init(description: "GP review of mother's treatment for post-natal depression", owner: .role(.gp)),
            ]
        ),
        DemoNeedTemplate(
            domain: "parenting",
            outcome: "stay-safe",
            summary: "Parents struggling with routines and boundaries",
            routes: e | p | s,
            role: .familySupportWorker,
            actions: [
                .init(
                    description: "Deliver an eight-week parenting programme at home",
                    owner: .role(.familySupportWorker)
                ),
                .init(
                    description: "Parents to use the agreed bedtime routine and keep a diary",
                    owner: .family(.parent)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "parenting",
            outcome: "stay-safe",
            summary: "Domestic abuse reported in the household (three police call-outs this year)",
            routes: u | e | p | s | o,
            role: .policeOfficer,
            actions: [
                .init(
                    description: "Share police call-out information with the TAC before each review",
                    owner: .role(.policeOfficer)
                ),
                .init(description: "Refer mother to the independent domestic violence adviser", owner: .role(.other)),
                .init(description: "Mother to agree and keep to a safety plan", owner: .family(.parent)),
            ]
        ),
        DemoNeedTemplate(
            domain: "parenting",
            outcome: "be-healthy",
            summary: "Parental alcohol misuse affecting care of the children",
            routes: u | e | p | s,
            role: .substanceMisuseWorker,
            actions: [
                .init(
                    description: "Parent to attend an assessment at the drug and alcohol service",
                    owner: .family(.parent)
                ),
                .init(
                    description: "Structured treatment sessions with the drug and alcohol service",
                    owner: .role(.substanceMisuseWorker)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "family-environment",
            outcome: "economic-well-being",
            summary: "Rent arrears; notice seeking possession served",
            routes: u | e | p | s | o,
            role: .housingSupportOfficer,
            actions: [
                .init(
                    description: "Negotiate a repayment plan with the landlord",
                    owner: .role(.housingSupportOfficer)
                ),
                .init(
                    description: "Complete a Discretionary Housing Payment application",
                    owner: .role(.housingSupportOfficer)
                ),
                .init(description: "Parent to keep to the agreed repayments", owner: .family(.parent)),
            ]
        ),
        DemoNeedTemplate(
            domain: "family-environment",
            outcome: "be-healthy",
            summary: "Overcrowded, damp accommodation affecting the children's health",
            routes: u | e | p | s,
            role: .housingSupportOfficer,
            actions: [
                .init(description: "Housing needs assessment and banding review", owner: .role(.housingSupportOfficer)),
                .init(
                    description: "Request an environmental health inspection of the property",
                    owner: .role(.housingSupportOfficer)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "family-environment",
            outcome: "economic-well-being",
            summary: "Low income, debt and benefit problems",
            routes: u | e | p | s | o,
            role: .familySupportWorker,
            actions: [
                .init(
                    description: "Benefits check and referral to the money advice service",
                    owner: .role(.familySupportWorker)
                ),
                .init(
                    description: "Apply for free school meals and the holiday activities programme",
                    owner: .family(.parent)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "enjoy-and-achieve",
            summary: "Persistent absence from school (attendance 81% this term)",
            routes: p | s,
            role: .educationWelfareOfficer,
            actions: [
                .init(
                    description: "Weekly attendance monitoring and home visits",
                    owner: .role(.educationWelfareOfficer)
                ),
                .init(description: "Attendance support plan agreed with the school", owner: .role(.teacher)),
                .init(description: "Parent to make sure the child arrives at school by 8:45", owner: .family(.parent)),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "enjoy-and-achieve",
            summary: "Special educational needs: literacy well below the expected level",
            routes: p | s,
            role: .senco,
            actions: [
                .init(description: "Request an education, health and care needs assessment", owner: .role(.senco)),
                .init(description: "Small-group phonics intervention three times a week", owner: .role(.teacher)),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "enjoy-and-achieve",
            summary: "Behaviour in class; two suspensions this school year",
            routes: p | s,
            role: .learningMentor,
            actions: [
                .init(description: "Weekly mentoring sessions in school", owner: .role(.learningMentor)),
                .init(description: "Pastoral support plan with a daily report card", owner: .role(.teacher)),
                .init(
                    description: "Child to use the agreed time-out card instead of leaving class",
                    owner: .family(.child)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "be-healthy",
            summary: "Low mood and self-harm disclosed at school",
            routes: s | o,
            role: .camhsPractitioner,
            actions: [
                .init(description: "CAMHS assessment appointment and follow-up plan", owner: .role(.camhsPractitioner)),
                .init(description: "Weekly check-ins with the school nurse", owner: .role(.schoolNurse)),
                .init(description: "Young person to use the agreed safety plan", owner: .family(.youngPerson)),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "stay-safe",
            summary: "Going missing overnight; concerns about criminal exploitation",
            routes: s | o,
            role: .policeOfficer,
            actions: [
                .init(description: "Return home interview after every missing episode", owner: .role(.youthWorker)),
                .init(description: "Share intelligence with the exploitation panel", owner: .role(.policeOfficer)),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "positive-contribution",
            summary: "Anti-social behaviour in the community and a first police warning",
            routes: s | o,
            role: .yotOfficer,
            actions: [
                .init(description: "Prevention programme with the youth offending team", owner: .role(.yotOfficer)),
                .init(
                    description: "Young person to join a youth club activity each week",
                    owner: .family(.youngPerson)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "economic-well-being",
            summary: "Not in education, employment or training since leaving school",
            routes: o,
            role: .personalAdviser,
            actions: [
                .init(
                    description: "Careers guidance and support with a college application",
                    owner: .role(.personalAdviser)
                ),
                .init(description: "Young person to attend the college open day", owner: .family(.youngPerson)),
            ]
        ),
        DemoNeedTemplate(
            domain: "family-environment",
            outcome: "enjoy-and-achieve",
            summary: "Young carer for a parent with a disability",
            routes: p | s | o,
            role: .youthWorker,
            actions: [
                .init(
                    description: "Young carers' assessment and a place on the respite activities programme",
                    owner: .role(.youthWorker)
                ),
                .init(
                    description: "Request an adult social care assessment for the parent",
                    owner: .role(.familySupportWorker)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "be-healthy",
            summary: "Complex health needs: feeding difficulties and a gastrostomy",
            routes: e | p,
            role: .communityChildrensNurse,
            actions: [
                .init(
                    description: "Home nursing visits and a written feeding plan",
                    owner: .role(.communityChildrensNurse)
                ),
                .init(
                    description: "Share the health care plan with nursery or school staff",
                    owner: .role(.communityChildrensNurse)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "stay-safe",
            summary: "Bullying at school and online",
            routes: p | s,
            role: .learningMentor,
            actions: [
                .init(description: "Anti-bullying plan and an online safety session", owner: .role(.learningMentor)),
                .init(description: "Child and parent to log incidents in the agreed diary", owner: .family(.parent)),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "be-healthy",
            summary: "Sexual health and relationships concerns",
            routes: s | o,
            role: .schoolNurse,
            actions: [
                .init(
                    description: "Sexual health drop-in and one-to-one relationships work",
                    owner: .role(.schoolNurse)
                )
            ]
        ),
        DemoNeedTemplate(
            domain: "parenting",
            outcome: "enjoy-and-achieve",
            summary: "Limited play and stimulation at home",
            routes: e,
            role: .childrensCentreWorker,
            actions: [
                .init(
                    description: "Stay-and-play sessions at the children's centre twice a week",
                    owner: .role(.childrensCentreWorker)
                ),
                .init(description: "Take up the funded two-year-old childcare place", owner: .role(.earlyYearsWorker)),
                .init(
                    description: "Parent to attend the stay-and-play sessions with the child",
                    owner: .family(.parent)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "family-environment",
            outcome: "positive-contribution",
            summary: "Family socially isolated with few community links",
            routes: u | e | p,
            role: .volunteer,
            actions: [
                .init(description: "Weekly visits from a Home-Start volunteer", owner: .role(.volunteer)),
                .init(description: "Family to try the Saturday community drop-in", owner: .family(.parent)),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "enjoy-and-achieve",
            summary: "Not ready for school: toileting and self-care",
            routes: e,
            role: .earlyYearsWorker,
            actions: [
                .init(description: "Toileting plan shared between nursery and home", owner: .role(.earlyYearsWorker)),
                .init(description: "Parent to follow the toileting plan at home", owner: .family(.parent)),
            ]
        ),
        DemoNeedTemplate(
            domain: "parenting",
            outcome: "be-healthy",
            summary: "Late booking and missed antenatal appointments",
            routes: u,
            role: .midwife,
            actions: [
                .init(description: "Antenatal appointments with the community midwife", owner: .role(.midwife)),
                .init(description: "Pre-birth parenting sessions at home", owner: .role(.familySupportWorker)),
                .init(description: "Mother to attend the booked antenatal scan", owner: .family(.parent)),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "positive-contribution",
            summary: "Difficulty managing anger; frequent fights with siblings",
            routes: p | s,
            role: .playWorker,
            actions: [
                .init(description: "Six therapeutic play sessions", owner: .role(.playWorker)),
                .init(description: "Calm-down plan agreed with the family", owner: .role(.familySupportWorker)),
            ]
        ),
        DemoNeedTemplate(
            domain: "family-environment",
            outcome: "stay-safe",
            summary: "Family homeless and placed in temporary accommodation",
            routes: u | e | p | s | o,
            role: .housingSupportOfficer,
            actions: [
                .init(
                    description: "Secure settled accommodation within reach of the child's school",
                    owner: .role(.housingSupportOfficer)
                ),
                .init(
                    description: "Arrange school transport from the temporary address",
                    owner: .role(.educationWelfareOfficer)
                ),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "be-healthy",
            summary: "Young person using cannabis most days",
            routes: s | o,
            role: .substanceMisuseWorker,
            actions: [
                .init(description: "Young people's substance misuse sessions", owner: .role(.substanceMisuseWorker)),
                .init(description: "Young person to attend the weekly sessions", owner: .family(.youngPerson)),
            ]
        ),
        DemoNeedTemplate(
            domain: "development",
            outcome: "economic-well-being",
            summary: "At risk of dropping out of college",
            routes: o,
            role: .personalAdviser,
            actions: [
                .init(description: "Agree a study support plan with college", owner: .role(.teacher)),
                .init(
                    description: "Monthly progress meetings with the personal adviser",
                    owner: .role(.personalAdviser)
                ),
            ]
        ),
    ]

    /// Coordination actions a TAC agrees whatever the needs (not linked to a need).
    static let generalActions: [DemoActionTemplate] = [
        .init(description: "Visit the family every month and update the TAC", owner: .lead),
        .init(description: "Gather the child's views and wishes before the next review", owner: .lead),
        .init(description: "Share the delivery plan with the family's GP", owner: .lead),
        .init(description: "Refer to the holiday activities and food programme", owner: .role(.familySupportWorker)),
        .init(description: "Weekly check-in with the child at school", owner: .role(.teacher)),
        .init(description: "Check the family's benefit entitlement", owner: .role(.familySupportWorker)),
        .init(
            description: "Update the health record and share relevant information with the TAC",
            owner: .role(.healthVisitor)
        ),
    ]

    static let strengths: [String] = [
        "Mother is committed to making changes",
        "Strong, loving relationship with grandparents who live nearby",
        "Child enjoys school and has a good group of friends",
        "Attends football club every week",
        "Family engaged well with the assessment",
        "Father is working and provides stability",
        "Young person is clear about what they want for the future",
        "Good relationship with the class teacher",
        "Older sibling is a positive role model",
        "Family has the support of their faith community",
        "Health appointments are kept",
        "Child is healthy and meeting developmental milestones",
        "Parents understand the concerns and want help",
        "Child is creative and loves drawing",
        "Young person has a part-time job and is reliable",
        "Warm and affectionate care observed at home visits",
    ]

    static let progressNotes: [String] = [
        "Home visit completed; family engaging well",
        "Referral made; awaiting a first appointment",
        "Attended three of the four sessions offered",
        "Good progress reported this half-term",
        "Appointment missed; rearranged for next week",
        "Telephone review with parent; things are more settled",
        "Joint visit with the lead professional",
        "Waiting list update: about six weeks",
        "Some improvement, but not yet consistent",
        "Letter sent to the family offering a new date",
        "Update shared with the TAC by email",
        "First session completed; plan agreed with the family",
    ]

    static let noResponseNotes: [String] = [
        "No contact from the service despite two reminders",
        "Referral not acknowledged; chased by email",
        "Sessions not yet started; no date offered",
    ]

    static let revisionReasons: [String] = [
        "Waiting list longer than expected",
        "Family on holiday during the planned sessions",
        "Practitioner absence; sessions rescheduled",
        "Appointment moved by the hospital",
        "Agreed at review to allow more time",
        "Delayed until the new school term",
    ]

    static let reassignReasons: [String] = [
        "Better placed with the school now the child has changed class",
        "Workload rebalanced within the team",
        "Family asked for a different worker",
        "Specialist input now needed",
    ]

    static let departedOwnerReason = "Previous owner has left their agency"
    static let leavingOwnerReason = "Handed over before the owner leaves their agency"

    static let escalationReasons: [String] = [
        "Action overdue with no progress reported",
        "Referral not actioned after repeated reminders",
        "Service has not started; family waiting for support",
        "Overdue at two consecutive reviews",
    ]

    static let cancelReasons: [String] = [
        "No longer needed: circumstances changed",
        "Family declined the service",
        "Duplicates support already in place",
        "Service withdrawn locally; alternative agreed at review",
    ]

    static let completionNotes: [String] = [
        "Completed as agreed",
        "Sessions finished; good outcome reported by the family",
        "Assessment completed and report shared with the TAC",
        "Done; no further input needed",
        "Completed; follow-up offered if needed",
    ]

    static let disputeSummaries: [String] = [
        "Disagreement about who should take the lead professional role",
        "Agreed action not delivered and no explanation given",
        "Unclear which agency is accountable for the school transport arrangements",
        "No capacity in the service to deliver the agreed sessions",
        "Family and school disagree with the approach proposed by health",
    ]

    static let resolutions: [String] = [
        "Resolved by the line managers concerned; roles confirmed in writing",
        "Integrated services manager agreed the lead professional",
        "Service confirmed a start date; action back on track",
        "Multi-agency panel agreed funding for the sessions",
        "Approach agreed at a joint meeting with the family",
    ]

    static let memberLeftReasons: [String] = [
        "Involvement complete",
        "Service no longer needed",
        "Agreed at review that this agency's input has ended",
    ]

    static let reopenReasons: [String] = [
        "New concerns raised by school",
        "Family asked for support again",
        "Referral from health visitor after a change in circumstances",
        "Step-down from children's social care",
        "Police notification of a domestic incident",
    ]

    static let leadProfessionalLeftReason = "Lead professional has left their agency"

    static let firstNames: [String] = [
        "Sarah", "Emma", "Rachel", "Claire", "Helen", "Laura", "Gemma", "Hannah", "Amy", "Rebecca",
        "Nicola", "Joanne", "Lisa", "Kelly", "Louise", "Victoria", "Charlotte", "Sophie", "Jessica", "Katie",
        "Aisha", "Fatima", "Priya", "Amina", "Nadia", "Zainab", "Sana", "Aaliyah", "Chloë", "Zoë",
        "Siobhán", "Niamh", "Aoife", "Bethan", "Agnieszka", "Joanna", "Grace", "Blessing", "Chioma", "Funmi",
        "David", "James", "Mark", "Paul", "Andrew", "Daniel", "Michael", "Richard", "Tom", "Chris",
        "Mohammed", "Imran", "Tariq", "Ravi", "Sanjay", "Kwame", "Tunde", "Marek", "Piotr", "Liam",
    ]

    static let surnames: [String] = [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Patel", "Khan", "Hussain", "Ahmed", "Begum", "Ali", "Shah", "Mahmood", "Akhtar", "Iqbal",
        "O'Brien", "O'Connor", "Murphy", "Kelly", "Nowak", "Kowalski", "Wiśniewska", "Okafor", "Adeyemi", "Mensah",
        "Campbell", "Stewart", "Hughes", "Edwards", "Lewis", "Harris", "Martin", "Cooper", "Ward", "Turner",
        "Mitchell", "Parker", "Bennett", "Chapman", "Singh", "Kaur", "Gill", "Nguyen", "Chen", "Hart-Davies",
    ]
}
