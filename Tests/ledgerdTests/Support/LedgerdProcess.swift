import Foundation
import Ledger
import Testing

/// Runs the real `ledgerd` binary, built beside the test bundle.
enum LedgerdProcess {
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["LEDGERD_BINARY"] { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // The test bundle sits in .build/<triple>/debug/, or inside a .xctest directory there.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("ledgerd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return ".build/debug/ledgerd"
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `ledgerd arguments…` to completion, feeding `input` on stdin.
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil) throws -> Result {
        try #require(FileManager.default.isExecutableFile(atPath: binary), "ledgerd is not built at \(binary)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let stderrData = LockedData()
        let drain = Thread { stderrData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        drain.start()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !stderrData.done { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData.value, as: UTF8.self))
    }

    /// `ledgerd token add` on `data` with `arguments` (role, principal, limits) and a fresh
    /// name; the token it prints.
    static func addToken(_ data: String, _ arguments: [String]) throws -> String {
        let made = try run(["token", "add", "--data", data, "--name", "t-" + UUID().uuidString.prefix(8)] + arguments)
        try #require(made.status == 0, "token add \(arguments) failed: \(made.stderr)")
        return try #require(made.stdout.split(separator: "\n").last.map(String.init))
    }

    /// Runs a system command (found on PATH) to completion; its exit status.
    static func shell(_ command: String, _ arguments: [String]) throws -> Int32 {
        try shellOutput(command, arguments).status
    }

    /// Runs a system command (found on PATH) to completion; its status and combined output.
    static func shellOutput(_ command: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Starts `ledgerd arguments…` without waiting.
    static func start(_ arguments: [String], stdout: Pipe) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var finished = false

    func set(_ value: Data) {
        lock.lock()
        data = value
        finished = true
        lock.unlock()
    }

    var done: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }

    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}

/// Request lines for CLI tests: a directory, then cases, their `data` written by the typed
/// events' own encoder (`DomainEvent.data`), so a field's name or spelling has one source.
struct Requests {
    var counter = 0
    let salt = UInt32.random(in: 0..<UInt32.max)

    static let march4 = CalendarDate(dayNumber: 20_151)

    mutating func eventId() -> String {
        counter += 1
        return EventID(high: UInt64(salt) << 32 | 0x4000, low: 0x8000_0000_0000_0000 | UInt64(counter)).description
    }

    /// A request line carrying `event` on `stream`; a fresh eventId unless one is given (a
    /// retry, or other content under the same ID).
    mutating func line(
        _ event: DomainEvent, _ stream: String, actor: String = "system:test", occurredAt: String = "2025-03-04T10:15:00Z",
        expectedVersion: Int? = nil, eventId: String? = nil
    ) -> String {
        AppendRequestDraft(
            eventId: eventId ?? self.eventId(), stream: stream, event: event, occurredAt: occurredAt, actor: actor,
            expectedVersion: expectedVersion.map(Int64.init)
        ).line
    }

    /// A request line with `data` as given: for data the typed events could not carry (a
    /// test of what the contract refuses).
    mutating func line(
        _ type: String, _ stream: String, _ data: String, actor: String = "system:test",
        occurredAt: String = "2025-03-04T10:15:00Z", expectedVersion: Int? = nil
    ) -> String {
        let expected = expectedVersion.map { #","expectedVersion":\#($0)"# } ?? ""
        return #"{"eventId":"\#(eventId())","stream":"\#(stream)","type":"\#(type)","occurredAt":"\#(occurredAt)","actor":"\#(actor)"\#(expected),"data":\#(data)}"#
    }

    mutating func directory() -> [String] {
        [
            line(.localAuthorityRegistered(authorityId: "la1", name: "LA", director: "D"), "authority-la1"),
            line(
                .agencyRegistered(agencyId: "sc", name: "Social Care", authorityId: "la1", sector: "statutory", service: "social-care"),
                "agency-sc"),
            line(
                .practitionerRegistered(practitionerId: "sw1", name: "S W", agencyId: "sc", role: "social-worker", lineManagerId: nil),
                "practitioner-sw1"),
        ]
    }

    /// `line` without its `stream` member: the HTTP API takes the stream from the path.
    static func withoutStream(_ line: String) -> String {
        line.replacingOccurrences(of: #","stream":"[^"]*""#, with: "", options: .regularExpression)
    }

    /// Assessment consent given by a parent, sent by sw1 unless `actor` says otherwise.
    mutating func consent(
        _ caseId: String, givenBy: ConsentGiver = "parent", actor: String = "sw1", expectedVersion: Int? = nil, eventId: String? = nil
    ) -> String {
        line(
            .consentRecorded(scope: "assessment", givenBy: givenBy, givenOn: Self.march4), "case-\(caseId)", actor: actor,
            occurredAt: "2025-03-04T10:20:00Z", expectedVersion: expectedVersion, eventId: eventId)
    }

    /// An action owned by sw1, due long ago: overdue on any later date.
    mutating func overdueAction(_ caseId: String, _ actionId: String) -> String {
        line(
            .actionAgreed(
                actionId: ActionID(rawValue: actionId), description: "Chase the housing referral", owner: .practitioner("sw1"),
                needId: nil, agreedOn: Self.march4, dueOn: CalendarDate(dayNumber: Self.march4.dayNumber + 7), meetingId: nil),
            "case-\(caseId)", actor: "sw1")
    }

    /// A boy's case, opened on 4 March 2025 by `openedBy` (sw1 unless given); always sent by sw1.
    mutating func caseOpened(
        _ id: String, ethnicity: Ethnicity = "WBRI", openedBy: PractitionerID = "sw1", expectedVersion: Int? = nil,
        eventId: String? = nil
    ) -> String {
        line(
            .caseOpened(
                DomainEvent.CaseOpened(
                    caseId: CaseID(rawValue: id), childId: ChildID(rawValue: "ch-\(id)"), dateOfBirth: nil, gender: "male",
                    ethnicity: ethnicity, openedOn: Self.march4, openedBy: openedBy)),
            "case-\(id)", actor: "sw1", expectedVersion: expectedVersion, eventId: eventId)
    }
}

struct TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "ledgerd-cli-" + UUID().uuidString
        #expect(throws: Never.self, "cannot create \(path)") {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ lines: [String]) throws -> String {
        let file = path + "/" + name
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
