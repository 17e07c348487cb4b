import Ledger

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
    let domain: NeedDomain
    let outcome: Outcome
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

extension DemoVocabulary {
    /// The needs a CAF can record. A need is known by its index (its actions are keyed by it,
    /// and every route falls back to number 8, low income), so the order is part of the
    /// workload: new needs go at the end. Split in two lists only to keep files short.
    static let needs: [DemoNeedTemplate] = needs0to13 + needs14to27

    private static let u = DemoRoute.unborn.bit
    private static let e = DemoRoute.earlyYears.bit
    private static let p = DemoRoute.primary.bit
    private static let s = DemoRoute.secondary.bit
    private static let o = DemoRoute.older.bit

    /// Needs 0–13.
    private static let needs0to13: [DemoNeedTemplate] = [
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
    ]
}
