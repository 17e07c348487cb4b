import Foundation
import Testing

@testable import ledgerd

/// The audit pack's archive is read by the system's `tar`, long paths included.
@Suite struct TarArchiveTests {
    @Test func tarReadsWhatTheArchiveHolds() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var archive = TarArchive()
        let root = "audit-pack-" + String(repeating: "c", count: 80)
        try archive.addDirectory(root)
        try archive.addDirectory(root + "/proofs")
        try archive.addFile(root + "/proofs/1062851.tlog-proof", Array("proof\n".utf8))
        try archive.addFile(root + "/empty", [])
        let block = [UInt8](repeating: 7, count: 512)
        try archive.addFile(root + "/block", block)
        let bytes = archive.finish()
        #expect(bytes.count % 512 == 0)
        let file = dir.path + "/a.tar"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        let extracted = try LedgerdProcess.shellOutput("tar", ["-xf", file, "-C", dir.path])
        #expect(extracted.status == 0, "\(extracted.output)")
        #expect(try String(contentsOfFile: dir.path + "/" + root + "/proofs/1062851.tlog-proof", encoding: .utf8) == "proof\n")
        #expect(FileManager.default.contents(atPath: dir.path + "/" + root + "/block") == Data(block))
        #expect(FileManager.default.contents(atPath: dir.path + "/" + root + "/empty") == Data())
        #expect(throws: TarArchive.PathTooLong.self) { try archive.addFile(String(repeating: "x", count: 300), []) }
    }
}
