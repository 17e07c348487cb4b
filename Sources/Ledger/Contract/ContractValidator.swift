/// Interprets the catalogue against a JSON document: the rules a JSON Schema can express,
/// and exactly those (the generated schemas in `schemas/` say the same thing).
enum ContractValidator {
    /// The envelope's members: their names are `AppendRequest.Member`'s.
    private typealias Member = AppendRequest.Member

    static func validateShape(_ json: JSONValue) throws(ContractViolation) -> AppendRequest {
        guard case .object(let envelope) = json else {
            throw ContractViolation(field: "", problem: "expected a JSON object, got \(json.typeName)")
        }
        for member in envelope.members
        where !AppendRequest.requiredFields.contains(member.key) && !AppendRequest.optionalFields.contains(member.key) {
            throw ContractViolation(field: member.key, problem: "unknown field; an append request has only \(fieldList)")
        }
        for field in AppendRequest.requiredFields where envelope[field] == nil {
            throw ContractViolation(field: field, problem: "required field is missing")
        }

        let eventIdText = try string(envelope, Member.eventId.rawValue)
        guard let eventId = EventID(parsing: eventIdText) else {
            throw ContractViolation(field: Member.eventId.rawValue, problem: "expected a UUID (8-4-4-4-12 hex digits), got \(quoted(eventIdText))")
        }
        let typeName = try string(envelope, Member.type.rawValue)
        guard let type = EventType(name: typeName) else {
            throw ContractViolation(field: Member.type.rawValue, problem: "unknown event type \(quoted(typeName))")
        }
        let streamText = try string(envelope, Member.stream.rawValue)
        guard let stream = StreamName(parsing: streamText) else {
            throw ContractViolation(
                field: Member.stream.rawValue,
                problem: "expected case-ID, practitioner-ID, agency-ID or authority-ID with ID matching \(IdentifierRule.pattern), got \(quoted(streamText))")
        }
        guard stream.kind == type.streamKind else {
            throw ContractViolation(
                field: Member.stream.rawValue, problem: "\(type.rawValue) belongs on a \(type.streamKind.prefix)ID stream, not \(quoted(streamText))")
        }
        let occurredAtSent = try string(envelope, Member.occurredAt.rawValue)
        // Any RFC 3339 offset is accepted and recorded as UTC (`occurredAtText` is the UTC form).
        guard case let (occurredAt, occurredAtText)? = Timestamp.normalising(occurredAtSent) else {
            throw ContractViolation(
                field: Member.occurredAt.rawValue,
                problem: "expected an RFC 3339 timestamp like 2025-03-04T10:15:00Z or 2025-03-04T11:15:00+01:00, got \(quoted(occurredAtSent))")
        }
        // The recorded (UTC) date is what must lie within the years.
        guard occurredAt.date.isWithinContractYears else {
            throw ContractViolation(
                field: Member.occurredAt.rawValue,
                problem: "expected a timestamp on \(CalendarDate.contractYearsText) in UTC, got \(quoted(occurredAtSent)) (\(occurredAtText))")
        }
        let actor = try string(envelope, Member.actor.rawValue)
        guard isActor(actor) else {
            throw ContractViolation(
                field: Member.actor.rawValue, problem: "expected a practitioner ID or system:NAME (NAME matching \(IdentifierRule.pattern)), got \(quoted(actor))")
        }
        var expectedVersion: Int64?
        if let value = envelope[Member.expectedVersion.rawValue] {
            guard let n = value.integerValue else {
                throw ContractViolation(field: Member.expectedVersion.rawValue, problem: "expected an integer ≥ -1, got \(value.typeName)")
            }
            guard n >= -1 else {
                throw ContractViolation(field: Member.expectedVersion.rawValue, problem: "expected an integer ≥ -1, got \(n)")
            }
            expectedVersion = n
        }
        let dataValue = envelope[Member.data.rawValue] ?? .null
        guard case .object(let data) = dataValue else {
            throw ContractViolation(field: Member.data.rawValue, problem: "expected an object, got \(dataValue.typeName)")
        }
        try validateObject(data, fields: EventCatalogue.dataFields(of: type), path: Member.data.rawValue)
        var metadata: JSONObject?
        if let value = envelope[Member.metadata.rawValue] {
            guard case .object(let object) = value else {
                throw ContractViolation(field: Member.metadata.rawValue, problem: "expected an object of strings, got \(value.typeName)")
            }
            try validateMetadata(object)
            metadata = object
        }
        return try AppendRequest(
            eventId: eventId, eventIdText: eventIdText, stream: stream, type: type, occurredAt: occurredAt,
            occurredAtText: occurredAtText, actor: actor, expectedVersion: expectedVersion, data: data,
            metadata: metadata)
    }

