/// The views' JSON Schemas (`schemas/views/*.schema.json`, written by hand) as OpenAPI
/// components, for `schemas/openapi.yaml`.
///
/// Each file becomes one component (`case.schema.json` → `CaseView`, `annex-a` →
/// `AnnexAView`) and its `$defs` are hoisted beside them (a `$defs` entry of one name is the
/// same in every file; that is checked here). The copy is made generator-safe without
/// changing what it accepts: `const: X` becomes `enum: [X]` with X's type (a boolean
/// `const` made openapi-python-client write a client that did not import), and the
/// `$schema`/`$id` of each file are dropped (the document's dialect is 2020-12 already).
public enum ViewSchemaBundle {
    /// A view schema that cannot be bundled; `description` says which and why.
    public struct Failure: Error, CustomStringConvertible {
        /// Which view schema, and what is wrong with it.
        public let description: String
    }

    /// `views` (file name → document, in order) as components; a hoisted definition whose
    /// name is in `taken` is prefixed `View`.
    public static func components(
        _ views: [(file: String, schema: JSONValue)], taken: Set<String>
    ) throws(Failure) -> [(name: String, schema: JSONValue)] {
        var viewNames: [String] = []
        var definitions: [(name: String, schema: JSONValue)] = []
        for view in views {
            guard view.file.hasSuffix(".schema.json"), let document = view.schema.objectValue else {
                throw Failure(description: "views/\(view.file): expected NAME.schema.json holding a JSON object")
            }
            viewNames.append(componentName(ofView: view.file))
            for member in document["$defs"]?.objectValue?.members ?? [] {
                if let known = definitions.first(where: { $0.name == member.key }) {
                    guard known.schema == member.value else {
                        throw Failure(description: "views/\(view.file): $defs/\(member.key) differs from the one of that name in another view")
                    }
                } else {
                    definitions.append((member.key, member.value))
                }
            }
        }
        var names: [String: String] = [:]
        for definition in definitions {
            let plain = definition.name.prefix(1).uppercased() + definition.name.dropFirst()
            names[definition.name] = taken.contains(plain) || viewNames.contains(plain) ? "View" + plain : plain
        }
        var components: [(name: String, schema: JSONValue)] = []
        for (view, name) in zip(views, viewNames) {
            let members = (view.schema.objectValue?.members ?? []).filter { !["$schema", "$id", "$defs"].contains($0.key) }
            components.append((name, try generatorSafe(.object(JSONObject(members)), names: names, file: view.file)))
        }
        for definition in definitions {
            let name = names[definition.name] ?? definition.name
            components.append((name, try generatorSafe(definition.schema, names: names, file: "$defs/\(definition.name)")))
        }
        let all = components.map(\.name)
        if let clash = all.first(where: { name in taken.contains(name) || all.filter { $0 == name }.count > 1 }) {
            throw Failure(description: "component \(clash) would be defined twice")
        }
        return components
    }

    /// `overdue.schema.json` → `OverdueView`, `annex-a.schema.json` → `AnnexAView`.
    static func componentName(ofView file: String) -> String {
        let stem = file.dropLast(".schema.json".count)
        return stem.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "View"
    }

    /// References rewritten to components, `const` spelt as a one-value `enum`.
    private static func generatorSafe(_ schema: JSONValue, names: [String: String], file: String) throws(Failure) -> JSONValue {
        switch schema {
        case .array(let elements):
            var out: [JSONValue] = []
            for element in elements { out.append(try generatorSafe(element, names: names, file: file)) }
            return .array(out)
        case .object(let object):
            var members: [(key: String, value: JSONValue)] = []
            for member in object.members {
                switch member.key {
                case "$ref":
                    guard let target = member.value.stringValue, target.hasPrefix("#/$defs/"),
                        let name = names[String(target.dropFirst("#/$defs/".count))]
                    else { throw Failure(description: "views/\(file): $ref \(member.value) is not one of the file's $defs") }
                    members.append((member.key, .string("#/components/schemas/\(name)")))
                case "const":
                    if object["type"] == nil, let type = typeName(of: member.value) { members.append(("type", .string(type))) }
                    members.append(("enum", .array([member.value])))
                default:
                    members.append((member.key, try generatorSafe(member.value, names: names, file: file)))
                }
            }
            return .object(JSONObject(members))
        default:
            return schema
        }
    }

    private static func typeName(of value: JSONValue) -> String? {
        switch value {
        case .string: "string"
        case .bool: "boolean"
        case .number: value.integerValue != nil ? "integer" : "number"
        case .null: "null"
        default: nil
        }
    }
}
