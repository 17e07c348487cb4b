import Ledger

/// Reads a stored event's `data` for `DomainEvent(type:reading:)`, straight from its bytes.
///
/// Failures name the field: the ledger validated every stored event, so one is corruption
/// (or a contract change that forgot old events) and must say exactly where.
struct DataFields: EventDataReader {
    let json: StoredJSON
    let object: StoredJSON.Object

    private func value(_ key: StaticString) throws(EventDataError) -> Range<Int> {
        guard let range = json.member(object, key) else { throw EventDataError(field: path(key), problem: "is missing") }
        return range
    }

    private func failure(_ key: StaticString, _ error: StoredJSON.Failure) -> EventDataError {
        EventDataError(field: path(key), problem: "does not decode: \(error.message)")
    }

    func string(_ key: StaticString) throws(EventDataError) -> String {
        let range = try value(key)
        do throws(StoredJSON.Failure) { return try json.string(range) } catch { throw failure(key, error) }
    }

    func optionalString(_ key: StaticString) throws(EventDataError) -> String? {
        let range = try value(key)
        if json.isNull(range) { return nil }
        do throws(StoredJSON.Failure) { return try json.string(range) } catch { throw failure(key, error) }
    }

    /// No projection keeps this text, so it is left empty once found: allocating a note per
    /// event only to free it again was a measurable part of a replay.
    func unkeptText(_ key: StaticString) throws(EventDataError) -> String {
        _ = try value(key)
        return ""
    }

    func bool(_ key: StaticString) throws(EventDataError) -> Bool {
        let range = try value(key)
        do throws(StoredJSON.Failure) { return try json.bool(range) } catch { throw failure(key, error) }
    }

    func strings<Element>(_ key: StaticString, as element: (String) -> Element) throws(EventDataError) -> [Element] {
        let range = try value(key)
        do throws(StoredJSON.Failure) {
            var result: [Element] = []
            for member in try json.elements(range) { result.append(element(try json.string(member))) }
            return result
        } catch {
            throw failure(key, error)
        }
    }

    func objects(_ key: StaticString) throws(EventDataError) -> [DataFields] {
        let range = try value(key)
        do throws(StoredJSON.Failure) {
            var result: [DataFields] = []
            for element in try json.elements(range) {
                result.append(DataFields(json: json, object: try json.object(at: element.lowerBound).0))
            }
            return result
        } catch {
            throw failure(key, error)
        }
    }

    func owner(_ key: StaticString) throws(EventDataError) -> ActionOwner {
        // Found by walking the object, not by listing its members: it has just one, and every
        // ActionAgreed has an owner, so a list would be an allocation per action.
        let owner = try value(key).lowerBound
        do throws(StoredJSON.Failure) {
            if let id = try json.member(ActionOwner.practitionerKey, ofObjectAt: owner) {
                return .practitioner(PractitionerID(rawValue: try json.string(id)))
            }
            if let member = try json.member(ActionOwner.familyKey, ofObjectAt: owner) {
                return .family(FamilyMember(rawValue: try json.string(member)))
            }
        } catch {
            throw failure(key, error)
        }
        throw EventDataError(field: path(key), problem: "names neither a practitioner nor a family member")
    }
}
