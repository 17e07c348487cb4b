import Foundation
import Testing

/// Every public declaration of `Ledger` and `Projections` carries a `///` doc comment (#14
/// item 5). The rule lives in one place, `scripts/doc_coverage.py` (standard library only,
/// also run by hand); this runs it over the tree, and over a fixture it must fail exactly
/// where it should, so the check itself is checked.
@Suite struct DocCoverageTests {
    /// The package's root: the nearest directory above this file holding `Package.swift`.
    static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
            directory.pathComponents.count > 1
        {
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    /// One undocumented declaration as the script reports it.
    struct Finding {
        var file: String
        var line: Int
        var declaration: String
        var allowed: Bool
    }

    /// Runs the script over `targets` (relative to the root) and returns its findings.
    static func findings(_ targets: [String], allowing allowed: [String] = []) throws -> [Finding] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/doc_coverage.py").path, "--json"] + targets
            + (allowed.isEmpty ? [] : ["--allow"] + allowed)
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "doc_coverage.py gave no report")
        let rows = try #require(report["undocumented"] as? [[String: Any]])
        return try rows.map { row in
            Finding(
                file: try #require(row["file"] as? String), line: try #require(row["line"] as? Int),
                declaration: try #require(row["declaration"] as? String), allowed: try #require(row["allowed"] as? Bool))
        }
    }

    @Test func everyPublicDeclarationOfLedgerAndProjectionsIsDocumented() throws {
        for finding in try Self.findings(["Sources/Ledger", "Sources/Projections"]) {
            Issue.record("\(finding.file):\(finding.line): undocumented public declaration: \(finding.declaration)")
        }
    }

    /// The rule's edges: attributes between comment and declaration, block comments, blank
    /// lines, plain comments, strings holding code, enum cases, protocol requirements and
    /// `public extension` members (an extension itself needs no comment).
    static let fixture = #"""
        /// Documented.
        public struct Documented {
            public var undocumentedProperty: Int
            /// Documented property.
            @usableFromInline
            @inlinable public var documentedThroughAttributes: Int { 1 }
            /**
             A block doc comment.
             */
            @discardableResult
            public func documentedByBlock() -> Int { 1 }
            /// Separated by a blank line: Swift does not attach it.

            public init() {}
            // A plain comment is not documentation.
            public static let plainCommented = 1
            func internalNeedsNothing() {
                let text = """
                    public func inAString() { {
                    """
                _ = text
            }
            public subscript(i: Int) -> Int { i }
        }

        public enum Kind {
            /// Documented case.
            case documented
            case undocumented, alsoUndocumented
        }

        enum InternalKind {
            case needsNothing
        }

        extension Documented {
            public func undocumentedInExtension() {}
        }

        public extension Documented {
            func implicitlyPublic() {}
            private func privateNeedsNothing() {}
        }

        /// Documented protocol.
        public protocol Service {
            func requirement()
            /// Documented requirement.
            var documented: Int { get }
        }
        public final class UndocumentedClass {
            deinit {}
        }

        """#

    @Test func theCheckFindsExactlyTheUndocumentedDeclarations() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doc-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Fixture.swift")
        try Self.fixture.write(to: file, atomically: true, encoding: .utf8)
        let findings = try Self.findings([file.path])
        #expect(findings.map(\.line) == [3, 14, 16, 23, 26, 29, 37, 41, 47, 51])
        #expect(findings.allSatisfy { !$0.allowed })
        #expect(try Self.findings([file.path], allowing: [file.path]).allSatisfy(\.allowed))
    }
}
