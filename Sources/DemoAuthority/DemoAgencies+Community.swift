extension DemoAgencies {
    /// Youth justice, police, housing, youth services and the rest of the community.
    static let communityServices: [DemoAgencySpec] = [
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