    private static let fieldList = (AppendRequest.requiredFields + AppendRequest.optionalFields).joined(separator: ", ")

    static func isActor(_ text: String) -> Bool {
        if text.hasPrefix("system:") { return IdentifierRule.isValid(String(text.dropFirst(7))) }
        return IdentifierRule.isValid(text)
    }

    private static func string(_ object: JSONObject, _ field: String) throws(ContractViolation) -> String {
        guard let value = object[field] else { throw ContractViolation(field: field, problem: "required field is missing") }
        guard case .string(let s) = value else {
            throw ContractViolation(field: field, problem: "expected a string, got \(value.typeName)")
        }
        return s
    }

    static func quoted(_ text: String) -> String {
        let shown = text.unicodeScalars.count > 80 ? String(text.unicodeScalars.prefix(80)) + "…" : text
        return "\"" + shown + "\""
    }

    private static func validateMetadata(_ object: JSONObject) throws(ContractViolation) {
        guard object.count <= AppendRequest.maximumMetadataProperties else {
            throw ContractViolation(
                field: Member.metadata.rawValue, problem: "at most \(AppendRequest.maximumMetadataProperties) entries, got \(object.count)")
        }
        for member in object.members {
            let length = member.key.unicodeScalars.count
            guard length >= 1, length <= AppendRequest.maximumMetadataKeyLength else {
                throw ContractViolation(
                    field: Member.metadata.rawValue, problem: "keys must be 1–\(AppendRequest.maximumMetadataKeyLength) characters, got \(quoted(member.key))")
            }
            guard case .string(let value) = member.value else {
                throw ContractViolation(field: "metadata.\(member.key)", problem: "expected a string, got \(member.value.typeName)")
            }
            guard value.unicodeScalars.count <= AppendRequest.maximumMetadataValueLength else {
                throw ContractViolation(
                    field: "metadata.\(member.key)", problem: "at most \(AppendRequest.maximumMetadataValueLength) characters")
            }
        }
    }

    /// `path` is built only when there is something to report: validation is on the hot path
    /// of every append, and formatting a path per field would dominate it.
    static func validateObject(
        _ object: JSONObject, fields: [Field], path: @autoclosure () -> String
    ) throws(ContractViolation) {
        // One pass over the members, matching each to its field; then every field must be seen.
        precondition(fields.count <= 64, "closed objects have at most 64 fields")
        var seen: UInt64 = 0
        for member in object.members {
            guard let i = fields.firstIndex(where: { JSONObject.sameName($0.name, member.key) }) else {
                throw ContractViolation(
                    field: "\(path()).\(member.key)",
                    problem: "unknown field; expected only \(fields.map(\.name).joined(separator: ", "))")
            }
            seen |= 1 << UInt64(i)
            try validate(member.value, as: fields[i].kind, path: "\(path()).\(member.key)")
        }
        if let missing = fields.indices.first(where: { seen & (1 << UInt64($0)) == 0 }) {
            throw ContractViolation(field: "\(path()).\(fields[missing].name)", problem: "required field is missing")
        }
    }

