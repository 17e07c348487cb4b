import Foundation
import Testing

@testable import Ledger

/// Children's records are readable by the ledger's owner alone: a new data directory is 0700
/// with 0600 files, and an old one is tightened when opened, each change reported.
@Suite struct PrivateFilesTests {
    private func mode(_ path: String) throws -> mode_t {
        var status = stat()
        #expect(stat(path, &status) == 0, "stat \(path)")
        return status.st_mode & 0o777
    }

    @Test func aNewLedgerIsPrivateWhateverTheUmask() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let previous = umask(0o002)
        defer { umask(previous) }
        let path = dir.path + "/a/ledger"
        let ledger = try Ledger(path: path)
        _ = try ledger.derivedEnvironment("projections", maxDatabases: 2)
        #expect(try mode(dir.path + "/a") == 0o700)
        for file in ["", "/data.mdb", "/lock.mdb", "/projections", "/projections/data.mdb"] {
            let expected: mode_t = file.hasSuffix(".mdb") ? 0o600 : 0o700
            #expect(try mode(path + file) == expected, "\(file)")
        }
    }

    @Test func anOldLedgerIsTightenedOnOpenAndSaysSo() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/ledger"
        do { _ = try Ledger(path: path) }
        #expect(chmod(path, 0o755) == 0 && chmod(path + "/data.mdb", 0o644) == 0 && chmod(path + "/lock.mdb", 0o640) == 0)
        do {
            let environment = try LMDBEnvironment(path: path, maxDatabases: LedgerStore.maximumDatabases)
            #expect(try mode(path) == 0o700 && mode(path + "/data.mdb") == 0o600 && mode(path + "/lock.mdb") == 0o600)
            #expect(environment.tightenedPermissions == ["\(path): 755 → 700", "\(path)/data.mdb: 644 → 600", "\(path)/lock.mdb: 640 → 600"])
        }
        // Narrower than private is left as the operator set it, and nothing is reported.
        #expect(chmod(path + "/data.mdb", 0o600) == 0 && chmod(path + "/lock.mdb", 0o400) == 0)
        let again = try LMDBEnvironment(path: path, maxDatabases: LedgerStore.maximumDatabases)
        #expect(again.tightenedPermissions.isEmpty)
        #expect(try mode(path + "/lock.mdb") == 0o400)
    }
}

/// The parent of any path a user may type, without Foundation's path bridging (which trapped
/// on a bare name).
@Suite struct PathParentTests {
    @Test func parentsOfTypedPaths() {
        let cases: [(String, String)] = [
            ("x", ""), ("x/", ""), ("a/b", "a"), ("a/b/", "a"), ("/a", "/"), ("/", "/"), ("/a/b", "/a"), ("a//b", "a"),
            ("./x", "."), ("../x/y", "../x"), ("", ""),
        ]
        for (path, parent) in cases {
            #expect(PathParent.of(path) == parent, "\(path)")
        }
    }
}
