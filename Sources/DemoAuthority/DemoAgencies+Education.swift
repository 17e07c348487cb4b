extension DemoAgencies {
    static let educationAndEarlyYears: [DemoAgencySpec] = [
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
    ]
}
