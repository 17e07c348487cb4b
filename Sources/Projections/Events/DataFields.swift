import Ledger

/// Typed access to a recorded event's `data`, for decoding into `DomainEvent`.
///
/// Failures name the field: the ledger validated every stored event, so one is corruption
/// (or a contract change that forgot old events) and must say exactly where.
struct DataFields {
    let object: JSONObject

    struct Failure: Error {
        var message: String
    }

    func value(_ key: String) throws(Failure) -> JSONValue {
        guard let value = object[key] else { throw Failure(message: "data.\(key) is missing") }
        return value
    }

    func string(_ key: String) throws(Failure) -> String {
        guard let s = try value(key).stringValue else { throw Failure(message: "data.\(key) is not a string") }
        return s
    }

    func optionalString(_ key: String) throws(Failure) -> String? {
        let v = try value(key)
        if v.isNull { return nil }
        guard let s = v.stringValue else { throw Failure(message: "data.\(key) is not a string or null") }
        return s
    }

    func date(_ key: String) throws(Failure) -> CalendarDate {
        guard let date = CalendarDate(parsing: try string(key)) else { throw Failure(message: "data.\(key) is not a date") }
        return date
    }

    func optionalDate(_ key: String) throws(Failure) -> CalendarDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = CalendarDate(parsing: text) else { throw Failure(message: "data.\(key) is not a date") }
        return date
    }

    func bool(_ key: String) throws(Failure) -> Bool {
        guard let b = try value(key).boolValue else { throw Failure(message: "data.\(key) is not a boolean") }
        return b
    }

    func strings(_ key: String) throws(Failure) -> [String] {
        guard let array = try value(key).arrayValue else { throw Failure(message: "data.\(key) is not an array") }
        var result: [String] = []
        result.reserveCapacity(array.count)
        for element in array {
            guard let s = element.stringValue else { throw Failure(message: "data.\(key) holds a non-string") }
            result.append(s)
        }
        return result
    }

    func owner(_ key: String) throws(Failure) -> ActionOwner {
        guard let owner = try value(key).objectValue else { throw Failure(message: "data.\(key) is not an object") }
        if let id = owner["practitionerId"]?.stringValue { return .practitioner(id) }
        if let member = owner["familyMember"]?.stringValue { return .family(member) }
        throw Failure(message: "data.\(key) names neither a practitioner nor a family member")
    }

    func needs(_ key: String) throws(Failure) -> [DomainEvent.Need] {
        guard let array = try value(key).arrayValue else { throw Failure(message: "data.\(key) is not an array") }
        var result: [DomainEvent.Need] = []
        for element in array {
            guard let need = element.objectValue else { throw Failure(message: "data.\(key) holds a non-object") }
            let fields = DataFields(object: need)
            result.append(
                DomainEvent.Need(
                    needId: try fields.string("needId"), domain: try fields.string("domain"),
                    outcome: try fields.string("outcome"), summary: try fields.string("summary")))
        }
        return result
    }
}
