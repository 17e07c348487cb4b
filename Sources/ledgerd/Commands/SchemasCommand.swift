import ArgumentParser
import Foundation
import Ledger

struct SchemasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "Write the contract's JSON Schemas (generated from the event catalogue) and bundle openapi.yaml.",
        discussion: """
            Writes append-request.schema.json and recorded-event.schema.json, then rewrites the generated part of \
            openapi.yaml (after its marker line) with the contract's components and those of views/*.schema.json, \
            so the API document is self-contained. With --check, exit 1 if a file differs from what this build \
            generates.
            """
    )

    @Option(help: ArgumentHelp("Directory to write into.", valueName: "dir"))
    var output = "schemas"

    @Flag(help: "Compare instead of writing.")
    var check = false

    func run() async throws {
        try await reportingErrors {
            var stale: [String] = []
            var files = JSONSchemaGenerator.documents().map { (name: $0.name, text: PrettyJSON.string($0.schema)) }
            files.append((name: "openapi.yaml", text: try bundledOpenAPI()))
            for file in files {
                let path = (output as NSString).appendingPathComponent(file.name)
                if check {
                    let existing = try? String(contentsOfFile: path, encoding: .utf8)
                    if existing != file.text { stale.append(path) }
                } else {
                    do {
                        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                        try file.text.write(toFile: path, atomically: true, encoding: .utf8)
                    } catch {
                        throw CLIError(.storage, "cannot write \(path): \(error.localizedDescription)")
                    }
                    try Output.say("wrote \(path)")
                }
            }
            if !stale.isEmpty {
                throw CLIError(.storage, "out of date (run `ledgerd schemas`): \(stale.joined(separator: ", "))")
            }
        }
    }

    /// `openapi.yaml` in the output directory with its generated part made again from the
    /// catalogue and `views/*.schema.json` there.
    private func bundledOpenAPI() throws -> String {
        let path = (output as NSString).appendingPathComponent("openapi.yaml")
        guard let document = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError(.storage, "cannot read \(path): the API document's hand-written part lives there")
        }
        let viewsDirectory = (output as NSString).appendingPathComponent("views")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: viewsDirectory)) ?? [])
            .filter { $0.hasSuffix(".schema.json") }.sorted()
        var views: [(file: String, schema: JSONValue)] = []
        for name in names {
            let viewPath = (viewsDirectory as NSString).appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: viewPath) else {
                throw CLIError(.storage, "cannot read \(viewPath)")
            }
            do {
                views.append((name, try JSONParser.parse(Array(bytes))))
            } catch {
                throw CLIError(.invalid, "\(viewPath): \(error.description)")
            }
        }
        do {
            return try OpenAPIDocument.regenerating(document, views: views)
        } catch {
            throw CLIError(.invalid, "\(path): \(error.description)")
        }
    }
}
