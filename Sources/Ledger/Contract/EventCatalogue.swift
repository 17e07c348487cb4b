/// The `data` of every event type, field by field (DOMAIN.md, "Event types (v1)").
///
/// Not a second statement of the fields: each type's list is what its decoder
/// (`DomainEvent(type:reading:)`) asks for, in that order and of those kinds, learnt once by
/// `FieldRecorder`. So the validator, the fast decoder, the JSON Schemas and the OpenAPI
/// components, all of which read this, describe exactly what the typed events hold.
public enum EventCatalogue {
    /// The fields of `type`'s `data`, in the contract's order: every one required, no others
    /// allowed.
    public static func dataFields(of type: EventType) -> [Field] {
        table[type] ?? []
    }

    private static let table: [EventType: [Field]] = Dictionary(
        uniqueKeysWithValues: EventType.allCases.map { ($0, FieldRecorder.fields(of: $0)) })
}
