/// Writes an event's `data` as one line of JSON straight into bytes, members in the
/// catalogue's order: `DomainEvent.writeData(into:)`, what the request writer
/// (`AppendRequestDraft`) sends. The same bytes as `CompactJSON` of `DomainEvent.data`,
/// without building the object first (the demo writes a million of them).
struct CompactDataWriter: EventDataWriter {
    private var cursor: FieldCursor
    /// The output, taken from the caller for the write and handed back (no copy).
    var bytes: [UInt8] = []

    init(_ fields: [Field]) {
        cursor = FieldCursor(fields)
    }

    /// Writes `{`, what `body` writes, and `}` into `out`.
    static func write(_ fields: [Field], into out: inout [UInt8], _ body: (inout CompactDataWriter) -> Void) {
        var writer = CompactDataWriter(fields)
        swap(&writer.bytes, &out)
        writer.bytes.append(UInt8(ascii: "{"))
        body(&writer)
        writer.bytes.append(UInt8(ascii: "}"))
        assert(writer.cursor.isComplete, "every field of the catalogue written")
        swap(&writer.bytes, &out)
    }

    /// `"name":` for the next field, after a comma unless it is the first.
    @discardableResult
    private mutating func key(_ fits: (FieldKind) -> Bool) -> Field {
        let field = cursor.take(fits)
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        CanonicalJSON.writeString(field.name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        return field
    }

    mutating func string(_ value: String?, _ kind: FieldShape) {
        key { kind.fits($0, isNull: value == nil) }
        if let value {
            CanonicalJSON.writeString(value, into: &bytes)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
    }

    mutating func bool(_ value: Bool) {
        key { if case .boolean = $0 { true } else { false } }
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func strings(_ values: [String], _ kind: FieldShape) {
        key { if case .array(let element) = $0 { kind.fits(element, isNull: false) } else { false } }
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeString(value, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func objects<Element>(_ values: [Element], _ write: (inout CompactDataWriter, Element) -> Void) {
        let field = key { if case .array(.object) = $0 { true } else { false } }
        guard case .array(.object(let elementFields)) = field.kind else {
            // An encoder bug (the catalogue's tests catch it); the line stays JSON.
            bytes.append(contentsOf: "[]".utf8)
            return
        }
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.write(elementFields, into: &bytes) { write(&$0, value) }
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func owner(_ owner: ActionOwner) {
        key { if case .owner = $0 { true } else { false } }
        let member = owner.member
        bytes.append(UInt8(ascii: "{"))
        CanonicalJSON.writeString(member.key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CanonicalJSON.writeString(member.value, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }
}
