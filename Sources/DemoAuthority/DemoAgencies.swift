import Foundation

/// One agency of the demo authority, with the mix of roles its staff hold.
struct DemoAgencySpec: Sendable {
    let id: String
    let name: String
    let sector: StaticString
    let service: StaticString
    /// Relative headcount.
    let weight: Int
    /// Frontline roles and their relative frequency in this agency.
    let roles: [(role: DemoRole, weight: Int)]
    /// Role of the team leads between the agency's manager and its frontline staff.
    let leadRole: DemoRole
}

/// The demo authority: one metropolitan borough and the ~40 agencies a real early help
/// partnership involves, across every sector and service DOMAIN.md lists.
enum DemoAgencies {
    static let authorityId = "northmoor"
    static let authorityName = "Northmoor Metropolitan Borough Council"
    static let directorOfChildrensServices = "Dr Helen Marsh"

    static let all: [DemoAgencySpec] = [
        // Children's social care and early help.
        .init(
            id: "nm-csc-assessment",
            name: "Northmoor Children's Social Care: Assessment and Intervention",
            sector: "statutory",
            service: "social-care",
            weight: 10,
            roles: [(.socialWorker, 9), (.familySupportWorker, 1)],
            leadRole: .manager
        ),
        .init(
            id: "nm-csc-children-in-care",
            name: "Northmoor Children's Social Care: Children in Care",
            sector: "statutory",
            service: "social-care",
            weight: 5,
            roles: [(.socialWorker, 1)],
            leadRole: .manager
        ),
        .init(
            id: "nm-leaving-care",
            name: "Northmoor Leaving Care Service",
            sector: "statutory",
            service: "social-care",
            weight: 3,
            roles: [(.personalAdviser, 3), (.socialWorker, 1)],
            leadRole: .manager
        ),
        .init(
            id: "nm-early-help",
            name: "Northmoor Early Help Service",
            sector: "statutory",
            service: "social-care",
            weight: 9,
            roles: [(.familySupportWorker, 6), (.other, 1)],
            leadRole: .manager
        ),
        .init(
            id: "afc-northmoor",
            name: "Action for Children Northmoor Family Support",
            sector: "voluntary",
            service: "social-care",
            weight: 3,
            roles: [(.familySupportWorker, 3), (.playWorker, 1), (.youthWorker, 1)],
            leadRole: .manager
        ),
        .init(
            id: "barnardos-northmoor",
            name: "Barnardo's Northmoor Family Service",
            sector: "voluntary",
            service: "social-care",
            weight: 3,
            roles: [(.familySupportWorker, 2), (.youthWorker, 1), (.other, 1)],
            leadRole: .manager
        ),
        // Health.
        .init(
            id: "nchs-health-visiting",
            name: "Northmoor Community Health NHS Trust: Health Visiting",
            sector: "statutory",
            service: "health",
            weight: 8,
            roles: [(.healthVisitor, 1)],
            leadRole: .healthVisitor
        ),
        .init(
            id: "nchs-school-nursing",
            name: "Northmoor Community Health NHS Trust: School Nursing",
            sector: "statutory",
            service: "health",
            weight: 4,
            roles: [(.schoolNurse, 1)],
            leadRole: .schoolNurse
        ),
        .init(
            id: "ngh-maternity",
            name: "Northmoor General Hospital Maternity Services",
            sector: "statutory",
            service: "health",
            weight: 4,
            roles: [(.midwife, 1)],
            leadRole: .midwife
        ),
        .init(
            id: "nm-camhs",
            name: "Northmoor Child and Adolescent Mental Health Service",
            sector: "statutory",
            service: "health",
            weight: 4,
            roles: [(.camhsPractitioner, 1)],
            leadRole: .camhsPractitioner
        ),
        .init(
            id: "nchs-childrens-nursing",
            name: "Northmoor Children's Community Nursing Team",
            sector: "statutory",
            service: "health",
            weight: 2,
            roles: [(.communityChildrensNurse, 1)],
            leadRole: .communityChildrensNurse
        ),
        .init(
            id: "riverside-medical",
            name: "Riverside Medical Practice",
            sector: "private",
            service: "health",
            weight: 2,
            roles: [(.gp, 1)],
            leadRole: .gp
        ),
        .init(
            id: "hillcrest-surgery",
            name: "Hillcrest Surgery",
            sector: "private",
            service: "health",
            weight: 2,
            roles: [(.gp, 1)],
            leadRole: .gp
        ),
        .init(
            id: "kidsfirst-therapy",
            name: "KidsFirst Therapy Ltd",
            sector: "private",
            service: "health",
            weight: 1,
            roles: [(.other, 1)],
            leadRole: .other
        ),
        // Education.
        .init(
            id: "st-marys-primary",
            name: "St Mary's CE Primary School",
            sector: "statutory",
            service: "education",
            weight: 5,
            roles: [(.teacher, 4), (.senco, 1), (.schoolSupportStaff, 2), (.learningMentor, 1)],
            leadRole: .teacher
        ),
        .init(
            id: "northmoor-park-primary",
            name: "Northmoor Park Primary School",
            sector: "statutory",
            service: "education",
            weight: 5,
            roles: [(.teacher, 4), (.senco, 1), (.schoolSupportStaff, 2), (.learningMentor, 1)],
            leadRole: .teacher
        ),
        .init(
            id: "eastfield-primary",
            name: "Eastfield Community Primary School",
            sector: "statutory",
            service: "education",
            weight: 4,
            roles: [(.teacher, 4), (.senco, 1), (.schoolSupportStaff, 2), (.learningMentor, 1)],
            leadRole: .teacher
        ),
        .init(
            id: "oakfield-academy",
            name: "Oakfield Academy",
            sector: "statutory",
            service: "education",
            weight: 7,
            roles: [(.teacher, 4), (.senco, 1), (.learningMentor, 2), (.schoolSupportStaff, 1)],
            leadRole: .teacher
        ),
        .init(
            id: "northmoor-high",
            name: "Northmoor High School",
            sector: "statutory",
            service: "education",
            weight: 7,
            roles: [(.teacher, 4), (.senco, 1), (.learningMentor, 2), (.schoolSupportStaff, 1)],
            leadRole: .teacher
        ),
        .init(
            id: "brookside-special",
            name: "Brookside Special School",
            sector: "statutory",
            service: "education",
            weight: 3,
            roles: [(.teacher, 2), (.senco, 1), (.schoolSupportStaff, 2)],
            leadRole: .teacher
        ),
        .init(
            id: "nm-education-welfare",
            name: "Northmoor Education Welfare Service",
            sector: "statutory",
            service: "education",
            weight: 2,
            roles: [(.educationWelfareOfficer, 1)],
            leadRole: .educationWelfareOfficer
        ),
        .init(
            id: "northmoor-college",
            name: "Northmoor College",
            sector: "statutory",
            service: "education",
            weight: 3,
            roles: [(.teacher, 2), (.learningMentor, 1), (.senco, 1)],
            leadRole: .teacher
        ),
        .init(
            id: "greenfields-school",
            name: "Greenfields Independent School",
            sector: "private",
            service: "education",
            weight: 1,
            roles: [(.teacher, 2), (.senco, 1)],
            leadRole: .teacher
        ),
        // Early years.
        .init(
            id: "central-childrens-centre",
            name: "Northmoor Central Children's Centre",
            sector: "statutory",
            service: "early-years",
            weight: 4,
            roles: [(.childrensCentreWorker, 3), (.earlyYearsWorker, 1), (.familySupportWorker, 1)],
            leadRole: .childrensCentreWorker
        ),
        .init(
            id: "eastfield-childrens-centre",
            name: "Eastfield Children's Centre",
            sector: "statutory",
            service: "early-years",
            weight: 3,
            roles: [(.childrensCentreWorker, 3), (.earlyYearsWorker, 1)],
            leadRole: .childrensCentreWorker
        ),
        .init(
            id: "little-acorns-nursery",
            name: "Little Acorns Day Nursery",
            sector: "private",
            service: "early-years",
            weight: 2,
            roles: [(.earlyYearsWorker, 1)],
            leadRole: .earlyYearsWorker
        ),
        .init(
            id: "sunshine-preschool",
            name: "Sunshine Community Pre-School",
            sector: "voluntary",
            service: "early-years",
            weight: 1,
            roles: [(.earlyYearsWorker, 2), (.volunteer, 1)],
            leadRole: .earlyYearsWorker
        ),
        // Youth justice and police.
        .init(
            id: "nm-yot",
            name: "Northmoor Youth Offending Team",
            sector: "statutory",
            service: "youth-justice",
            weight: 4,
            roles: [(.yotOfficer, 5), (.policeOfficer, 1)],
            leadRole: .yotOfficer
        ),
        .init(
            id: "police-ppu",
            name: "Northmoor Police: Public Protection Unit",
            sector: "statutory",
            service: "police",
            weight: 3,
            roles: [(.policeOfficer, 1)],
            leadRole: .policeOfficer
        ),
        .init(
            id: "police-neighbourhood",
            name: "Northmoor Police: Neighbourhood Policing Team",
            sector: "statutory",
            service: "police",
            weight: 2,
            roles: [(.policeOfficer, 1)],
            leadRole: .policeOfficer
        ),
        // Housing.
        .init(
            id: "nm-housing-options",
            name: "Northmoor Housing Options",
            sector: "statutory",
            service: "housing",
            weight: 2,
            roles: [(.housingSupportOfficer, 1)],
            leadRole: .housingSupportOfficer
        ),
        .init(
            id: "northmoor-homes",
            name: "Northmoor Homes Housing Association",
            sector: "voluntary",
            service: "housing",
            weight: 2,
            roles: [(.housingSupportOfficer, 1)],
            leadRole: .housingSupportOfficer
        ),
        .init(
            id: "shelter-northmoor",
            name: "Shelter Northmoor Hub",
            sector: "voluntary",
            service: "housing",
            weight: 1,
            roles: [(.housingSupportOfficer, 2), (.volunteer, 1)],
            leadRole: .housingSupportOfficer
        ),
        // Youth service and Connexions.
        .init(
            id: "nm-youth-service",
            name: "Northmoor Youth Service",
            sector: "statutory",
            service: "youth-service",
            weight: 3,
            roles: [(.youthWorker, 1)],
            leadRole: .youthWorker
        ),
        .init(
            id: "ymca-northmoor",
            name: "YMCA Northmoor",
            sector: "voluntary",
            service: "youth-service",
            weight: 2,
            roles: [(.youthWorker, 2), (.housingSupportOfficer, 1)],
            leadRole: .youthWorker
        ),
        .init(
            id: "northmoor-young-carers",
            name: "Northmoor Young Carers",
            sector: "voluntary",
            service: "youth-service",
            weight: 1,
            roles: [(.youthWorker, 1), (.volunteer, 1)],
            leadRole: .youthWorker
        ),
        .init(
            id: "connexions-northmoor",
            name: "Connexions Northmoor",
            sector: "statutory",
            service: "connexions",
            weight: 3,
            roles: [(.personalAdviser, 1)],
            leadRole: .personalAdviser
        ),
        .init(
            id: "prospects-careers",
            name: "Prospects Careers Advice",
            sector: "private",
            service: "connexions",
            weight: 1,
            roles: [(.personalAdviser, 1)],
            leadRole: .personalAdviser
        ),
        // Other services.
        .init(
            id: "nm-drug-alcohol",
            name: "Northmoor Drug and Alcohol Service",
            sector: "statutory",
            service: "other",
            weight: 2,
            roles: [(.substanceMisuseWorker, 1)],
            leadRole: .substanceMisuseWorker
        ),
        .init(
            id: "womens-aid-northmoor",
            name: "Northmoor Women's Aid",
            sector: "voluntary",
            service: "other",
            weight: 1,
            roles: [(.other, 2), (.volunteer, 1)],
            leadRole: .other
        ),
        .init(
            id: "home-start-northmoor",
            name: "Home-Start Northmoor",
            sector: "voluntary",
            service: "other",
            weight: 2,
            roles: [(.volunteer, 2), (.familySupportWorker, 1)],
            leadRole: .familySupportWorker
        ),
        .init(
            id: "northmoor-play",
            name: "Northmoor Adventure Play",
            sector: "voluntary",
            service: "other",
            weight: 1,
            roles: [(.playWorker, 2), (.volunteer, 1)],
            leadRole: .playWorker
        ),
    ]
}
