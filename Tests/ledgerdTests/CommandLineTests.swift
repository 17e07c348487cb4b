import Foundation
import Ledger
import Testing

/// The CLI as a user runs it: the real binary, real files, real exit codes.
@Suite struct CommandLineTests {
    @Test func importIsAllOrNothingAndNamesTheLineEventAndField() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        var lines = r.directory() + [r.caseOpened("c1"), r.caseOpened("c2")]
        let bad = r.caseOpened("c3").replacingOccurrences(of: "\"male\"", with: "\"Male\"")
        lines.append(bad)
        let file = try dir.write("bad.ndjson", lines)
        let data = dir.path + "/ledger"
        let result = try LedgerdProcess.run(["import", "--data", data, file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("line 6"), "\(result.stderr)")
        #expect(result.stderr.contains("data.gender"), "\(result.stderr)")
        #expect(result.stderr.contains(String(r.counter == 6 ? "" : "") + "eventId"), "\(result.stderr)")
        // The directory was made by this refused load: it is gone again, not an empty ledger.
        #expect(!FileManager.default.fileExists(atPath: data))

        // A rule refusal (unknown practitioner) is exit 3, with the same guarantees; every
        // directory the load would have made (here two levels) is removed.
        let refused = try dir.write(
            "refused.ndjson", Array(lines.dropLast()) + [r.caseOpened("c4", openedBy: "nobody")])
        let refusedResult = try LedgerdProcess.run(["import", "--data", dir.path + "/new/ledger", refused])
        #expect(refusedResult.status == 3)
        #expect(refusedResult.stderr.contains("line 6") && refusedResult.stderr.contains("data.openedBy"), "\(refusedResult.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/new"))

        // A mistyped input file creates nothing.
        let missing = try LedgerdProcess.run(["import", "--data", data, dir.path + "/no-such.ndjson"])
        #expect(missing.status != 0 && missing.stderr.contains("no-such.ndjson"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data))

        let good = try dir.write("good.ndjson", Array(lines.dropLast()))
        let ok = try LedgerdProcess.run(["import", "--data", data, good])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("5 events appended"))
        #expect(try LedgerdProcess.run(["verify", "--data", data]).status == 0)

