import Foundation
import Testing

/// The daemon never crashes and never gives a reassuring answer to a wrong question: poison
/// values are refused, out-of-calendar dates and unknown parameters are 400s, filters that
/// name nothing are 404s with suggestions, a failed verification is not a 200, and a full
/// disk is a 507 that passes once space returns, while reads the access trail can record go on.
@Suite struct NeverLieHTTPTests {
    @Test func wrongQuestionsAreErrorsAndTheDaemonSurvivesThem() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: try ViewEndpointTests.demo(cases: 20, seed: 3) + r.directory())

        let poison = Requests.withoutStream(
            r.line(
                "CaseOpened", "case-poison",
                #"{"caseId":"poison","childId":"ch-p","dateOfBirth":"9990-01-01","gender":"male","ethnicity":"WBRI","openedOn":"2025-03-04","openedBy":"sw1"}"#,
                actor: "sw1"))
        let refused = try daemon.request("POST", "/streams/case-poison", role: "practitioner", body: poison)
        #expect(refused.status == 400 && refused.text.contains(#""field":"data.dateOfBirth""#), "\(refused.text)")

        let questions: [(path: String, status: Int, says: String)] = [
            ("/exports/annex-a?inspectionDate=0001-01-01", 400, "1900–2199"),
            ("/views/flags?on=9999-12-31", 400, "1900–2199"),
            ("/views/overdue?knownAt=2200-01-01T00:00:00Z", 400, "knownAt"),
            ("/views/overdue?agncy=nm-yot", 400, "agncy"),
            ("/cases/EH-2023-000001?colour=blue", 400, "colour"),
            ("/events?from=1&page=2", 400, "page"),
            ("/events?from=99999999999999999999", 400, "from"),
            ("/events?limit=0", 400, "limit"),
            ("/streams/case-EH-2023-000001?fromVersion=3586043201437745", 400, "fromVersion"),
            ("/verify?digest=18446744073709551616:00", 400, "digest"),
            ("/views/overdue?agency=nm-yott", 404, "did you mean nm-yot"),
            ("/views/caseload?practitioner=prac-9999", 404, "prac-9999"),
            ("/views/overdue?case=EH-2023-00001", 404, "did you mean EH-2023-000001"),
        ]
        for question in questions {
            let reply = try daemon.request("GET", question.path, role: "auditor")
            #expect(reply.status == question.status, "\(question.path): \(reply.status) \(reply.text)")
            #expect(reply.contentType == "application/problem+json" && reply.text.contains(question.says), "\(question.path): \(reply.text)")
        }
        // The largest Last-Event-ID a client can send is refused, not overflowed.
        let resume = try daemon.request("GET", "/events/live", role: "auditor", headers: [("Last-Event-ID", "18446744073709551615")])
        #expect(resume.status == 400 && resume.text.contains("Last-Event-ID"), "\(resume.text)")
        // Still serving, and the same views without the mistakes answer.
        #expect(try daemon.request("GET", "/views/flags", role: "manager").status == 200)
        #expect(try daemon.request("GET", "/views/overdue?agency=nm-yot", role: "manager").status == 200)
        #expect(try daemon.request("GET", "/health").status == 200)
    }

    @Test func aFailedVerificationIsNotA200() throws {
        let daemon = try ServingDaemon(lines: try ViewEndpointTests.demo(cases: 5, seed: 9))
        #expect(try daemon.request("GET", "/verify", role: "auditor").status == 200)
        let wrongDigest = try daemon.request("GET", "/verify?digest=1:" + String(repeating: "0", count: 64), role: "auditor")
        // The chain verified, the digest is not held: the auditor's finding, a 409, never a 200.
        #expect(wrongDigest.status == 409, "\(wrongDigest.text)")
        #expect(wrongDigest.text.contains(#""verified":false"#) && wrongDigest.text.contains("digest-not-held"), "\(wrongDigest.text)")
        let beyond = try daemon.request("GET", "/verify?digest=999999:" + String(repeating: "0", count: 64), role: "auditor")
        #expect(beyond.status == 409 && beyond.text.contains("digest names seq 999999"), "\(beyond.text)")

        // Alter one stored byte under the running daemon: its reads see the file's pages.
        let file = daemon.data + "/data.mdb"
        let handle = try #require(FileHandle(forUpdatingAtPath: file))
        let bytes = [UInt8](handle.readDataToEndOfFile())
        let needle = Array(#""childId":""#.utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) }) + needle.count
        try handle.seek(toOffset: UInt64(at))
        handle.write(Data([bytes[at] == UInt8(ascii: "Z") ? UInt8(ascii: "Y") : UInt8(ascii: "Z")]))
        try handle.synchronize()
        try handle.close()
        let broken = try daemon.request("GET", "/verify", role: "auditor")
        #expect(broken.status == 500 && broken.text.contains("hash does not match"), "\(broken.text)")
        #expect(try daemon.request("GET", "/health").status == 200)
    }

    /// A small tmpfs, filled: appends are 507 naming the directory, reads of no case data go
    /// on, reads of case data go on only while the access trail can record them (then 507,
    /// never the data), and both succeed once space is freed. Needs root to mount (CI runs as root).
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root")) func aFullDiskIs507AndRecovers() throws {
        let mountPoint = NSTemporaryDirectory() + "ledgerd-full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mount = try LedgerdProcess.shell("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", mountPoint])
        try #require(mount == 0, "mount -t tmpfs failed")
        defer { _ = try? LedgerdProcess.shell("umount", ["-l", mountPoint]) }

        var r = Requests()
        let data = mountPoint + "/ledger"
        // A small journal segment: its preallocated space lasts a few hundred reads, not ~13,000.
        let daemon = try ServingDaemon(
            lines: r.directory() + [r.caseOpened("c0")], extraArguments: ["--access-journal-segment-bytes", "65536"], data: data)
        // Fill what is left of the filesystem.
        let filler = mountPoint + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT, 0o600)
        try #require(fd >= 0)
        let chunk = [UInt8](repeating: 0xAB, count: 1 << 16)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        close(fd)

        // Appends until one needs a page the full filesystem cannot give.
        var full: HTTPReply?
        for i in 0..<2000 where full == nil {
            let reply = try daemon.request("POST", "/streams/case-f\(i)", role: "practitioner", body: Requests.withoutStream(r.caseOpened("f\(i)")))
            if reply.status != 201 { full = reply }
        }
        let refused = try #require(full, "the filled disk never refused an append")
        #expect(refused.status == 507, "\(refused.status) \(refused.text)")
        #expect(refused.text.contains("no space left on device") && refused.text.contains(data), "\(refused.text)")
        #expect(refused.headers["retry-after"] != nil)
        // Reads of no case data go on. A read of case data is answered only once the access
        // trail has recorded it: while the trail still has free pages it is; once it has none,
        // the read is a 507 too, and never the data.
        #expect(try daemon.request("GET", "/streams/agency-sc", role: "auditor").status == 200)
        #expect(try daemon.request("GET", "/health").status == 200)
        var answered = 0
        var unrecordable: HTTPReply?
        for _ in 0..<5000 where unrecordable == nil {
            let reply = try daemon.request("GET", "/streams/case-c0", role: "auditor")
            if reply.status == 200 { answered += 1 } else { unrecordable = reply }
        }
        let notAnswered = try #require(unrecordable, "the full disk never stopped the access trail")
        #expect(notAnswered.status == 507 && notAnswered.text.contains("access trail"), "\(notAnswered.status) \(notAnswered.text)")
        #expect(!notAnswered.text.contains("CaseOpened"), "a read the trail could not record disclosed the case")
        let recorded = try LedgerdProcess.run(["access-log", "--data", data, "--case", "c0", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(recorded.stdout.utf8)) as? [Any])?.count == answered, "\(recorded.stderr)")

        // Space returns: the same kind of append succeeds, and the chain verifies.
        try FileManager.default.removeItem(atPath: filler)
        let again = try daemon.request("POST", "/streams/case-after", role: "practitioner", body: Requests.withoutStream(r.caseOpened("after")))
        #expect(again.status == 201, "\(again.status) \(again.text)")
        #expect(try daemon.request("GET", "/streams/case-c0", role: "auditor").status == 200)
        #expect(try daemon.request("GET", "/verify", role: "auditor").status == 200)
        _ = daemon.terminate()
    }
}
