/// Learns an event type's fields from its decoder: it answers every question of
/// `DomainEvent(type:reading:)` with a placeholder and writes down the name and the kind
/// asked for, which is the type's entry in `EventCatalogue`.
///
/// A class because a nested object's reader (`objects`) is read after it is handed out.
final class FieldRecorder: EventDataReader {
    private var recorded: [(name: String, kind: FieldKind?, nested: FieldRecorder?)] = []

    /// `type`'s fields as its decoder reads them.
    static func fields(of type: EventType) -> [Field] {
        let recorder = FieldRecorder()
        // The recorder never throws, and the decoder throws only for what a reader reports.
        _ = try? DomainEvent(type: type, reading: recorder)
        return recorder.fields
    }

    private var fields: [Field] {
        recorded.map { entry in
            Field(entry.name, entry.nested.map { .array(.object($0.fields)) } ?? entry.kind ?? .text)
        }
    }

    private func record(_ key: StaticString, _ kind: FieldKind) {
        recorded.append(("\(key)", kind, nil))
    }

    private static let placeholderDate = CalendarDate(dayNumber: 0)

    func string(_ key: StaticString) throws(EventDataError) -> String {
        record(key, .text)
        return ""
    }

    func optionalString(_ key: StaticString) throws(EventDataError) -> String? {
        record(key, .nullable(.text))
        return nil
    }

    func bool(_ key: StaticString) throws(EventDataError) -> Bool {
        record(key, .boolean)
        return false
    }

    func strings<Element>(_ key: StaticString, as element: (String) -> Element) throws(EventDataError) -> [Element] {
        record(key, .array(.text))
        return []
    }

    func objects(_ key: StaticString) throws(EventDataError) -> [FieldRecorder] {
        let nested = FieldRecorder()
        recorded.append(("\(key)", nil, nested))
        return [nested]
    }

    func owner(_ key: StaticString) throws(EventDataError) -> ActionOwner {
        record(key, .owner)
        return .practitioner(PractitionerID(rawValue: ""))
    }

    func identifier<Kind>(_ key: StaticString) throws(EventDataError) -> Identifier<Kind> {
        record(key, .identifier)
        return Identifier(rawValue: "")
    }

    func optionalIdentifier<Kind>(_ key: StaticString) throws(EventDataError) -> Identifier<Kind>? {
        record(key, .nullable(.identifier))
        return nil
    }

    func name(_ key: StaticString) throws(EventDataError) -> String {
        record(key, .name)
        return ""
    }

    func text(_ key: StaticString) throws(EventDataError) -> String {
        record(key, .text)
        return ""
    }

    func optionalText(_ key: StaticString) throws(EventDataError) -> String? {
        record(key, .nullable(.text))
        return nil
    }

    func unkeptText(_ key: StaticString) throws(EventDataError) -> String {
        try text(key)
    }

    func date(_ key: StaticString) throws(EventDataError) -> CalendarDate {
        record(key, .date)
        return Self.placeholderDate
    }

    func optionalDate(_ key: StaticString) throws(EventDataError) -> CalendarDate? {
        record(key, .nullable(.date))
        return nil
    }

    func enumeration<E: ContractEnumeration>(_ key: StaticString, as type: E.Type) throws(EventDataError) -> E {
        record(key, .enumeration(E.allowed))
        return E(rawValue: "")
    }

    func identifiers<Kind>(_ key: StaticString) throws(EventDataError) -> [Identifier<Kind>] {
        record(key, .array(.identifier))
        return []
    }

    func texts(_ key: StaticString) throws(EventDataError) -> [String] {
        record(key, .array(.text))
        return []
    }

    func enumerations<E: ContractEnumeration>(_ key: StaticString, as type: E.Type) throws(EventDataError) -> [E] {
        record(key, .array(.enumeration(E.allowed)))
        return []
    }
}
