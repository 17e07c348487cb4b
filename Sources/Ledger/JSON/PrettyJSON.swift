/// Human-readable JSON: two-space indentation, members in the order given.
///
/// For documents people read and diff (the generated schemas), where canonical form's
/// single line would hide the structure.
public enum PrettyJSON {
    /// `value` indented two spaces a level, members in their given order, with a final newline.
    public static func string(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let a): a.allSatisfy { if case .string = $0 { true } else { false } }
        case .object(let o): o.count == 0
        default: true
        }
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .array(let elements) where isScalar(value):
            // Short lists of strings (enumerations, required) stay on one line.
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                CanonicalJSON.write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                write(element, indent: indent + 1, into: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where object.count > 0:
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                CanonicalJSON.writeString(member.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                write(member.value, indent: indent + 1, into: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "}"))
        default:
            CanonicalJSON.write(value, into: &out)
        }
    }
}
