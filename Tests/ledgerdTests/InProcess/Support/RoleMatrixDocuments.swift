import Foundation

@testable import ledgerd

/// The role matrix as the README and `schemas/openapi.yaml` state it, read from their text, so
/// tests can hold them to `Role` and to the permissions the routes declare (`RouteTable`).
enum RoleMatrixDocuments {
    /// A route as the documents name it: OpenAPI's path template, so a Hummingbird wildcard
    /// `/tile/entries/**` is `/tile/entries/{index}`.
    static func documented(_ route: RouteTable.Route) -> String {
        let path = route.path.hasSuffix("/**") ? String(route.path.dropLast(2)) + "{index}" : route.path
        return "\(route.method) \(path)"
    }

    /// The rows of the first Markdown table in `text` whose header row is exactly `header`
    /// (cells trimmed), each as its cells; nil if there is no such table. `indent` is removed
    /// from each line first (the OpenAPI description is indented YAML).
    static func table(in text: String, header: [String], indent: String = "") -> [[String]]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(indent) ? String(line.dropFirst(indent.count)) : String(line)
        }
        guard let start = lines.firstIndex(where: { cells($0) == header }) else { return nil }
        var rows: [[String]] = []
        for line in lines[(start + 2)...] {
            guard line.hasPrefix("|") else { break }
            rows.append(cells(line))
        }
        return rows
    }

    /// A Markdown table row's cells, trimmed.
    static func cells(_ line: String) -> [String] {
        guard line.hasPrefix("|"), line.hasSuffix("|") else { return [] }
        return line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    /// The `code spans` in a cell.
    static func codeSpans(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Each operation of an OpenAPI document (`GET /cases/{caseId}`) with who may call it:
    /// `security: []` is anyone, `x-ledgerd-permission: P` needs P; nil when it says neither.
    /// Read line by line: the document's layout is fixed (paths at two spaces, methods at four,
    /// an operation's members at six).
    static func operations(inOpenAPI text: String) -> [String: RouteTable.Access?] {
        var operations: [String: RouteTable.Access?] = [:]
        var inPaths = false
        var path: String?
        var operation: String?
        for line in text.split(separator: "\n").map(String.init) {
            if !line.hasPrefix(" ") {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
                operation = nil
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"), let path {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                guard ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"].contains(method) else { continue }
                operation = "\(method) \(path)"
                operations[operation ?? ""] = .some(nil)
            } else if let operation, line.hasPrefix("      "), !line.hasPrefix("       ") {
                let member = line.trimmingCharacters(in: .whitespaces)
                if member == "security: []" {
                    operations[operation] = .some(.anyone)
                } else if member.hasPrefix("x-ledgerd-permission: ") {
                    let name = String(member.dropFirst("x-ledgerd-permission: ".count))
                    let access: RouteTable.Access? = Permission(rawValue: name).map { .requires($0) }
                    operations[operation] = .some(access)
                }
            }
        }
        return operations
    }
}

extension RouteTable.Access {
    /// The permission a route needs; nil for the probes.
    var permission: Permission? {
        switch self {
        case .anyone: nil
        case .requires(let permission): permission
        }
    }
}
