/// Generates the contract's JSON Schemas (draft 2020-12) from the catalogue.
///
/// The validator interprets the same catalogue, so schema and ledger agree by construction;
/// a test still runs every example through both (Python's `jsonschema` with format
/// assertion on) to prove it.
///
/// Patterns end in `(?![\s\S])` rather than `$`: in Python's `re`, which most validators of
/// these schemas use, `$` also matches before a final newline, so `"abc\n"` would pass an
/// ID pattern. `(?![\s\S])` means "end of input" in ECMA-262 and Python alike.
public enum JSONSchemaGenerator {
    /// The JSON Schema dialect every generated schema declares (`$schema`).
    public static let draft = "https://json-schema.org/draft/2020-12/schema"
    static let end = "(?![\\s\\S])"

    /// The contract's years (`CalendarDate.contractYears`, whole centuries) as a pattern.
    static let yearPattern: String = {
        let years = CalendarDate.contractYears
        assert(years.lowerBound % 100 == 0 && (years.upperBound + 1) % 100 == 0, "the contract's years are whole centuries")
        let centuries = (years.lowerBound / 100)...((years.upperBound + 1) / 100 - 1)
        return "(" + centuries.map(String.init).joined(separator: "|") + ")[0-9]{2}"
    }()

    /// File name → schema document.
    public static func documents() -> [(name: String, schema: JSONValue)] {
        [("append-request.schema.json", appendRequest()), ("recorded-event.schema.json", recordedEvent())]
    }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { (key: $0.0, value: $0.1) }))
    }

    static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { .string($0) })
    }

    static func ref(_ name: String) -> JSONValue {
        object([("$ref", .string("#/$defs/\(name)"))])
    }

    static func stringSchema(pattern: String) -> JSONValue {
        object([("type", .string("string")), ("pattern", .string(pattern))])
    }

    /// The schema of an append request, generated from the catalogue: one branch per event type.
    public static func appendRequest() -> JSONValue {
        document(
            title: "Append request (contract v1)",
            description: "One event to append. NDJSON files hold one per line.",
            required: AppendRequest.requiredFields, properties: requestProperties(), timestamps: ["timestamp"])
    }

    /// The append request's top-level members, in the order clients usually write them.
    static func requestProperties() -> [(String, JSONValue)] {
        // `AppendRequest.Member` is the envelope's one list of names, in its order.
        AppendRequest.Member.allCases.map { ($0.rawValue, schema(of: $0, occurredAt: "timestamp")) }
    }

    /// The schema of a recorded event: an append request's fields plus the positions, chain
    /// and `recordedBy` the ledger adds.
    public static func recordedEvent() -> JSONValue {
        document(
            title: "Recorded event (contract v1)",
            description: "An appended event as reads, tails and exports return it; see schemas/README.md for the hash chain.",
            required: recordedRequiredFields, properties: recordedProperties(), timestamps: ["utcTimestamp"])
    }

    static let recordedRequiredFields = AppendRequest.requiredFields + ["seq", "version", "recordedAt", "prevHash", "hash"]

    /// The recorded event's members: the request's less `expectedVersion`, with the ledger's.
    static func recordedProperties() -> [(String, JSONValue)] {
        // What a request carries, less `expectedVersion`, which is not recorded.
        var properties = AppendRequest.Member.allCases.filter { $0 != .expectedVersion }
            .map { ($0.rawValue, schema(of: $0, occurredAt: "utcTimestamp")) }
        properties.append(("seq", object([("type", .string("integer")), ("minimum", .number(1))])))
        properties.append(("version", object([("type", .string("integer")), ("minimum", .number(0))])))
        properties.append(("recordedAt", ref("utcTimestamp")))
        properties.append((
            "recordedBy",
            object([
                ("type", .string("string")),
                ("pattern", .string(String(RecordedBy.pattern.dropLast()) + end)),
                ("description", .string(
                    "Who appended it, as the ledger authenticated them: practitioner:ID (their own token), system:NAME "
                        + "(a case system's token) or local:USER (the CLI on the data directory). Absent on events "
                        + "recorded before the ledger recorded it. Part of the hashed event.")),
            ])))
        properties.append(("prevHash", ref("hash")))
        properties.append(("hash", ref("hash")))
        return properties
    }

    /// The schema of one envelope member; `occurredAt` names the timestamp definition
    /// (any offset in a request, UTC in a recorded event).
    private static func schema(of member: AppendRequest.Member, occurredAt: String) -> JSONValue {
        switch member {
        case .eventId:
            return stringSchema(pattern: String(EventID.pattern.dropLast()) + end)
        case .stream:
            let kinds = StreamKind.allCases.map(\.rawValue).joined(separator: "|")
            return stringSchema(pattern: "^(\(kinds))-\(IdentifierRule.pattern)\(end)")
        case .type:
            return object([("enum", strings(EventType.allCases.map(\.rawValue)))])
        case .occurredAt:
            return ref(occurredAt)
        case .actor:
            return stringSchema(pattern: "^(system:)?\(IdentifierRule.pattern)\(end)")
        case .expectedVersion:
            return object([
                ("description", .string("absent: any; -1: the stream must not exist yet; n ≥ 0: its last version must be n")),
                ("type", .string("integer")), ("minimum", .number(-1)), ("maximum", .number(9_007_199_254_740_991)),
            ])
        case .data:
            return object([("type", .string("object"))])
        case .metadata:
            return ref("metadata")
        }
    }

    private static func document(
        title: String, description: String, required: [String], properties: [(String, JSONValue)], timestamps: Set<String>
    ) -> JSONValue {
        let perType: [JSONValue] = EventType.allCases.map { type in
            object([
                (
                    "if",
                    object([
                        ("properties", object([("type", object([("const", .string(type.rawValue))]))])),
                        ("required", strings(["type"])),
                    ])
                ),
                (
                    "then",
                    object([
                        (
                            "properties",
                            object([
                                ("stream", stringSchema(pattern: "^\(type.streamKind.prefix)")),
                                ("data", ref(type.rawValue)),
                            ])
                        )
                    ])
                ),
            ])
        }
        var defs = commonDefinitions(timestamps: timestamps)
        for type in EventType.allCases {
            defs.append((type.rawValue, dataSchema(of: type)))
        }
        return object([
            ("$schema", .string(draft)),
            ("title", .string(title)),
            ("description", .string(description)),
            ("type", .string("object")),
            ("required", strings(required)),
            ("additionalProperties", .bool(false)),
            ("properties", object(properties)),
            ("allOf", .array(perType)),
            ("$defs", object(defs)),
        ])
    }

    /// One type's `data`: a closed object of its catalogue fields.
    static func dataSchema(of type: EventType) -> JSONValue {
        closedObject(EventCatalogue.dataFields(of: type))
    }

    /// What RFC 3339 admits, within the contract's years: `Z` or a numeric offset, 1–9
    /// fractional digits (the ledger keeps them as sent), `T` and `Z` upper case. The years are
    /// checked on the instant in UTC, which a regular expression cannot compute: on the
    /// range's first and last day an offset that could carry it outside is refused here
    /// (the ledger refuses only the instants that do fall outside).
    static let timestampPattern =
        "^(?!\(CalendarDate.contractYears.upperBound)-12-31T[^+]*-(?!00:00)|\(CalendarDate.contractYears.lowerBound)-01-01T[^-]*\\+(?!00:00))"
        + "\(datePattern)T\(timePattern)(Z|[+-]\(hourMinutePattern))\(end)"

    /// The recorded form: UTC, upper-case `T` and `Z`.
    static let utcTimestampPattern = "^\(datePattern)T\(timePattern)Z\(end)"

    /// `YYYY-MM-DD` with the month and day as narrow as a pattern can say (the calendar's
    /// rest is `format: date`'s), so that generators drawing strings from the pattern
    /// (schemathesis, Hypothesis) rarely make one the format then discards.
    static let datePattern = "\(yearPattern)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    static let hourMinutePattern = "([01][0-9]|2[0-3]):[0-5][0-9]"
    /// `HH:MM:SS[.fraction]`: no leap second, as `Timestamp` reads it.
    static let timePattern = "\(hourMinutePattern):[0-5][0-9](\\.[0-9]{1,9})?"

    /// The shared definitions; of the two timestamps, those in `timestamps`.
    static func commonDefinitions(timestamps: Set<String>) -> [(String, JSONValue)] {
        let inputTimestamp: (String, JSONValue) = (
            "timestamp",
            object([
                ("description", .string("RFC 3339 with an offset (Z, +01:00, -05:00…), recorded normalised to UTC: YYYY-MM-DDTHH:MM:SS[.fraction]Z")),
                ("type", .string("string")), ("format", .string("date-time")), ("pattern", .string(timestampPattern)),
            ])
        )
        let utcTimestamp: (String, JSONValue) = (
            "utcTimestamp",
            object([
                ("description", .string("RFC 3339 in UTC: YYYY-MM-DDTHH:MM:SS[.fraction]Z")),
                ("type", .string("string")), ("format", .string("date-time")), ("pattern", .string(utcTimestampPattern)),
            ])
        )
        return [
            ("identifier", stringSchema(pattern: "^\(IdentifierRule.pattern)\(end)")),
            (
                "date",
                object([
                    ("type", .string("string")), ("format", .string("date")),
                    ("pattern", .string("^\(datePattern)\(end)")),
                ])
            ),
        ] + [inputTimestamp, utcTimestamp].filter { timestamps.contains($0.0) } + [
            ("hash", stringSchema(pattern: "^[0-9a-f]{64}\(end)")),
            (
                "name",
                object([
                    ("type", .string("string")), ("minLength", .number(1)),
                    ("maxLength", .number(Double(FieldKind.maximumNameLength))),
                ])
            ),
            (
                "text",
                object([
                    ("type", .string("string")), ("minLength", .number(1)),
                    ("maxLength", .number(Double(FieldKind.maximumTextLength))),
                ])
            ),
            (
                "owner",
                object([
                    (
                        "oneOf",
                        .array([
                            closedObject([ActionOwner.practitionerField]),
                            closedObject([ActionOwner.familyField]),
                        ])
                    )
                ])
            ),
            (
                "metadata",
                object([
                    ("description", .string("Free string values, e.g. correlationId, causationId, source.")),
                    ("type", .string("object")),
                    ("maxProperties", .number(Double(AppendRequest.maximumMetadataProperties))),
                    (
                        "propertyNames",
                        object([
                            ("minLength", .number(1)),
                            ("maxLength", .number(Double(AppendRequest.maximumMetadataKeyLength))),
                        ])
                    ),
                    (
                        "additionalProperties",
                        object([
                            ("type", .string("string")),
                            ("maxLength", .number(Double(AppendRequest.maximumMetadataValueLength))),
                        ])
                    ),
                ])
            ),
        ]
    }

    static func closedObject(_ fields: [Field]) -> JSONValue {
        object([
            ("type", .string("object")),
            ("required", strings(fields.map(\.name))),
            ("additionalProperties", .bool(false)),
            ("properties", object(fields.map { ($0.name, schema(for: $0.kind)) })),
        ])
    }

    private static func schema(for kind: FieldKind) -> JSONValue {
        switch kind {
        case .identifier: ref("identifier")
        case .date: ref("date")
        case .name: ref("name")
        case .text: ref("text")
        case .boolean: object([("type", .string("boolean"))])
        case .enumeration(let values): object([("enum", strings(values))])
        case .nullable(let inner): object([("anyOf", .array([object([("type", .string("null"))]), schema(for: inner)]))])
        case .array(let element):
            object([
                ("type", .string("array")), ("maxItems", .number(Double(FieldKind.maximumArrayCount))),
                ("items", schema(for: element)),
            ])
        case .object(let fields): closedObject(fields)
        case .owner: ref("owner")
        }
    }
}
