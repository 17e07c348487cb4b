/// Writes the fields of one JSON object of an event's `data`, for `DomainEvent.write(to:)`:
/// the mirror of `EventDataReader`.
///
/// The encoder hands over values only, field after field in the catalogue's order; the
/// writer takes each field's name from the catalogue (`EventCatalogue`, learnt from the
/// decoder's reads) and, in debug builds, checks the value's kind against it. So a field's
/// name is spelt once, where the decoder reads it. A field written where one of another kind
/// belongs, or one too many, fails an assertion; two fields of the same kind swapped are
/// caught by `EventCatalogueTests`, which writes every contract example and reads it back.
public protocol EventDataWriter {
    /// The next field: a string of `kind` (an identifier, name, text, date or enumeration
    /// value), or null for a nullable field without one.
    mutating func string(_ value: String?, _ kind: FieldShape)
    /// The next field: a boolean.
    mutating func bool(_ value: Bool)
    /// The next field: an array of strings, each of `kind`.
    mutating func strings(_ values: [String], _ kind: FieldShape)
    /// The next field: an array of objects, each written by `write` with a writer for the
    /// array's element fields.
    mutating func objects<Element>(_ values: [Element], _ write: (inout Self, Element) -> Void)
    /// The next field: an action's owner (`{"practitionerId":…}` or `{"familyMember":…}`).
    mutating func owner(_ owner: ActionOwner)
}

/// The kind of a string value, as the catalogue names it, for a writer's check.
public enum FieldShape: Sendable {
    /// `FieldKind.identifier`.
    case identifier
    /// `FieldKind.date`, written `YYYY-MM-DD`.
    case date
    /// `FieldKind.name`.
    case name
    /// `FieldKind.text`.
    case text
    /// `FieldKind.enumeration`: one of the vocabulary's values (or one it does not list yet).
    case enumeration

    /// Whether a field of `kind` holds this value: a string of this shape, or null (`isNull`),
    /// which only a nullable field holds.
    func fits(_ kind: FieldKind, isNull: Bool) -> Bool {
        if case .nullable(let inner) = kind { return isNull || fits(inner, isNull: false) }
        guard !isNull else { return false }
        switch (self, kind) {
        case (.identifier, .identifier), (.date, .date), (.name, .name), (.text, .text), (.enumeration, .enumeration): return true
        default: return false
        }
    }
}

extension EventDataWriter {
    /// An identifier.
    @inlinable
    public mutating func identifier<Kind>(_ id: Identifier<Kind>) { string(id.rawValue, .identifier) }
    /// An identifier or null.
    @inlinable
    public mutating func optionalIdentifier<Kind>(_ id: Identifier<Kind>?) { string(id?.rawValue, .identifier) }
    /// A name.
    @inlinable
    public mutating func name(_ text: String) { string(text, .name) }
    /// Free text.
    @inlinable
    public mutating func text(_ text: String) { string(text, .text) }
    /// Free text or null.
    @inlinable
    public mutating func optionalText(_ text: String?) { string(text, .text) }
    /// A date.
    @inlinable
    public mutating func date(_ date: CalendarDate) { string(date.description, .date) }
    /// A date or null.
    @inlinable
    public mutating func optionalDate(_ date: CalendarDate?) { string(date?.description, .date) }
    /// A value of a contract enumeration.
    @inlinable
    public mutating func enumeration(_ value: some ContractEnumeration) { string(value.rawValue, .enumeration) }
    /// An array of identifiers.
    @inlinable
    public mutating func identifiers<Kind>(_ ids: [Identifier<Kind>]) { strings(ids.map(\.rawValue), .identifier) }
    /// An array of free texts.
    @inlinable
    public mutating func texts(_ texts: [String]) { strings(texts, .text) }
    /// An array of enumeration values.
    @inlinable
    public mutating func enumerations<E: ContractEnumeration>(_ values: [E]) { strings(values.map(\.rawValue), .enumeration) }
}

/// The catalogue's fields of one object, handed to a writer one at a time.
struct FieldCursor {
    private let fields: [Field]
    private var next = 0

    init(_ fields: [Field]) {
        self.fields = fields
    }

    /// The next field, which must be of a kind `fits` accepts; its name.
    mutating func take(_ fits: (FieldKind) -> Bool) -> Field {
        guard next < fields.count else {
            // An encoder that writes more fields than its type has: a bug that the catalogue's
            // tests catch. Named so that it shows, rather than trapping on data.
            assertionFailure("more fields written than the catalogue lists (\(fields.map(\.name)))")
            next += 1
            return Field("field\(next)", .text)
        }
        let field = fields[next]
        assert(fits(field.kind), "field \(field.name) written with the wrong kind")
        next += 1
        return field
    }

    /// Every field was written.
    var isComplete: Bool { next == fields.count }
}