        // Refused into a ledger that exists: unchanged, and of course kept.
        let again = try LedgerdProcess.run(["import", "--data", data, refused])
        #expect(again.status == 3, "\(again.stderr)")
        #expect(try LedgerdProcess.run(["digest", "--data", data]).stdout.contains(#""seq":5"#))
    }

    @Test func appendPrintsPositionsRetriesAndExitCodes() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = dir.path + "/ledger"
        let first = r.directory() + [r.caseOpened("c1")]
        let result = try LedgerdProcess.run(["append", "--data", data, "-"], input: first.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.stderr)")
        let outputs = result.stdout.split(separator: "\n")
        #expect(outputs.count == 4)
        #expect(outputs[3].contains(#""seq":4,"version":0"#))

        // Retry of the last line: the original positions, marked duplicate; then a conflict.
        let conflict = r.caseOpened("c9", expectedVersion: 3)
        let second = try LedgerdProcess.run(
            ["append", "--data", data, "-"], input: [first[3], r.caseOpened("c2"), conflict, r.caseOpened("c3")].joined(separator: "\n"))
        #expect(second.status == 4, "\(second.stderr)")
        let lines = second.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains(#""seq":4,"version":0,"duplicate":true"#))
        #expect(lines[1].contains(#""seq":5"#))
        #expect(second.stderr.contains("line 3") && second.stderr.contains("actual version -1"), "\(second.stderr)")

        // --batch: one bad line and nothing of the batch is appended.
        let batch = try LedgerdProcess.run(
            ["append", "--batch", "--data", data, "-"], input: [r.caseOpened("c5"), r.caseOpened("c5")].joined(separator: "\n"))
        #expect(batch.status == 3, "\(batch.stderr)")
        #expect(batch.stderr.contains("line 2"))
        #expect(try LedgerdProcess.run(["digest", "--data", data]).stdout.contains(#""seq":5"#))

        // A first line refused into a new directory leaves no ledger behind.
        let fresh = dir.path + "/fresh"
        let refused = try LedgerdProcess.run(["append", "--data", fresh, "-"], input: r.caseOpened("c1"))
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test func exportReadHistoryAndVerification() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = dir.path + "/ledger"
        var lines = r.directory()
        for i in 0..<30 { lines.append(r.caseOpened("c\(i)")) }
        lines.append(r.line(.tacMemberJoined(practitionerId: "sw1", joinedOn: CalendarDate(dayNumber: 20_152)), "case-c7", actor: "sw1"))
        try LedgerdProcess.run(["import", "--data", data, try dir.write("in.ndjson", lines)])

        let export = try LedgerdProcess.run(["export", "--data", data])
        #expect(export.stdout.split(separator: "\n").count == 34)
        let exportFile = dir.path + "/export.ndjson"
        try export.stdout.write(toFile: exportFile, atomically: true, encoding: .utf8)
        let verifyFile = try LedgerdProcess.run(["verify", "--file", exportFile])
        #expect(verifyFile.status == 0 && verifyFile.stdout.contains("verified 34 events"), "\(verifyFile.stderr)")

        let window = try LedgerdProcess.run(["export", "--data", data, "--from", "5", "--to", "7"])
        #expect(window.stdout.split(separator: "\n").map { try! RecordedEvent(decoding: Array($0.utf8)).seq } == [5, 6, 7])
        let stream = try LedgerdProcess.run(["read", "--data", data, "case-c7"])
        #expect(stream.stdout.split(separator: "\n").count == 2)

        let history = try LedgerdProcess.run(["history", "--data", data, "c7"])
        #expect(history.stdout.contains("TACMemberJoined") && history.stdout.contains("SEQ"))
        let json = try LedgerdProcess.run(["history", "--data", data, "--format", "json", "case-c7"])
        let items = try #require(try JSONParser.parse(json.stdout).arrayValue)
        #expect(items.count == 2 && items[1].objectValue?["seq"]?.integerValue == 34)

        let digest = try #require(try JSONParser.parse(try LedgerdProcess.run(["digest", "--data", data]).stdout).objectValue)
        let hash = try #require(digest["hash"]?.stringValue)
        #expect(try LedgerdProcess.run(["verify", "--data", data, "--digest", "34:\(hash)"]).status == 0)
        let wrong = try LedgerdProcess.run(["verify", "--data", data, "--digest", "20:\(hash)"])
        #expect(wrong.status == 5 && wrong.stderr.contains("seq 20"))

        var tampered = export.stdout.split(separator: "\n").map(String.init)
        tampered[9] = tampered[9].replacingOccurrences(of: "\"male\"", with: "\"female\"")
        try (tampered.joined(separator: "\n") + "\n").write(toFile: exportFile, atomically: true, encoding: .utf8)
        let bad = try LedgerdProcess.run(["verify", "--file", exportFile])
        #expect(bad.status == 5 && bad.stderr.contains("seq 10"), "\(bad.stderr)")
    }

    @Test func tailFollowSeesAnotherProcessAppend() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = dir.path + "/ledger"
        try LedgerdProcess.run(["append", "--data", data, "-"], input: r.directory().joined(separator: "\n"))
        let pipe = Pipe()
        let tail = try LedgerdProcess.start(["tail", "--data", data, "--from", "2", "--follow"], stdout: pipe)
        defer { tail.terminate() }
        let reader = LineReader(pipe)
        #expect(reader.next(timeout: 10)?.contains(#""seq":2"#) == true)
        #expect(reader.next(timeout: 10)?.contains(#""seq":3"#) == true)
        try LedgerdProcess.run(["append", "--data", data, "-"], input: r.caseOpened("c1"))
        let line = try #require(reader.next(timeout: 10))
        #expect(line.contains(#""seq":4"#) && line.contains("CaseOpened"))
    }

    @Test func usageErrorsAreClear() throws {
        let result = try LedgerdProcess.run(["verify", "--digest", "nonsense"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("SEQ:HASH"))
        let missing = try LedgerdProcess.run(["import", "--data", NSTemporaryDirectory() + "x-\(UUID())", "/nonexistent/file"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/file"))
    }
}
