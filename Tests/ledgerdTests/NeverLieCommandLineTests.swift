import Foundation
import Ledger
import Testing

/// The CLI never reports a failure as a success: a failed write, a missing ledger, a filter
/// that names nothing, a corrupt data file and an over-long line are each an error with an
/// exit code and a message naming what was wrong.
@Suite struct NeverLieCommandLineTests {
    /// A small ledger in a fresh directory.
    private func ledger(_ dir: TemporaryDirectory, cases: Int = 20) throws -> String {
        let data = dir.path + "/ledger"
        let demo = try LedgerdProcess.run(["demo", "--cases", String(cases), "--seed", "5"])
        let file = try dir.write("demo.ndjson", demo.stdout.split(separator: "\n").map(String.init))
        let imported = try LedgerdProcess.run(["import", "--data", data, file])
        try #require(imported.status == 0, "\(imported.stderr)")
        return data
    }

    /// Runs `ledgerd arguments…` with standard output going to `/dev/full`.
    private func runToFullDevice(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LedgerdProcess.binary)
        process.arguments = arguments
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0, "no /dev/full")
        process.standardOutput = FileHandle(fileDescriptor: full, closeOnDealloc: true)
        let err = Pipe()
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "\(arguments) died by a signal")
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    @Test(arguments: [["export"], ["read", "agency-nm-yot"], ["flags"], ["overdue", "--format", "json"], ["verify"], ["digest"]])
    func aWriteToAFullDeviceIsAnError(command: [String]) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = try ledger(dir)
        let result = try runToFullDevice(command + ["--data", data])
        #expect(result.status == 1, "\(command): \(result.stderr)")
        #expect(result.stderr.contains("no space left on device"), "\(command): \(result.stderr)")
    }

    @Test func aDataDirectoryWithoutALedgerIsRefusedAndNothingIsCreated() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let missing = dir.path + "/nonexistent2"
        for command in [["verify"], ["export"], ["overdue"], ["digest"], ["token", "list"], ["history", "EH-1"]] {
            let result = try LedgerdProcess.run(command + ["--data", missing])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains(missing) && result.stderr.contains("--data"), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing), "a read created the directory")
        // An empty directory holds no ledger either.
        try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: true)
        let empty = try LedgerdProcess.run(["verify", "--data", missing])
        #expect(empty.status == 1 && empty.stderr.contains("holds no data.mdb"), "\(empty.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: missing).isEmpty)
    }

    @Test func filtersNamingNothingAreErrorsWithSuggestions() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = try ledger(dir)
        let agency = try LedgerdProcess.run(["overdue", "--data", data, "--agency", "nm-yott"])
        #expect(agency.status == 3 && agency.stderr.contains("no agency nm-yott") && agency.stderr.contains("did you mean nm-yot"), "\(agency.stderr)")
        let practitioner = try LedgerdProcess.run(["caseload", "--data", data, "--practitioner", "prac-9999"])
        #expect(practitioner.status == 3 && practitioner.stderr.contains("no practitioner prac-9999"), "\(practitioner.stderr)")
        let known = try LedgerdProcess.run(["caseload", "--data", data, "--agency", "nm-yot"])
        #expect(known.status == 0, "\(known.stderr)")
    }

    /// Annex A as the ledger stood before its window could list nothing: refused, not "(none)".
    @Test func annexABeforeItsWindowIsAUsageError() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = try ledger(dir, cases: 2)
        let early = try LedgerdProcess.run(["annex-a", "--data", data, "--inspection-date", "2026-10-01", "--on", "2026-03-31"])
        #expect(early.status == 64 && early.stderr.contains("before the list's window (2026-04-01 to 2026-10-01)"), "\(early.stderr)")
        let start = try LedgerdProcess.run(["annex-a", "--data", data, "--inspection-date", "2026-10-01", "--on", "2026-04-01"])
        #expect(start.status == 0, "the window's first day has an answer: \(start.stderr)")
    }

    @Test(arguments: [["annex-a", "--inspection-date", "0001-06-30"], ["overdue", "--on", "9999-01-01"], ["flags", "--on", "1899-12-31"],
                      ["overdue", "--known-at", "2200-01-01T00:00:00Z"]])
    func queryDatesOutsideTheCalendarAreUsageErrors(command: [String]) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = try ledger(dir, cases: 2)
        let result = try LedgerdProcess.run(command + ["--data", data])
        #expect(result.status == 64 && result.stderr.contains("1900–2199"), "\(command): \(result.stderr)")
    }

    /// An action's description is whatever its author typed: in a table it is shown, its
    /// escape sequences and line breaks as symbols, never obeyed by the reader's terminal nor
    /// splitting the row; JSON still carries it exactly.
    @Test func typedControlCharactersAreShownNotObeyed() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let description = "Chase\u{1B}]0;owned\u{07} the\nreferral\u{1B}[2J"
        let action = r.line(
            .actionAgreed(
                actionId: "a1", description: description, owner: .practitioner("sw1"), needId: nil, agreedOn: Requests.march4,
                dueOn: CalendarDate(dayNumber: Requests.march4.dayNumber + 7), meetingId: nil),
            "case-c1", actor: "sw1")
        let data = dir.path + "/ledger"
        #expect(try LedgerdProcess.run(["import", "--data", data, try dir.write("in.ndjson", r.directory() + [r.caseOpened("c1"), action])]).status == 0)
        let table = try LedgerdProcess.run(["overdue", "--data", data, "--on", "2025-06-30"])
        #expect(table.status == 0 && table.stdout.contains("Chase␛]0;owned␇ the␊referral␛[2J"), "\(table.stdout)")
        #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(table.stdout.split(separator: "\n").count == 2, "a header and one row: \(table.stdout)")
        let json = try LedgerdProcess.run(["overdue", "--data", data, "--on", "2025-06-30", "--format", "json"])
        #expect(json.stdout.contains(#"Chase\u001b]0;owned\u0007 the\nreferral\u001b[2J"#), "\(json.stdout)")
    }

    /// Seq 0 names no event: starting at 1 instead would hide a client's off-by-one.
    @Test(arguments: [["tail", "--from", "0"], ["export", "--from", "0"]])
    func seqZeroIsAUsageError(command: [String]) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = try ledger(dir, cases: 2)
        let result = try LedgerdProcess.run(command + ["--data", data])
        #expect(result.status == 64 && result.stderr.contains("--from counts from 1") && result.stdout.isEmpty, "\(command): \(result.stderr)")
    }

    @Test func anOverlongLineIsAContractError() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let huge = r.caseOpened("c1").replacingOccurrences(of: "\"c1\"", with: "\"" + String(repeating: "x", count: 9 << 20) + "\"")
        let file = try dir.write("long.ndjson", r.directory() + [huge])
        for command in ["append", "import"] {
            let result = try LedgerdProcess.run([command, "--data", dir.path + "/ledger", file])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("line 4") && result.stderr.contains("longer than"), "\(command): \(result.stderr)")
        }
        let check = try LedgerdProcess.run(["check", file])
        #expect(check.status == 2 && check.stdout.contains(#"{"line":4,"valid":false"#), "\(check.stdout.suffix(300))")
    }

    /// A truncated copy (a backup cut short) and a copy with an event's byte changed: both
    /// exit 5 naming what is wrong, never a signal, and export never emits the changed event.
    @Test func corruptDataFilesAreReportedNotCrashedOn() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = try ledger(dir)
        let original = try Data(contentsOf: URL(fileURLWithPath: data + "/data.mdb"))

        let truncated = dir.path + "/truncated"
        try FileManager.default.createDirectory(atPath: truncated, withIntermediateDirectories: true)
        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: truncated + "/data.mdb"))
        for command in ["verify", "export"] {
            let result = try LedgerdProcess.run([command, "--data", truncated])
            #expect(result.status == 5 && result.stderr.contains("truncated"), "\(command): \(result.stderr)")
        }

        // Change one letter of one child's ID where it is stored.
        let altered = dir.path + "/altered"
        try FileManager.default.createDirectory(atPath: altered, withIntermediateDirectories: true)
        var bytes = [UInt8](original)
        let needle = Array(#""childId":""#.utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) }) + needle.count
        bytes[at] = bytes[at] == UInt8(ascii: "Z") ? UInt8(ascii: "Y") : UInt8(ascii: "Z")
        try Data(bytes).write(to: URL(fileURLWithPath: altered + "/data.mdb"))
        let verify = try LedgerdProcess.run(["verify", "--data", altered])
        #expect(verify.status == 5 && verify.stderr.contains("hash does not match"), "\(verify.stderr)")
        let export = try LedgerdProcess.run(["export", "--data", altered])
        #expect(export.status == 5 && export.stderr.contains("hash does not match"), "\(export.stderr)")
        // What it wrote before stopping is the true history's beginning, nothing altered.
        let truth = try LedgerdProcess.run(["export", "--data", data])
        #expect(truth.status == 0 && truth.stdout.hasPrefix(export.stdout) && truth.stdout != export.stdout)
    }
}
