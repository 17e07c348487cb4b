import Foundation
import Ledger
import Testing

/// Many processes on one ledger, and processes killed mid-append.
@Suite struct DurabilityTests {
    @Test func concurrentProcessesAppendGaplessly() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = dir.path + "/ledger"
        try LedgerdProcess.run(["append", "--data", data, "-"], input: r.directory().joined(separator: "\n"))
        let processes = 4
        let perProcess = 40
        var files: [String] = []
        for p in 0..<processes {
            files.append(try dir.write("p\(p).ndjson", (0..<perProcess).map { r.caseOpened("p\(p)-\($0)") }))
        }
        let results = try await withThrowingTaskGroup(of: LedgerdProcess.Result.self) { group in
            for file in files { group.addTask { try LedgerdProcess.run(["append", "--data", data, file]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var seqs: [UInt64] = []
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            for line in result.stdout.split(separator: "\n") {
                seqs.append(UInt64(try #require(try JSONParser.parse(String(line)).objectValue?["seq"]?.integerValue)))
            }
        }
        #expect(seqs.sorted() == Array(4...UInt64(3 + processes * perProcess)))
        #expect(try LedgerdProcess.run(["verify", "--data", data]).status == 0)
    }

    /// A child appending is killed with SIGKILL again and again; every event it acknowledged
    /// must survive byte-for-byte, and the chain must verify.
    @Test func acknowledgedAppendsSurviveSIGKILL() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = dir.path + "/ledger"
        try LedgerdProcess.run(["append", "--data", data, "-"], input: r.directory().joined(separator: "\n"))
        var pending = (0..<400).map { r.caseOpened("k\($0)") }
        var acknowledged: [String: UInt64] = [:]
        var storedBytes: [UInt64: String] = [:]
        var kills = 0
        for round in 0..<12 where !pending.isEmpty {
            let file = try dir.write("round\(round).ndjson", pending)
            let pipe = Pipe()
            let child = try LedgerdProcess.start(["append", "--data", data, file], stdout: pipe)
            let reader = LineReader(pipe)
            let killAfter = Int.random(in: 1...25)
            var seen = 0
            while seen < killAfter, let line = reader.next(timeout: 20) {
                let object = try #require(try JSONParser.parse(line).objectValue)
                acknowledged[object["eventId"]!.stringValue!] = UInt64(object["seq"]!.integerValue!)
                seen += 1
            }
            if child.isRunning {
                kill(child.processIdentifier, SIGKILL)
                kills += 1
            }
            child.waitUntilExit()
            // Whatever the child printed before dying was acknowledged too.
            while let line = reader.next(timeout: 1) {
                guard let object = try? JSONParser.parse(line).objectValue, let id = object["eventId"]?.stringValue else { continue }
                acknowledged[id] = UInt64(object["seq"]!.integerValue!)
            }
            let export = try LedgerdProcess.run(["export", "--data", data])
            var present: [String: UInt64] = [:]
            for line in export.stdout.split(separator: "\n") {
                let event = try RecordedEvent(decoding: Array(line.utf8))
                present[event.eventId] = event.seq
                if let earlier = storedBytes[event.seq] { #expect(earlier == String(line), "seq \(event.seq) changed") }
                storedBytes[event.seq] = String(line)
            }
            for (id, seq) in acknowledged { #expect(present[id] == seq, "acknowledged \(id) at \(seq) is missing") }
            pending.removeAll { line in present.keys.contains { line.contains($0) } }
            #expect(try LedgerdProcess.run(["verify", "--data", data]).status == 0)
        }
        #expect(kills >= 3)
        #expect(acknowledged.count >= 10)
    }
}
