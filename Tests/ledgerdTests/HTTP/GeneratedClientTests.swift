import Foundation
import Testing

/// The API document is usable by stock tooling: openapi-spec-validator accepts it, and a
/// Python client generated from it by openapi-python-client (installed by
/// `scripts/bootstrap`) appends, retries, reads a case and a stream, queries a view with
/// filters and tails the live stream against a real daemon (`scripts/generated_client_check.py`).
@Suite struct GeneratedClientTests {
    static let document = ViewSchemaTests.root.appendingPathComponent("schemas/openapi.yaml").path

    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs `arguments` through `env`, stdout and stderr together.
    static func run(_ arguments: [String], in directory: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: output)
    }

    @Test func openAPISpecValidatorAcceptsTheDocument() throws {
        let check = try Self.run([
            "python3", "-c", "import sys; from openapi_spec_validator import validate; from openapi_spec_validator.readers import read_from_filename; validate(read_from_filename(sys.argv[1])[0]); print('valid')",
            Self.document,
        ])
        #expect(check.status == 0 && check.output.contains("valid"), "openapi-spec-validator: \(check.output)")
    }

    @Test func aGeneratedPythonClientAppendsReadsAndTails() throws {
        let version = try Self.run(["openapi-python-client", "--version"])
        try #require(version.status == 0, "openapi-python-client is not installed (scripts/bootstrap installs it): \(version.output)")

        var r = Requests()
        let lines = InProcessLedger.demo(cases: 20, seed: 4) + r.directory() + [r.caseOpened("c1")]
        let daemon = try ServingDaemon(lines: lines)
        let package = daemon.directory.path + "/ledgerd_client"
        let config = ViewSchemaTests.root.appendingPathComponent("scripts/openapi-python-client.yaml").path
        let generated = try Self.run([
            "openapi-python-client", "generate", "--path", Self.document, "--output-path", package, "--meta", "none", "--config", config,
        ])
        #expect(generated.status == 0, "generation failed: \(generated.output)")
        // A construct the generator skips is reported as a warning: none may be.
        #expect(!generated.output.localizedCaseInsensitiveContains("warning"), "the generator warned:\n\(generated.output)")
        try #require(generated.status == 0)

        let check = try Self.run([
            "python3", ViewSchemaTests.root.appendingPathComponent("scripts/generated_client_check.py").path,
            "--client", package, "--url", "http://127.0.0.1:\(daemon.port)",
            "--practitioner", daemon.token("practitioner"), "--manager", daemon.token("manager"),
            "--integration", daemon.token("integration"), "--case", "c1",
        ])
        #expect(check.status == 0, "the generated client failed:\n\(check.output)")
        for step in ["append: 201", "retry: 200", "retry in UTC: 200", "case: 200", "stream: 200", "overdue: 200", "live: id"] {
            #expect(check.output.contains(step), "\(step) missing from:\n\(check.output)")
        }
    }
}
