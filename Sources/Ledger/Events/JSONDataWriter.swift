/// Writes an event's `data` as a `JSONObject`: `DomainEvent.data`.
struct JSONDataWriter: EventDataWriter {
    private var cursor: FieldCursor
    private(set) var members: [(key: String, value: JSONValue)] = []

    init(_ fields: [Field]) {
        cursor = FieldCursor(fields)
        members.reserveCapacity(fields.count)
    }

    /// The object written, once every field has been.
    var object: JSONObject {
        assert(cursor.isComplete, "every field of the catalogue written")
        return JSONObject(members)
    }

    mutating func string(_ value: String?, _ kind: FieldShape) {
        let field = cursor.take { kind.fits($0, isNull: value == nil) }
        members.append((field.name, value.map(JSONValue.string) ?? .null))
    }

    mutating func bool(_ value: Bool) {
        let field = cursor.take { if case .boolean = $0 { true } else { false } }
        members.append((field.name, .bool(value)))
    }

    mutating func strings(_ values: [String], _ kind: FieldShape) {
        let field = cursor.take { if case .array(let element) = $0 { kind.fits(element, isNull: false) } else { false } }
        members.append((field.name, .array(values.map(JSONValue.string))))
    }

    mutating func objects<Element>(_ values: [Element], _ write: (inout JSONDataWriter, Element) -> Void) {
        let field = cursor.take { if case .array(.object) = $0 { true } else { false } }
        guard case .array(.object(let elementFields)) = field.kind else { return }
        members.append(
            (field.name, .array(values.map { value in
                var element = JSONDataWriter(elementFields)
                write(&element, value)
                return .object(element.object)
            })))
    }

    mutating func owner(_ owner: ActionOwner) {
        let field = cursor.take { if case .owner = $0 { true } else { false } }
        let member = owner.member
        members.append((field.name, .object(JSONObject([(member.key, .string(member.value))]))))
    }
}
