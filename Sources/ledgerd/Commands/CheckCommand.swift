import ArgumentParser
import Ledger

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate NDJSON append requests against the contract without appending.",
        discussion: """
            Prints one JSON line per request: {"line":N,"valid":true} or {"line":N,"valid":false,\
            "field":…,"problem":…}. Exits 2 if any line is invalid. Only stateless rules are checked \
            (nothing is compared with the ledger's contents).
            """
    )

    @Flag(help: "Only the rules a JSON Schema expresses (skip: the data's ID must equal the stream's).")
    var schemaOnly = false

    @Argument(help: ArgumentHelp("NDJSON file of append requests, or - for standard input.", valueName: "file"))
    var file: String

    func run() async throws {
        try await reportingErrors {
            let reader: NDJSONReader
            do { reader = try NDJSONReader(path: file) } catch { throw CLIError(.storage, error.localizedDescription) }
            let output = Output(fd: 1)
            var invalid = 0
            while let verdict = try Self.nextVerdict(reader, schemaOnly: schemaOnly) {
                var line: [UInt8] = Array(#"{"line":\#(reader.lineNumber),"valid":"#.utf8)
                if let violation = verdict {
                    invalid += 1
                    line.append(contentsOf: #"false,"field":"#.utf8)
                    CanonicalJSON.writeString(violation.field, into: &line)
                    line.append(contentsOf: #","problem":"#.utf8)
                    CanonicalJSON.writeString(violation.problem, into: &line)
                    line.append(UInt8(ascii: "}"))
                } else {
                    line.append(contentsOf: "true}".utf8)
                }
                try output.line(String(decoding: line, as: UTF8.self))
            }
            try output.flush()
            if invalid > 0 { throw CLIError(.invalid, "\(invalid) invalid request(s)") }
        }
    }

    /// The next line's verdict (nil inside: valid), or nil at the end. A line too long to
    /// read is that line's verdict, and the last: the reader cannot go past it.
    private static func nextVerdict(_ reader: NDJSONReader, schemaOnly: Bool) throws -> ContractViolation?? {
        do {
            return try reader.nextLine { bytes in verdict(bytes, schemaOnly: schemaOnly) }
        } catch let tooLong as NDJSONReader.LineTooLong {
            return .some(ContractViolation(field: "", problem: "the line is longer than \(tooLong.limit) bytes, the most one request may be"))
        }
    }

    /// nil when valid.
    static func verdict(_ bytes: UnsafeRawBufferPointer, schemaOnly: Bool) -> ContractViolation? {
        do throws(ContractViolation) {
            let value: JSONValue
            do throws(JSONParseError) { value = try JSONParser.parse(bytes) } catch {
                throw ContractViolation(field: "", problem: error.description)
            }
            if schemaOnly {
                _ = try AppendRequest.validatingShape(value)
            } else {
                _ = try AppendRequest.validating(value)
            }
            return nil
        } catch {
            return error
        }
    }
}
