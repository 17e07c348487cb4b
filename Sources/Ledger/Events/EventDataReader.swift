/// Why an event's `data` does not decode: the field, and what was wrong with it.
public struct EventDataError: Error, Sendable {
    /// The field's path, such as `data.owner` or `data.needs.0.needId`.
    public var field: String
    /// What was wrong, such as `is missing`.
    public var problem: String

    /// The failure of `field`.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    /// `field` and `problem` in one phrase: `data.heldOn is not a date`.
    public var message: String { "\(field) \(problem)" }
}

/// Reads the fields of one JSON object of an event's `data`, for `DomainEvent(type:reading:)`.
///
/// The decoder asks for each field by its name and kind, in the catalogue's order; a reader
/// answers from wherever the object is (a parsed request's `JSONObject`, a stored event's
/// bytes). The requirements with default implementations below exist so that a reader may
/// answer more cheaply, or, for the catalogue's test, record what was asked.
public protocol EventDataReader {
    /// The string at `key`.
    func string(_ key: StaticString) throws(EventDataError) -> String
    /// The string at `key`, nil for JSON null.
    func optionalString(_ key: StaticString) throws(EventDataError) -> String?
    /// The boolean at `key`.
    func bool(_ key: StaticString) throws(EventDataError) -> Bool
    /// The strings of the array at `key`, each made an `Element` as it is read: an array of
    /// IDs or of enumeration values is then built once, not built of strings and copied.
    func strings<Element>(_ key: StaticString, as element: (String) -> Element) throws(EventDataError) -> [Element]
    /// A reader for each object of the array at `key`.
    func objects(_ key: StaticString) throws(EventDataError) -> [Self]
    /// An action's owner: the object at `key`, holding `practitionerId` or `familyMember`.
    func owner(_ key: StaticString) throws(EventDataError) -> ActionOwner

    /// An identifier at `key` (`FieldKind.identifier`), of the kind the field names.
    func identifier<Kind>(_ key: StaticString) throws(EventDataError) -> Identifier<Kind>
    /// An identifier or null at `key`.
    func optionalIdentifier<Kind>(_ key: StaticString) throws(EventDataError) -> Identifier<Kind>?
    /// A name at `key` (`FieldKind.name`).
    func name(_ key: StaticString) throws(EventDataError) -> String
    /// Free text at `key` (`FieldKind.text`).
    func text(_ key: StaticString) throws(EventDataError) -> String
    /// Free text or null at `key`.
    func optionalText(_ key: StaticString) throws(EventDataError) -> String?
    /// Free text at `key` that a reader may leave empty, having checked it is there: the text
    /// that no projection keeps (a progress note, the reason for a new due date or a new
    /// owner). Replay's reader does, rather than allocate every such note only to free it.
    func unkeptText(_ key: StaticString) throws(EventDataError) -> String
    /// A `YYYY-MM-DD` date at `key`.
    func date(_ key: StaticString) throws(EventDataError) -> CalendarDate
    /// A date or null at `key`.
    func optionalDate(_ key: StaticString) throws(EventDataError) -> CalendarDate?
    /// A value of `E` at `key`, listed or not.
    func enumeration<E: ContractEnumeration>(_ key: StaticString, as type: E.Type) throws(EventDataError) -> E
    /// An array of identifiers at `key`.
    func identifiers<Kind>(_ key: StaticString) throws(EventDataError) -> [Identifier<Kind>]
    /// An array of free texts at `key`.
    func texts(_ key: StaticString) throws(EventDataError) -> [String]
    /// An array of values of `E` at `key`.
    func enumerations<E: ContractEnumeration>(_ key: StaticString, as type: E.Type) throws(EventDataError) -> [E]
    /// Where a field at `key` is, for errors: `data.key`, or deeper in a nested object.
    func path(_ key: StaticString) -> String
}

extension EventDataReader {
    /// The strings of the array at `key`, as they are.
    @inlinable
    public func strings(_ key: StaticString) throws(EventDataError) -> [String] { try strings(key) { $0 } }
    /// An identifier is a string.
    @inlinable
    public func identifier<Kind>(_ key: StaticString) throws(EventDataError) -> Identifier<Kind> {
        Identifier(rawValue: try string(key))
    }
    /// An identifier or null is a string or null.
    @inlinable
    public func optionalIdentifier<Kind>(_ key: StaticString) throws(EventDataError) -> Identifier<Kind>? {
        try optionalString(key).map(Identifier.init(rawValue:))
    }
    /// A name is a string.
    @inlinable
    public func name(_ key: StaticString) throws(EventDataError) -> String { try string(key) }
    /// Free text is a string.
    @inlinable
    public func text(_ key: StaticString) throws(EventDataError) -> String { try string(key) }
    /// Free text or null is a string or null.
    @inlinable
    public func optionalText(_ key: StaticString) throws(EventDataError) -> String? { try optionalString(key) }
    /// Kept, unless the reader says otherwise.
    @inlinable
    public func unkeptText(_ key: StaticString) throws(EventDataError) -> String { try text(key) }
    /// A date is a string that parses as one.
    @inlinable
    public func date(_ key: StaticString) throws(EventDataError) -> CalendarDate {
        guard let date = CalendarDate(parsing: try string(key)) else {
            throw EventDataError(field: path(key), problem: "is not a date")
        }
        return date
    }
    /// Null, or a string that parses as a date.
    @inlinable
    public func optionalDate(_ key: StaticString) throws(EventDataError) -> CalendarDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            throw EventDataError(field: path(key), problem: "is not a date")
        }
        return date
    }
    /// Any string: an unlisted value is carried, not refused (the append path checked it).
    @inlinable
    public func enumeration<E: ContractEnumeration>(_ key: StaticString, as type: E.Type) throws(EventDataError) -> E {
        E(rawValue: try string(key))
    }
    /// An array of strings.
    @inlinable
    public func identifiers<Kind>(_ key: StaticString) throws(EventDataError) -> [Identifier<Kind>] {
        try strings(key, as: Identifier.init(rawValue:))
    }
    /// An array of strings.
    @inlinable
    public func texts(_ key: StaticString) throws(EventDataError) -> [String] { try strings(key) }
    /// An array of strings, each carried as a value of `E`.
    @inlinable
    public func enumerations<E: ContractEnumeration>(_ key: StaticString, as type: E.Type) throws(EventDataError) -> [E] {
        try strings(key, as: E.init(rawValue:))
    }
    /// `data.key`.
    @inlinable
    public func path(_ key: StaticString) -> String { "data.\(key)" }
}
