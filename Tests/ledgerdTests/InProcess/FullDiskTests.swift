import Foundation
import Testing

@testable import ledgerd

/// A small tmpfs, filled under the serving application: appends are 507 naming the directory,
/// reads of no case data go on, reads of case data go on only while the access trail can
/// record them (then 507, never the data), and both succeed once space is freed. Needs root
/// to mount (CI runs as root).
@Suite struct FullDiskTests {
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root")) func aFullDiskIs507AndRecovers() async throws {
        let mountPoint = NSTemporaryDirectory() + "ledgerd-full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mount = try LedgerdProcess.shell("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", mountPoint])
        try #require(mount == 0, "mount -t tmpfs failed")
        defer { _ = try? LedgerdProcess.shell("umount", ["-l", mountPoint]) }

        var r = Requests()
        let data = mountPoint + "/ledger"
        // A small journal segment: its preallocated space lasts a few hundred reads, not ~13,000.
        var configuration = LedgerServer.Configuration()
        configuration.accessJournalSegmentBytes = 65536
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c0")], configuration: configuration, data: data)
        let filler = mountPoint + "/filler"
        try await ledger.serve { [r] api in
            var r = r
            try Self.fill(filler)
            // Appends until one needs a page the full filesystem cannot give.
            var full: HTTPReply?
            for i in 0..<2000 where full == nil {
                let reply = try await api.post("/streams/case-f\(i)", as: .practitioner, body: Requests.withoutStream(r.caseOpened("f\(i)")))
                if reply.status != 201 { full = reply }
            }
            let refused = try #require(full, "the filled disk never refused an append")
            #expect(refused.status == 507, "\(refused.status) \(refused.text)")
            #expect(try ProblemDetails.of(refused).slug == "insufficient-storage")
            #expect(refused.text.contains("no space left on device") && refused.text.contains(data), "\(refused.text)")
            #expect(refused.headers["retry-after"] != nil)
            // Reads of no case data go on. A read of case data is answered only once the access
            // trail has recorded it: while the trail still has free pages it is; once it has
            // none, the read is a 507 too, and never the data.
            #expect(try await api.get("/streams/agency-sc", as: .auditor).status == 200)
            #expect(try await api.get("/health").status == 200)
            var answered = 0
            var unrecordable: HTTPReply?
            for _ in 0..<5000 where unrecordable == nil {
                let reply = try await api.get("/streams/case-c0", as: .auditor)
                if reply.status == 200 { answered += 1 } else { unrecordable = reply }
            }
            let notAnswered = try #require(unrecordable, "the full disk never stopped the access trail")
            #expect(notAnswered.status == 507 && notAnswered.text.contains("access trail"), "\(notAnswered.status) \(notAnswered.text)")
            #expect(!notAnswered.text.contains("CaseOpened"), "a read the trail could not record disclosed the case")
            let recorded = try LedgerdProcess.run(["access-log", "--data", data, "--case", "c0", "--format", "json"])
            #expect(try (JSONSerialization.jsonObject(with: Data(recorded.stdout.utf8)) as? [Any])?.count == answered, "\(recorded.stderr)")

            // Space returns: the same kind of append succeeds, and the chain verifies.
            try FileManager.default.removeItem(atPath: filler)
            let again = try await api.post("/streams/case-after", as: .practitioner, body: Requests.withoutStream(r.caseOpened("after")))
            #expect(again.status == 201, "\(again.status) \(again.text)")
            #expect(try await api.get("/streams/case-c0", as: .auditor).status == 200)
            #expect(try await api.get("/verify", as: .auditor).status == 200)
        }
    }

    /// Writes `path` until the filesystem has no space left.
    static func fill(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0xAB, count: 1 << 16)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
