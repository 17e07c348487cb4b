import ArgumentParser
import Foundation
import Ledger

struct SchemasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "Write the contract's JSON Schemas (generated from the event catalogue).",
        discussion: "With --check, exit 1 if the files in the directory differ from what this build generates."
    )

    @Option(help: ArgumentHelp("Directory to write into.", valueName: "dir"))
    var output = "schemas"

    @Flag(help: "Compare instead of writing.")
    var check = false

    func run() async throws {
        try await reportingErrors {
            var stale: [String] = []
            for (name, schema) in JSONSchemaGenerator.documents() {
                let path = (output as NSString).appendingPathComponent(name)
                let text = PrettyJSON.string(schema)
                if check {
                    let existing = try? String(contentsOfFile: path, encoding: .utf8)
                    if existing != text { stale.append(path) }
                } else {
                    do {
                        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                        try text.write(toFile: path, atomically: true, encoding: .utf8)
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
}
