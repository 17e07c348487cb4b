extension DemoVocabulary {
    private static let u = DemoRoute.unborn.bit
    private static let e = DemoRoute.earlyYears.bit
    private static let p = DemoRoute.primary.bit
    private static let s = DemoRoute.secondary.bit
    private static let o = DemoRoute.older.bit

    /// Needs 14–27.
    static let needs14to27: [DemoNeedTemplate] = [
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
}
