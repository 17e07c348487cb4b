import Foundation
import Testing

@testable import Ledger

/// Every example in `schemas/examples/` gets the same verdict from the ledger's validator as
/// from an independent implementation (Python's jsonschema on the generated schema), and the
/// verdict each example was written to have.
@Suite struct ContractExamplesTests {
    struct Example {
        var file: String
        var kind: String
        var index: Int
        var request: JSONValue
        var field: String?
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func examples() throws -> [Example] {
        let dir = root.appendingPathComponent("schemas/examples")
        var result: [Example] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".json") {
            let bytes = try Array(Data(contentsOf: dir.appendingPathComponent(name)))
            let document = try #require(try JSONParser.parse(bytes).objectValue)
            for (i, valid) in (document["valid"]?.arrayValue ?? []).enumerated() {
                result.append(Example(file: name, kind: "valid", index: i, request: valid, field: nil))
            }
            for (i, invalid) in (document["invalid"]?.arrayValue ?? []).enumerated() {
                let object = try #require(invalid.objectValue)
                result.append(
                    Example(
                        file: name, kind: "invalid", index: i, request: try #require(object["request"]),
                        field: object["field"]?.stringValue))
            }
        }
        return result
    }

    @Test func everyEventTypeHasValidAndInvalidExamples() throws {
        let examples = try Self.examples()
        for type in EventType.allCases {
            let file = type.rawValue + ".json"
            #expect(examples.contains { $0.file == file && $0.kind == "valid" }, "\(file) has no valid example")
            #expect(examples.filter { $0.file == file && $0.kind == "invalid" }.count >= 5, "\(file) has few invalid examples")
        }
    }

    @Test func ledgerVerdictsMatchIntentAndNameTheField() throws {
        for example in try Self.examples() {
            do {
                _ = try AppendRequest.validatingShape(example.request)
                #expect(example.kind == "valid", "\(example.file) invalid[\(example.index)] was accepted")
            } catch {
                #expect(example.kind == "invalid", "\(example.file) valid[\(example.index)] refused: \(error)")
                if let field = example.field {
                    #expect(field.hasPrefix(error.field), "\(example.file) invalid[\(example.index)]: reported \(error.field), expected \(field)")
                }
            }
        }
    }

    @Test func validExamplesAlsoPassTheSubjectRule() throws {
        for example in try Self.examples() where example.kind == "valid" {
            #expect(throws: Never.self, "\(example.file) valid[\(example.index)]") {
                _ = try AppendRequest.validating(example.request)
            }
        }
    }

    @Test func committedSchemasAreTheGeneratedOnes() throws {
        for (name, schema) in JSONSchemaGenerator.documents() {
            let committed = try String(contentsOf: Self.root.appendingPathComponent("schemas/\(name)"), encoding: .utf8)
            #expect(committed == PrettyJSON.string(schema), "schemas/\(name) is stale: run `swift run ledgerd schemas`")
        }
    }

    /// `schemas/openapi.yaml`'s generated part is what `ledgerd schemas` makes of the
    /// catalogue and the committed view schemas.
    @Test func committedOpenAPIIsTheBundledOne() throws {
        let schemas = Self.root.appendingPathComponent("schemas")
        let committed = try String(contentsOf: schemas.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let viewsDirectory = schemas.appendingPathComponent("views")
        var views: [(file: String, schema: JSONValue)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: viewsDirectory.path).sorted() where name.hasSuffix(".schema.json") {
            views.append((name, try JSONParser.parse(Array(try Data(contentsOf: viewsDirectory.appendingPathComponent(name))))))
        }
        #expect(views.count == 8)
        let bundled = try OpenAPIDocument.regenerating(committed, views: views)
        #expect(committed == bundled, "schemas/openapi.yaml is stale: run `swift run ledgerd schemas`")
        #expect(!committed.contains(".schema.json\""), "a $ref leaves the document")
    }

    @Test(arguments: ["append-request.schema.json", "openapi.yaml"])
    func pythonJSONSchemaAgreesWithTheLedger(_ schema: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.root.appendingPathComponent("scripts/schema_verdicts.py").path,
            Self.root.appendingPathComponent("schemas/\(schema)").path,
            Self.root.appendingPathComponent("schemas/examples").path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "schema_verdicts.py failed (is jsonschema installed?)")
        var ledgerVerdicts: [String: Bool] = [:]
        // The API's form lets `stream` be left out (the URL's): examples without one are the
        // JSON Schema file's alone.
        for example in try Self.examples() where schema.hasSuffix(".json") || example.request.objectValue?["stream"] != nil {
            let valid = (try? AppendRequest.validatingShape(example.request)) != nil
            ledgerVerdicts["\(example.file)/\(example.kind)/\(example.index)"] = valid
        }
        var compared = 0
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let row = try #require(try JSONParser.parse(String(line)).objectValue)
            let key = "\(row["file"]!.stringValue!)/\(row["kind"]!.stringValue!)/\(row["index"]!.integerValue!)"
            guard let verdict = ledgerVerdicts[key] else { continue }
            #expect(verdict == row["valid"]?.boolValue, "\(schema): verdicts differ for \(key)")
            compared += 1
        }
        #expect(compared == ledgerVerdicts.count)
        #expect(compared > 1000)
    }
}
