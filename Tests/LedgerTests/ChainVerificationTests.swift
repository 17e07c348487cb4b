import Foundation
import Testing

@testable import Ledger

@Suite struct ChainVerificationTests {
    private func populated() throws -> TestLedger {
        let t = try TestLedger()
        for i in 0..<20 {
            try t.append(
                try t.fixture.caseOpened("c\(i)"),
                try t.fixture.request(
                    "TACMemberJoined", "case-c\(i)", #"{"practitionerId":"sw1","joinedOn":"2025-03-05"}"#,
                    metadata: #"{"correlationId":"ü-\#(i)","source":"naïve \"quoted\""}"#))
        }
        return t
    }

    private func export(_ ledger: Ledger) throws -> String {
        var lines: [String] = []
        try ledger.scan { _, bytes in
            lines.append(String(decoding: bytes, as: UTF8.self))
            return true
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aChangedByteIsNamedBySeq() throws {
        let t = try populated()
        let original = try #require(try t.ledger.event(seq: 12))
        var tampered = original
        let index = try #require(tampered.firstIndex(of: UInt8(ascii: "s")))
        tampered[index] = UInt8(ascii: "S")
        let events = t.ledger.store.events
        try t.ledger.environment.write { txn in try txn.put(events, Keys.seq(12), tampered) }
        #expect(throws: VerificationFailure.self) { try t.ledger.verify() }
        do {
            _ = try t.ledger.verify()
        } catch let failure as VerificationFailure {
            #expect(failure.seq == 12)
        }
    }

    @Test func aDeletedIndexEntryIsFound() throws {
        let t = try populated()
        let ids = t.ledger.store.eventIds
        try t.ledger.environment.write { txn in
            try txn.withCursor(ids) { cursor in
                _ = try cursor.first()
                try cursor.deleteCurrent()
            }
        }
        #expect(throws: VerificationFailure.self) { try t.ledger.verify() }
    }

    @Test func theIndependentPythonVerifierAgrees() throws {
        let t = try populated()
        let file = t.directory.path + "/export.ndjson"
        try export(t.ledger).write(toFile: file, atomically: true, encoding: .utf8)
        let head = try t.ledger.head()
        let (status, output) = try runPython(["scripts/verify_chain.py", file, "--digest", "10:" + (try digest(t.ledger, 10))])
        #expect(status == 0, "\(output)")
        #expect(output.contains("head seq \(head.seq) hash \(head.hashHex)"))

        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[14] = lines[14].replacingOccurrences(of: "sw1", with: "sw2")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (badStatus, badOutput) = try runPython(["scripts/verify_chain.py", file])
        #expect(badStatus == 1)
        #expect(badOutput.contains("seq 15"))
    }

    @Test func digestsProveAPrefix() throws {
        let t = try populated()
        let hash = try digest(t.ledger, 10)
        #expect(try t.ledger.verify(digestSeq: 10, hash: hash).events == 47)
        #expect(throws: VerificationFailure.self) {
            try t.ledger.verify(digestSeq: 10, hash: String(repeating: "a", count: 64))
        }
        #expect(throws: VerificationFailure.self) { try t.ledger.verify(digestSeq: 48, hash: hash) }
    }

    private func digest(_ ledger: Ledger, _ seq: UInt64) throws -> String {
        try RecordedEvent(decoding: try #require(try ledger.event(seq: seq))).hash
    }

    private func runPython(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = ContractExamplesTests.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
