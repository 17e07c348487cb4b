/// Writes a JSON value as block-style YAML, for the generated part of `schemas/openapi.yaml`.
///
/// Every string is double-quoted with JSON's escapes (valid YAML 1.1 and 1.2 alike), plus
/// escapes for the characters YAML treats as line breaks or will not read raw (DEL, C1
/// controls, U+2028/U+2029, U+FEFF); keys are quoted unless plainly safe, so `on`, `no` or
/// `201` stay strings for YAML 1.1 readers such as PyYAML. Arrays of scalars and empty
/// containers are written in flow style on one line.
public enum YAMLWriter {
    /// `value`'s members as a block mapping, every line indented by `indent` spaces.
    public static func mapping(_ object: JSONObject, indent: Int) -> String {
        var out = ""
        writeMapping(object, indent: indent, firstLineIndented: true, into: &out)
        return out
    }

    private static func writeMapping(_ object: JSONObject, indent: Int, firstLineIndented: Bool, into out: inout String) {
        for (i, member) in object.members.enumerated() {
            if i > 0 || firstLineIndented { out += String(repeating: " ", count: indent) }
            out += key(member.key) + ":"
            writeValue(member.value, indent: indent, into: &out)
        }
    }

    /// The value after `key:` (or `-`): inline if it is flow-sized, else on the lines below.
    private static func writeValue(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .object(let object) where object.count > 0:
            out += "\n"
            writeMapping(object, indent: indent + 2, firstLineIndented: true, into: &out)
        case .array(let elements) where !elements.isEmpty && !elements.allSatisfy(isScalar):
            out += "\n"
            for element in elements {
                out += String(repeating: " ", count: indent + 2) + "-"
                if case .object(let object) = element, object.count > 0 {
                    out += " "
                    writeMapping(object, indent: indent + 4, firstLineIndented: false, into: &out)
                } else {
                    out += " " + flow(element) + "\n"
                }
            }
        default:
            out += " " + flow(value) + "\n"
        }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    /// Flow style: JSON's syntax, which YAML reads as the same value.
    private static func flow(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n):
            // Integral values print as integers (`maxLength: 200`, not `200.0`).
            if n == n.rounded(.towardZero), abs(n) < 9.007_199_254_740_992e15 { String(Int64(n)) } else { "\(n)" }
        case .string(let s): quoted(s)
        case .array(let elements): "[" + elements.map(flow).joined(separator: ", ") + "]"
        case .object(let object): "{" + object.members.map { quoted($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }

    private static let reservedWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]

    private static func key(_ name: String) -> String {
        let plain = name.unicodeScalars.enumerated().allSatisfy { index, scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "_", "$": true
            case "0"..."9", "-", ".": index > 0
            default: false
            }
        }
        return plain && !name.isEmpty && !reservedWords.contains(name.lowercased()) ? name : quoted(name)
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
