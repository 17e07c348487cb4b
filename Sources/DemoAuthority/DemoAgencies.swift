import Ledger

/// One agency of the demo authority, with the mix of roles its staff hold.
struct DemoAgencySpec: Sendable {
    let id: String
    let name: String
    let sector: Sector
    let service: AgencyService
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

    /// Every agency, in registration order (an agency is known by its index). Split by
    /// sector of work only to keep files short.
    static let all: [DemoAgencySpec] = socialCareAndHealth + educationAndEarlyYears + communityServices

    private static let socialCareAndHealth: [DemoAgencySpec] = [
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
    ]
}
