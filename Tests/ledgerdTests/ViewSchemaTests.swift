import Foundation
import Ledger
import Testing

/// The views' JSON is what `schemas/views/` documents: every view of a demo ledger, printed by
/// the real binary with `--format json` (today, on a past business date, and as known at a
/// past moment), validates under Python's jsonschema with formats asserted and members in the
/// documented order (`scripts/validate_views.py`).
@Suite struct ViewSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let views = ["case", "overdue", "reviews", "unled", "caseload", "flags", "accountability", "annex-a"]

    /// DOMAIN.md, "Early help list for inspection": exactly these columns, in this order.
    static let annexAColumns = [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Assessment start date",
        "Assessment completion date", "Organisation completing assessment",
    ]

    /// A business date inside the demo's timeline (2023-01-01 to 2026-11-20).
    static let pastDate = "2025-01-15"

    /// Outputs written to files for one run of the validator.
    struct Outputs {
        let directory: String
        var files: [(view: String, path: String)] = []

        init(directory: String) throws {
            self.directory = directory
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        /// Keeps `stdout` byte for byte as `label.json`, to be validated as `view`; returns it parsed.
        @discardableResult
        mutating func add(_ view: String, _ label: String, _ stdout: String) throws -> JSONValue {
            let path = directory + "/" + label + ".json"
            try stdout.write(toFile: path, atomically: true, encoding: .utf8)
            files.append((view, path))
            return try JSONParser.parse(stdout)
        }
    }

    /// Runs `scripts/validate_views.py VIEW=FILE…`.
    static func validate(_ files: [(view: String, path: String)]) throws -> LedgerdProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/validate_views.py").path] + files.map { "\($0.view)=\($0.path)" }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderr = LockedData()
        let drain = Thread { stderr.set(err.fileHandleForReading.readDataToEndOfFile()) }
        drain.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !stderr.done { usleep(1000) }
        return LedgerdProcess.Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr.value, as: UTF8.self))
    }

    /// What the demo's requests say about its cases.
    struct DemoCases {
        var opened: [(caseId: String, on: String)] = []
        /// Closed at the end of the demo (closed, and not reopened since).
        var closed: Set<String> = []
        var practitioners: [String] = []

        init(_ lines: [Substring]) throws {
            for line in lines {
                let request = try #require(try JSONParser.parse(String(line)).objectValue)
                let data = request["data"]?.objectValue
                switch request["type"]?.stringValue {
                case "CaseOpened":
                    opened.append((try #require(data?["caseId"]?.stringValue), try #require(data?["openedOn"]?.stringValue)))
                case "CaseClosed":
                    closed.insert(String(try #require(request["stream"]?.stringValue).dropFirst("case-".count)))
                case "CaseReopened":
                    closed.remove(String(try #require(request["stream"]?.stringValue).dropFirst("case-".count)))
                case "PractitionerRegistered":
                    practitioners.append(try #require(data?["practitionerId"]?.stringValue))
                default:
                    break
                }
            }
        }
    }

    @Test func everyViewPrintsWhatItsSchemaDocuments() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = dir.path + "/ledger"

        // The demo in two imports, a known moment between them: `--known-at` then sees the first only.
        let demo = try LedgerdProcess.run(["demo", "--cases", "80", "--seed", "3"])
        try #require(demo.status == 0, "\(demo.stderr)")
        let lines = demo.stdout.split(separator: "\n")
        let cases = try DemoCases(lines)
        try #require(cases.opened.count == 80)
        let firstPart = lines.count / 2
        let first = try dir.write("first.ndjson", lines[..<firstPart].map(String.init))
        let rest = try dir.write("rest.ndjson", lines[firstPart...].map(String.init))
        let firstImport = try LedgerdProcess.run(["import", "--data", data, first])
        try #require(firstImport.status == 0, "\(firstImport.stderr)")
        // A first view builds the maintained projection; today's views below catch it up with the
        // rest (past dates are answered by replay).
        let early = try LedgerdProcess.run(["flags", "--data", data, "--format", "json"])
        try #require(early.status == 0, "\(early.stderr)")
        Thread.sleep(forTimeInterval: 1.1)
        let knownAt = ISO8601DateFormatter().string(from: Date())  // whole seconds: after every first-part recordedAt
        Thread.sleep(forTimeInterval: 1.1)
        let restImport = try LedgerdProcess.run(["import", "--data", data, rest])
        try #require(restImport.status == 0, "\(restImport.stderr)")

        var outputs = try Outputs(directory: dir.path + "/views")
        try outputs.add("flags", "flags-first-part", early.stdout)
        var documents: [String: JSONValue] = [:]
        @discardableResult
        func view(_ name: String, _ label: String, _ arguments: [String], allowing statuses: Set<Int32> = [0]) throws -> JSONValue {
            let result = try LedgerdProcess.run([name, "--data", data, "--format", "json"] + arguments)
            try #require(statuses.contains(result.status), "ledgerd \(name) \(arguments) exited \(result.status): \(result.stderr)")
            let document = try outputs.add(name, label, result.stdout)
            documents[label] = document
            return document
        }

        let evaluations: [(label: String, arguments: [String])] = [
            ("today", []), ("on-\(Self.pastDate)", ["--on", Self.pastDate]), ("known-at", ["--known-at", knownAt]),
            ("on-\(Self.pastDate)-known-at", ["--on", Self.pastDate, "--known-at", knownAt]),
        ]
        for (label, arguments) in evaluations {
            for name in ["overdue", "reviews", "unled", "caseload", "flags"] {
                try view(name, "\(name)-\(label)", arguments)
            }
        }
        for (label, arguments) in evaluations where label != "today" {
            try view("annex-a", "annex-a-\(label)", ["--inspection-date", Self.pastDate] + arguments)
        }
        try view("annex-a", "annex-a-today", ["--inspection-date", "2026-11-20"])

        // Every case today; the cases open by the past date on it, and as known at the moment.
        let today = try #require(documents["overdue-today"]?.arrayValue)
        for (caseId, _) in cases.opened {
            try view("case", "case-\(caseId)-today", [caseId])
        }
        for (caseId, openedOn) in cases.opened where openedOn <= Self.pastDate {
            try view("case", "case-\(caseId)-on-\(Self.pastDate)", [caseId, "--on", Self.pastDate])
        }
        var knownCases = 0
        for (caseId, _) in cases.opened.prefix(10) {
            let result = try LedgerdProcess.run(["case", "--data", data, "--format", "json", "--known-at", knownAt, caseId])
            guard result.status == 0 else {
                #expect(result.status == 3, "ledgerd case \(caseId) --known-at: \(result.stderr)")  // not yet recorded
                continue
            }
            try outputs.add("case", "case-\(caseId)-known-at", result.stdout)
            knownCases += 1
        }
        #expect(knownCases > 0, "no case was known at \(knownAt)")
        #expect(!cases.closed.isEmpty, "the demo closes some cases")
        for caseId in cases.closed.sorted().prefix(3) {
            let closed = try #require(documents["case-\(caseId)-today"]?.objectValue)
            #expect(closed["status"]?.stringValue == "closed", "\(caseId)")
        }

        // Accountability: cases' lines (exit 6, with a problem, when a case has no lead
        // professional), overdue actions' owners' lines, and practitioners' (one unknown: exit 6,
        // a problem, no links).
        func accountability(_ label: String, _ arguments: [String]) throws {
            let document = try view("accountability", "accountability-\(label)", arguments, allowing: [0, 6])
            let problem = try #require(document.objectValue?["problem"])
            let chain = try #require(document.objectValue?["chain"]?.arrayValue)
            #expect(problem.isNull == (chain.last?.objectValue?["kind"]?.stringValue == "authority"), "\(label)")
        }
        for (caseId, _) in cases.opened.prefix(12) {
            try accountability("case-\(caseId)", ["--case", caseId])
        }
        try accountability("case-\(cases.opened[0].caseId)-on-\(Self.pastDate)", ["--case", "case-\(cases.opened[0].caseId)", "--on", Self.pastDate])
        var familyOwned = 0
        for (i, item) in today.prefix(20).enumerated() {
            let object = try #require(item.objectValue)
            let caseId = try #require(object["caseId"]?.stringValue)
            let actionId = try #require(object["actionId"]?.stringValue)
            try accountability("action-\(i)", ["--action", "\(caseId)/\(actionId)"])
            if object["owner"]?.objectValue?["familyMember"] != nil {
                // A family-owned action's line is the lead professional's.
                familyOwned += 1
                let line = documents["accountability-action-\(i)"]?.objectValue?["chain"]?.arrayValue
                #expect(line?.first?.objectValue?["id"] == object["leadProfessional"]?.objectValue?["practitionerId"], "\(caseId)/\(actionId)")
            }
        }
        #expect(familyOwned > 0, "no family-owned overdue action to follow")
        for practitioner in cases.practitioners.prefix(8) + ["nobody-of-that-name"] {
            try accountability("practitioner-\(practitioner)", ["--practitioner", practitioner])
        }
        #expect(documents["accountability-practitioner-nobody-of-that-name"]?.objectValue?["chain"]?.arrayValue?.isEmpty == true)

        // Where the demo guarantees data, the views have it.
        #expect(!today.isEmpty, "overdue is empty today")
        #expect(documents["flags-today"]?.arrayValue?.isEmpty == false, "flags is empty today")
        #expect(documents["unled-today"]?.arrayValue?.isEmpty == false, "unled is empty today")
        #expect(documents["reviews-today"]?.arrayValue?.isEmpty == false, "reviews is empty today")
        #expect(documents["caseload-today"]?.objectValue?["practitioners"]?.arrayValue?.isEmpty == false, "caseload is empty today")
        #expect(documents["overdue-on-\(Self.pastDate)"]?.arrayValue?.isEmpty == false, "overdue is empty on \(Self.pastDate)")
        #expect(documents["annex-a-today"]?.objectValue?["rows"]?.arrayValue?.isEmpty == false, "annex-a has no rows")
        #expect(documents["annex-a-on-\(Self.pastDate)"]?.objectValue?["rows"]?.arrayValue?.isEmpty == false, "annex-a has no rows")
        // The moment between the imports is a different answer from now.
        #expect(documents["caseload-known-at"] != documents["caseload-today"], "--known-at changed nothing")

        // Every schema was exercised, and every output validates.
        #expect(Set(outputs.files.map(\.view)) == Set(Self.views))
        let verdict = try Self.validate(outputs.files)
        #expect(verdict.status == 0, "validate_views.py: \(verdict.stderr)")
        #expect(verdict.stdout.split(separator: "\n").count == outputs.files.count, "\(verdict.stdout)")

        // Annex A as CSV: the template's columns exactly, one record per JSON row, eight fields each.
        let csv = try LedgerdProcess.run(["annex-a", "--data", data, "--format", "csv", "--inspection-date", "2026-11-20"])
        try #require(csv.status == 0, "\(csv.stderr)")
        let records = try Self.parseCSV(csv.stdout)
        #expect(records.first == Self.annexAColumns)
        #expect(records.count == 1 + (documents["annex-a-today"]?.objectValue?["rows"]?.arrayValue?.count ?? -1))
        for record in records.dropFirst() {
            #expect(record.count == 8, "\(record)")
            #expect(record[5].wholeMatch(of: /[0-9]{2}\/[0-9]{2}\/[0-9]{4}/) != nil, "start date \(record[5])")
        }
    }

    /// The validator is not a rubber stamp: valid documents pass, and each way of breaking one
    /// fails, naming the file and the path.
    @Test func validatorRefusesWhatTheSchemasDoNotDocument() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var outputs = try Outputs(directory: dir.path + "/views")
        let lead = #"{"practitionerId":"sw1","name":"S W"}"#
        let chain = #"[{"kind":"practitioner","id":"sw1","name":"S W","role":"social-worker"},{"kind":"agency","id":"sc","name":"Social Care"},{"kind":"authority","id":"la1","name":"LA","role":"director-of-childrens-services","director":"D"}]"#
        let overdue = #"[{"caseId":"c1","actionId":"a1","description":"Visit","dueOn":"2026-01-05","daysOverdue":3,"owner":{"familyMember":"parent"},"ownerAgencyId":null,"escalated":false,"leadProfessional":\#(lead),"accountability":\#(chain)}]"#
        let unled = #"[{"caseId":"c1","childId":"ch1","openedOn":"2026-01-01","unledSince":"2026-01-01","daysUnled":5,"initialMeetingOn":null,"flagged":false,"previousLeadProfessional":null}]"#
        try outputs.add("overdue", "valid-overdue", overdue + "\n")
        try outputs.add("unled", "valid-unled", unled + "\n")

        let broken: [(label: String, view: String, text: String, path: String)] = [
            ("extra-member", "overdue", overdue.replacingOccurrences(of: #""escalated":false"#, with: #""escalated":false,"urgent":true"#), "$[0]"),
            ("missing-member", "overdue", overdue.replacingOccurrences(of: #""ownerAgencyId":null,"#, with: ""), "$[0]"),
            ("not-a-day", "overdue", overdue.replacingOccurrences(of: "2026-01-05", with: "2026-02-30"), "$[0].dueOn"),
            ("not-overdue", "overdue", overdue.replacingOccurrences(of: #""daysOverdue":3"#, with: #""daysOverdue":0"#), "$[0].daysOverdue"),
            ("fraction", "overdue", overdue.replacingOccurrences(of: #""daysOverdue":3"#, with: #""daysOverdue":3.0"#), "not the view's JSON"),
            ("family-member", "overdue", overdue.replacingOccurrences(of: #""parent""#, with: #""uncle""#), "$[0].owner"),
            ("authority-role", "overdue", overdue.replacingOccurrences(of: "director-of-childrens-services", with: "manager"), "$[0].accountability[2]"),
            ("out-of-order", "overdue", overdue.replacingOccurrences(of: #""caseId":"c1","actionId":"a1""#, with: #""actionId":"a1","caseId":"c1""#), "$[0]"),
            ("problem-null", "overdue", overdue.replacingOccurrences(of: "]}]", with: #"],"accountabilityProblem":null}]"#), "$[0].accountabilityProblem"),
            ("flagged-before-meeting", "unled", unled.replacingOccurrences(of: #""flagged":false"#, with: #""flagged":true"#), "$[0].initialMeetingOn"),
        ]
        var files: [String: (label: String, path: String)] = [:]
        for (label, view, text, path) in broken {
            let original = view == "overdue" ? overdue : unled
            #expect(text != original, "\(label) changed nothing")
            let file = outputs.directory + "/" + label + ".json"
            try (text + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            outputs.files.append((view, file))
            files[file] = (label, path)
        }
        let result = try Self.validate(outputs.files)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").sorted() == outputs.files.prefix(2).map { "ok \($0.view) \($0.path)" }.sorted(), "\(result.stdout)")
        let failures = result.stderr.split(separator: "\n")
        for (file, expected) in files {
            let lines = failures.filter { $0.contains(" \(file): ") }
            #expect(lines.contains { $0.contains(expected.path) }, "\(expected.label) was not refused at \(expected.path): \(lines)")
        }
    }

    /// RFC 4180 records (the CLI's CSV: CRLF line ends, quoted fields with doubled quotes).
    static func parseCSV(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append(characters.removeFirst())
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\r" && characters.first == "\n" {
                characters.removeFirst()
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                try #require(c != "\r" && c != "\n", "bare line break in an unquoted field")
                field.unicodeScalars.append(c)
            }
        }
        try #require(!quoted && record.isEmpty && field.isEmpty, "CSV does not end with CRLF after its last record")
        return records
    }
}
