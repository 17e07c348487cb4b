import Ledger

/// Typed access to a stored event's `data` object, for decoding into `DomainEvent`.
///
/// Failures name the field: the ledger validated every stored event, so one is corruption
/// (or a contract change that forgot old events) and must say exactly where.
struct DataFields {
    let json: StoredJSON
    let object: StoredJSON.Object

    typealias Failure = StoredJSON.Failure

    func value(_ key: StaticString) throws(Failure) -> Range<Int> {
        guard let range = json.member(object, key) else { throw Failure(message: "data.\(key) is missing") }
        return range
    }

    func string(_ key: StaticString) throws(Failure) -> String {
        try json.string(try value(key))
    }

    func optionalString(_ key: StaticString) throws(Failure) -> String? {
        let range = try value(key)
        return json.isNull(range) ? nil : try json.string(range)
    }

    func date(_ key: StaticString) throws(Failure) -> CalendarDate {
        guard let date = CalendarDate(parsing: try string(key)) else { throw Failure(message: "data.\(key) is not a date") }
        return date
    }

    func optionalDate(_ key: StaticString) throws(Failure) -> CalendarDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = CalendarDate(parsing: text) else { throw Failure(message: "data.\(key) is not a date") }
        return date
    }

    func bool(_ key: StaticString) throws(Failure) -> Bool {
        try json.bool(try value(key))
    }

    func strings(_ key: StaticString) throws(Failure) -> [String] {
        var result: [String] = []
        for element in try json.elements(try value(key)) { result.append(try json.string(element)) }
        return result
    }

    func owner(_ key: StaticString) throws(Failure) -> ActionOwner {
        // Found by walking the object, not by listing its members: it has just one, and every
        // ActionAgreed has an owner, so a list would be an allocation per action.
        let owner = try value(key).lowerBound
        if let id = try json.member("practitionerId", ofObjectAt: owner) { return .practitioner(try json.string(id)) }
        if let member = try json.member("familyMember", ofObjectAt: owner) { return .family(try json.string(member)) }
        throw Failure(message: "data.\(key) names neither a practitioner nor a family member")
    }

    func needs(_ key: StaticString) throws(Failure) -> [DomainEvent.Need] {
        var result: [DomainEvent.Need] = []
        for element in try json.elements(try value(key)) {
            let fields = DataFields(json: json, object: try json.object(at: element.lowerBound).0)
            result.append(
                DomainEvent.Need(
                    needId: try fields.string("needId"), domain: try fields.string("domain"),
                    outcome: try fields.string("outcome"), summary: try fields.string("summary")))
        }
        return result
    }
}
