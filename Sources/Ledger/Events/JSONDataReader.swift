/// Reads an event's `data` from a parsed `JSONObject`: how an append request's typed event is
/// decoded, once, after its shape was validated.
///
/// Each field is found by `JSONObject.value(named:)`, a walk of the object's few members
/// comparing bytes against the name's static bytes, so asking builds no string and no dictionary.
struct JSONDataReader: EventDataReader {
    let object: JSONObject
    /// For a nested object, the array it is in and its position there (errors name it).
    private var container: (key: StaticString, index: Int)?

    init(_ object: JSONObject) {
        self.object = object
    }

    private init(_ object: JSONObject, in key: StaticString, at index: Int) {
        self.object = object
        self.container = (key, index)
    }

    func path(_ key: StaticString) -> String {
        guard let container else { return "data.\(key)" }
        return "data.\(container.key).\(container.index).\(key)"
    }

    private func value(_ key: StaticString) throws(EventDataError) -> JSONValue {
        guard let found = object.value(named: key) else { throw EventDataError(field: path(key), problem: "is missing") }
        return found
    }

    private func mistyped(_ key: StaticString, _ expected: String, _ value: JSONValue) -> EventDataError {
        EventDataError(field: path(key), problem: "is \(value.typeName), not \(expected)")
    }

    func string(_ key: StaticString) throws(EventDataError) -> String {
        let value = try value(key)
        guard case .string(let s) = value else { throw mistyped(key, "a string", value) }
        return s
    }

    func optionalString(_ key: StaticString) throws(EventDataError) -> String? {
        let value = try value(key)
        switch value {
        case .null: return nil
        case .string(let s): return s
        default: throw mistyped(key, "a string or null", value)
        }
    }

    func bool(_ key: StaticString) throws(EventDataError) -> Bool {
        let value = try value(key)
        guard case .bool(let b) = value else { throw mistyped(key, "true or false", value) }
        return b
    }

    func strings<Element>(_ key: StaticString, as element: (String) -> Element) throws(EventDataError) -> [Element] {
        let value = try value(key)
        guard case .array(let elements) = value else { throw mistyped(key, "an array", value) }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for member in elements {
            guard case .string(let s) = member else { throw mistyped(key, "an array of strings", value) }
            result.append(element(s))
        }
        return result
    }

    func objects(_ key: StaticString) throws(EventDataError) -> [JSONDataReader] {
        let value = try value(key)
        guard case .array(let elements) = value else { throw mistyped(key, "an array", value) }
        var result: [JSONDataReader] = []
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            guard case .object(let object) = element else { throw mistyped(key, "an array of objects", value) }
            result.append(JSONDataReader(object, in: key, at: i))
        }
        return result
    }

    func owner(_ key: StaticString) throws(EventDataError) -> ActionOwner {
        let value = try value(key)
        guard case .object(let owner) = value, owner.count == 1, let member = owner.members.first,
            case .string(let s) = member.value
        else { throw mistyped(key, "an owner", value) }
        guard let owner = ActionOwner(member: member.key, value: s) else {
            throw EventDataError(field: path(key), problem: "names neither a practitioner nor a family member")
        }
        return owner
    }
}
