import Ledger

/// Ofsted ILACS Annex A, List 2: every early help assessment started in the six months
/// before the inspection date (inclusive at both ends), one row per CAF.
public struct AnnexAList: ViewOutput, Sendable {
    /// One assessment as the template lists it.
    public struct Row: Sendable, Equatable {
        /// The child's ID.
        public var childId: ChildID
        /// Gender as the template spells it (`a) Male`…).
        public var gender: String
        /// Ethnicity as the template codes it (`a) WBRI`…).
        public var ethnicity: String
        /// Date of birth, when known.
        public var dateOfBirth: CalendarDate?
        /// Age in whole years on the inspection date; nil without a date of birth.
        public var age: Int?
        /// When the assessment started (within the window).
        public var startedOn: CalendarDate
        /// When it was completed, if by the inspection date.
        public var completedOn: CalendarDate?
        /// The assessor's agency's name: the template's "organisation completing assessment".
        public var organisation: String
        /// The case the assessment belongs to (not a template column: the trail and the JSON need it).
        public var caseId: CaseID
        /// The assessment's ID (not a template column).
        public var cafId: CAFID
    }

    /// The template's columns, exactly.
    public static let columnNames = [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Assessment start date",
        "Assessment completion date", "Organisation completing assessment",
    ]

    static let genders = ["male": "a) Male", "female": "b) Female", "not-stated": "c) Not stated/recorded", "neither": "d) Neither"]

    /// DfE codes in Annex A order; REFU and NOBT share `s)` as the councils' template has it.
    static let ethnicities: [String: String] = {
        let codes = ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
                     "BCRB", "BAFR", "BOTH", "CHNE", "OOTH"]
        var table: [String: String] = [:]
        for (i, code) in codes.enumerated() {
            table[code] = "\(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(i))))) \(code)"
        }
        table["REFU"] = "s) REFU"
        table["NOBT"] = "s) NOBT"
        return table
    }()

    /// The inspection date: the window's last day.
    public let inspectionDate: CalendarDate
    /// The window's first day: six months before the inspection date.
    public let windowStart: CalendarDate
    /// The rows, by start date, then child, case and assessment.
    public let entries: [Row]

    /// The window's first day for an inspection on `inspectionDate`: six calendar months before.
    public static func windowStart(inspectionDate: CalendarDate) -> CalendarDate {
        inspectionDate.adding(months: -6)
    }

    /// Why the list cannot be asked for as the ledger stood `on`, if it cannot: a day before
    /// its window starts could see none of the assessments it lists, and an empty list then
    /// would read as "none were started". Nil when the question has an answer.
    public static func unanswerable(inspectionDate: CalendarDate, on: CalendarDate) -> String? {
        let start = windowStart(inspectionDate: inspectionDate)
        guard on < start else { return nil }
        return "\(on) is before the list's window (\(start) to \(inspectionDate)): no assessment in it could be known then"
    }

    /// The list for an inspection on `inspectionDate`, of the CAFs `source` holds.
    public init(source: some ViewSource, inspectionDate: CalendarDate) throws {
        let directory = source.directory
        let start = Self.windowStart(inspectionDate: inspectionDate)
        var rows: [Row] = []
        try source.forEachCase { record in
            for caf in record.cafs where start <= caf.startedOn && caf.startedOn <= inspectionDate {
                let agency = caf.assessorAgencyId ?? directory.practitioners[caf.assessor]?.agencyId
                rows.append(
                    Row(
                        childId: record.childId, gender: Self.genders[record.gender] ?? record.gender,
                        ethnicity: Self.ethnicities[record.ethnicity] ?? record.ethnicity, dateOfBirth: record.dateOfBirth,
                        age: record.dateOfBirth.flatMap { born in
                            born <= inspectionDate ? born.wholeYears(until: inspectionDate) : nil
                        },
                        startedOn: caf.startedOn, completedOn: caf.completedOn.flatMap { $0 <= inspectionDate ? $0 : nil },
                        organisation: agency.map { directory.agencies[$0]?.name ?? $0.rawValue } ?? "", caseId: record.caseId,
                        cafId: caf.cafId))
            }
        }
        rows.sort { ($0.startedOn, $0.childId, $0.caseId, $0.cafId) < ($1.startedOn, $1.childId, $1.caseId, $1.cafId) }
        self.inspectionDate = inspectionDate
        self.windowStart = start
        self.entries = rows
    }

    /// The view's JSON: the dates and one object per row.
    public var json: JSONValue {
        .fields([
            ("inspectionDate", .date(inspectionDate)),
            ("windowStart", .date(windowStart)),
            ("rows", .array(entries.map { row in
                .fields([
                    ("caseId", .text(row.caseId)),
                    ("cafId", .text(row.cafId)),
                    ("childUniqueId", .text(row.childId)),
                    ("gender", .text(row.gender)),
                    ("ethnicity", .text(row.ethnicity)),
                    ("dateOfBirth", .date(row.dateOfBirth)),
                    ("ageOfChildYears", row.age.map { .int($0) } ?? .null),
                    ("assessmentStartDate", .date(row.startedOn)),
                    ("assessmentCompletionDate", .date(row.completedOn)),
                    ("organisationCompletingAssessment", .text(row.organisation)),
                ])
            })),
        ])
    }

    /// The cases of the rows, repeated per CAF.
    public var caseIds: [String] { entries.map(\.caseId.rawValue) }

    /// The template's columns, headers and CSV alike (inspectors' tools read these headers).
    public var tableColumns: [ViewColumn] {
        Self.columnNames.enumerated().map { i, name in
            ViewColumn(name, csv: [name], priority: 100 - i, minimumWidth: 10)
        }
    }

    /// One row per assessment, in the template's columns.
    public var cells: [[ViewCell]] {
        entries.map { row in
            [
                row.childId.rawValue, row.gender, row.ethnicity, row.dateOfBirth?.britishText ?? "", row.age.map(String.init) ?? "",
                row.startedOn.britishText, row.completedOn?.britishText ?? "", row.organisation,
            ].map(ViewCell.plain)
        }
    }
}
