import Foundation
import Testing

/// The CLI makes a data directory private and says what it changed (DOMAIN: least privilege).
@Suite struct PrivateDataDirectoryTests {
    @Test func anOldDataDirectoryIsTightenedAndTheChangeIsReported() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var r = Requests()
        let data = dir.path + "/ledger"
        #expect(try LedgerdProcess.run(["import", "--data", data, try dir.write("s.ndjson", r.directory() + [r.caseOpened("c1")])]).status == 0)
        var status = stat()
        #expect(stat(data + "/data.mdb", &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(chmod(data, 0o755) == 0 && chmod(data + "/data.mdb", 0o644) == 0)
        let verified = try LedgerdProcess.run(["verify", "--data", data])
        #expect(verified.status == 0)
        #expect(verified.stderr.contains("made private: \(data): 755 → 700"), "\(verified.stderr)")
        #expect(verified.stderr.contains("made private: \(data)/data.mdb: 644 → 600"), "\(verified.stderr)")
        #expect(stat(data + "/data.mdb", &status) == 0 && status.st_mode & 0o777 == 0o600)
        // Once private, nothing more is said.
        #expect(!(try LedgerdProcess.run(["verify", "--data", data]).stderr.contains("made private")))
    }

    /// A data directory given as a bare relative name (`--data x`) is made in the current
    /// directory, private, like any other (it used to trap in Foundation's path bridging).
    @Test func aBareRelativeDataDirectoryIsCreatedNotCrashedOn() throws {
        var r = Requests()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("d.ndjson", r.directory())
        let run = try LedgerdProcess.shellOutput(
            "sh", ["-c", "cd '\(directory.path)' && '\(LedgerdProcess.binary)' import --data x '\(file)' && '\(LedgerdProcess.binary)' verify --data x"])
        #expect(run.status == 0, "\(run.output)")
        var status = stat()
        #expect(stat(directory.path + "/x", &status) == 0 && status.st_mode & 0o777 == 0o700)
    }
}