    static func validate(_ value: JSONValue, as kind: FieldKind, path: @autoclosure () -> String) throws(ContractViolation) {
        switch kind {
        case .nullable(let inner):
            if value.isNull { return }
            try validate(value, as: inner, path: path())
        case .identifier:
            let s = try expectString(value, path: path(), what: "an identifier")
            guard IdentifierRule.isValid(s) else {
                throw ContractViolation(field: path(), problem: "expected an identifier matching \(IdentifierRule.pattern), got \(quoted(s))")
            }
        case .date:
            let s = try expectString(value, path: path(), what: "a date")
            guard let date = CalendarDate(parsing: s) else {
                throw ContractViolation(field: path(), problem: "expected a calendar date YYYY-MM-DD, got \(quoted(s))")
            }
            guard date.isWithinContractYears else {
                throw ContractViolation(field: path(), problem: "expected \(CalendarDate.contractYearsText), got \(quoted(s))")
            }
        case .name:
            try expectLength(value, path: path(), maximum: FieldKind.maximumNameLength)
        case .text:
            try expectLength(value, path: path(), maximum: FieldKind.maximumTextLength)
        case .boolean:
            guard case .bool = value else {
                throw ContractViolation(field: path(), problem: "expected true or false, got \(value.typeName)")
            }
        case .enumeration(let allowed):
            let s = try expectString(value, path: path(), what: "one of \(allowed.joined(separator: ", "))")
            guard allowed.contains(s) else {
                throw ContractViolation(field: path(), problem: "expected one of \(allowed.joined(separator: ", ")), got \(quoted(s))")
            }
        case .array(let element):
            guard case .array(let elements) = value else {
                throw ContractViolation(field: path(), problem: "expected an array, got \(value.typeName)")
            }
            guard elements.count <= FieldKind.maximumArrayCount else {
                throw ContractViolation(
                    field: path(), problem: "at most \(FieldKind.maximumArrayCount) items, got \(elements.count)")
            }
            for (i, item) in elements.enumerated() {
                try validate(item, as: element, path: "\(path()).\(i)")
            }
        case .object(let fields):
            guard case .object(let object) = value else {
                throw ContractViolation(field: path(), problem: "expected an object, got \(value.typeName)")
            }
            try validateObject(object, fields: fields, path: path())
        case .owner:
            let (practitioner, family) = (ActionOwner.practitionerField, ActionOwner.familyField)
            guard case .object(let object) = value else {
                throw ContractViolation(
                    field: path(), problem: "expected {\"\(practitioner.name)\": ID} or {\"\(family.name)\": …}, got \(value.typeName)")
            }
            if object[practitioner.name] != nil, object[family.name] == nil {
                try validateObject(object, fields: [practitioner], path: path())
            } else if object[family.name] != nil, object[practitioner.name] == nil {
                try validateObject(object, fields: [family], path: path())
            } else {
                throw ContractViolation(
                    field: path(), problem: "expected exactly one of \(practitioner.name) or \(family.name)")
            }
        }
    }

    private static func expectString(
        _ value: JSONValue, path: @autoclosure () -> String, what: @autoclosure () -> String
    ) throws(ContractViolation) -> String {
        guard case .string(let s) = value else {
            throw ContractViolation(field: path(), problem: "expected \(what()), got \(value.typeName)")
        }
        return s
    }

    private static func expectLength(
        _ value: JSONValue, path: @autoclosure () -> String, maximum: Int
    ) throws(ContractViolation) {
        let s = try expectString(value, path: path(), what: "a string")
        // Code points never outnumber UTF-8 bytes: count them only when the bytes might exceed.
        let bytes = s.utf8.count
        let length = bytes <= maximum ? bytes : s.unicodeScalars.count
        guard length >= 1, length <= maximum else {
            throw ContractViolation(field: path(), problem: "expected 1–\(maximum) characters, got \(s.unicodeScalars.count)")
        }
    }
}
