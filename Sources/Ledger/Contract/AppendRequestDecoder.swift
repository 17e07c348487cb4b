import Foundation

/// Decodes an append request in the form clients normally send it, straight from its bytes.
///
/// The general path parses a `JSONValue` tree and then validates it; most of an import's
/// parsing time went into that tree's strings, arrays and reference counts. This decoder
/// walks the bytes once, guided by the event catalogue, and builds the same `AppendRequest`
/// (member names shared with the catalogue, enumeration values with the vocabulary, so
/// neither is allocated per request).
///
/// It accepts only what it has checked against every rule the general path applies. On
/// anything else it declines (returns nil) — on every invalid request, but also on valid
/// ones it does not handle: strings with escapes, `data` before `type`, numbers other than
/// plain integers. The caller then takes the general path, which gives the same answer and,
/// for an invalid request, its exact error. So this decides nothing on its own: it is a
/// shortcut for the requests the general path would accept.
struct AppendRequestDecoder {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The request `json` holds, or nil to defer to the general parser and validator.
    ///
    /// With `postedTo` (a request posted to a stream's URL), the request may leave out its
    /// `stream`, which is then that one; if it names one, it must be the same.
    static func decode(_ json: UnsafeRawBufferPointer, postedTo: StreamName? = nil) -> AppendRequest? {
        guard let base = json.baseAddress, !json.isEmpty else { return nil }
        var decoder = AppendRequestDecoder(bytes: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: json.count))
        return decoder.request(postedTo: postedTo)
    }

    // MARK: The envelope

    /// The top-level members (`AppendRequest.Member`, the one list of their names), each
    /// with its bit in the set of those seen.
    private typealias Member = AppendRequest.Member
    /// `allCases` builds a new array on every call.
    private static let members: [(member: Member, bit: UInt32)] = {
        // The list's position is the bit: a set of up to 32 members.
        assert(Member.allCases.count <= UInt32.bitWidth, "each member needs a bit of its own")
        return Member.allCases.enumerated().map { (member: $1, bit: UInt32(1) << UInt32($0)) }
    }()
    private static let requiredBits = members.filter(\.member.isRequired).reduce(UInt32(0)) { $0 | $1.bit }
    private static let streamBit = members.first { $0.member == .stream }?.bit ?? 0

    private mutating func request(postedTo: StreamName?) -> AppendRequest? {
        var eventIdText: String?
        var streamText: String?
        var type: EventType?
        var occurredAtText: String?
        var actor: String?
        var expectedVersion: Int64?
        var data: JSONObject?
        var metadata: JSONObject?
        var seen: UInt32 = 0

        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return nil }
        repeat {
            skipWhitespace()
            guard let key = stringToken(), let found = Self.members.first(where: { matches(key.range, $0.member.rawValue) }),
                seen & found.bit == 0
            else { return nil }
            seen |= found.bit
            let member = found.member
            guard takeColon() else { return nil }
            switch member {
            case .eventId:
                guard let text = asciiString() else { return nil }
                eventIdText = text
            case .stream:
                guard let text = asciiString() else { return nil }
                streamText = text
            case .occurredAt:
                guard let text = asciiString() else { return nil }
                occurredAtText = text
            case .actor:
                guard let text = asciiString() else { return nil }
                actor = text
            case .type:
                guard let token = stringToken() else { return nil }
                type = Self.eventTypes.first { matches(token.range, $0.rawValue) }
                if type == nil { return nil }
            case .expectedVersion:
                guard let n = expectedVersionNumber() else { return nil }
                expectedVersion = n
            case .data:
                // Data is read against its type's fields, so the type must come first here.
                guard let type else { return nil }
                data = object(EventCatalogue.dataFields(of: type), requireAll: true)
                if data == nil { return nil }
            case .metadata:
                guard let object = metadataObject() else { return nil }
                metadata = object
            }
            skipWhitespace()
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")) else { return nil }
        skipWhitespace()
        guard index == bytes.count else { return nil }
        // Posted to a stream's URL, that is the stream, whether the body names it again or not.
        if let postedTo {
            guard streamText == nil || streamText == postedTo.text else { return nil }
            seen |= Self.streamBit
        }
        guard seen & Self.requiredBits == Self.requiredBits else { return nil }

        // The timestamp is normalised to UTC by the same function the general path uses, so
        // both record the same bytes for a request sent with an offset.
        guard let eventIdText, let type, let occurredAtText, let actor, let data,
            let eventId = EventID(parsing: eventIdText),
            let stream = postedTo ?? streamText.flatMap({ StreamName(parsing: $0) }),
            stream.kind == type.streamKind, let occurredAt = Timestamp.normalising(occurredAtText),
            occurredAt.instant.date.isWithinContractYears, ContractValidator.isActor(actor)
        else { return nil }
        do {
            let request = try AppendRequest(
                eventId: eventId, eventIdText: eventIdText, stream: stream, type: type, occurredAt: occurredAt.instant,
                occurredAtText: occurredAt.utc, actor: actor, expectedVersion: expectedVersion, data: data,
                metadata: metadata)
            try request.checkBeyondSchema()
            return request
        } catch {
            return nil
        }
    }

    /// `-1` or a non-negative integer of at most 15 digits (so exactly a double, as the general
    /// path reads it); anything else (`-0`, `1.0`, `1e2`, …) is left to the general path.
    private mutating func expectedVersionNumber() -> Int64? {
        if take(UInt8(ascii: "-")) {
            guard take(UInt8(ascii: "1")) else { return nil }
            return isDigit(at: index) ? nil : -1
        }
        guard isDigit(at: index) else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            return isDigit(at: index) ? nil : 0
        }
        var value: Int64 = 0
        var digits = 0
        while isDigit(at: index) {
            digits += 1
            guard digits <= 15 else { return nil }
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }

    /// `metadata`: an object of at most 32 strings, names of 1–64 characters, values of at most 4096.
    private mutating func metadataObject() -> JSONObject? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return JSONObject(members) }
        repeat {
            skipWhitespace()
            guard let keyToken = stringToken(), let key = string(keyToken),
                !members.contains(where: { JSONObject.sameName($0.key, key) })
            else { return nil }
            let keyLength = key.unicodeScalars.count
            guard keyLength >= 1, keyLength <= AppendRequest.maximumMetadataKeyLength, takeColon(),
                let valueToken = stringToken(), let value = string(valueToken),
                value.unicodeScalars.count <= AppendRequest.maximumMetadataValueLength
            else { return nil }
            members.append((key, .string(value)))
            guard members.count <= AppendRequest.maximumMetadataProperties else { return nil }
            skipWhitespace()
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")) else { return nil }
        return JSONObject(members)
    }

    // MARK: Data, by the catalogue

    /// A closed object of `fields`: every one of them (or, without `requireAll`, exactly one),
    /// no others, none twice. Member names are the catalogue's own strings.
    private mutating func object(_ fields: [Field], requireAll: Bool) -> JSONObject? {
        precondition(fields.count <= 64, "closed objects have at most 64 fields")
        guard take(UInt8(ascii: "{")) else { return nil }
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(fields.count)
        var seen: UInt64 = 0
        skipWhitespace()
        if !take(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard let key = stringToken(), let i = fields.firstIndex(where: { matches(key.range, $0.name) }),
                    seen & (1 << UInt64(i)) == 0
                else { return nil }
                seen |= 1 << UInt64(i)
                guard takeColon(), let value = value(as: fields[i].kind) else { return nil }
                members.append((fields[i].name, value))
                skipWhitespace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        if requireAll {
            guard seen == (fields.count == 64 ? ~0 : (1 << UInt64(fields.count)) - 1) else { return nil }
        } else {
            guard seen.nonzeroBitCount == 1 else { return nil }
        }
        return JSONObject(members)
    }

    /// `allCases` builds a new array on every call.
    private static let eventTypes = EventType.allCases

    /// An action's owner: `{"practitionerId": ID}` or `{"familyMember": …}`.
    private static let ownerFields = [ActionOwner.practitionerField, ActionOwner.familyField]

    private mutating func value(as kind: FieldKind) -> JSONValue? {
        switch kind {
        case .nullable(let inner):
            if index < bytes.count, bytes[index] == UInt8(ascii: "n") {
                return literal("null") ? .null : nil
            }
            return value(as: inner)
        case .identifier:
            guard let token = stringToken(), !token.range.isEmpty, token.range.count <= IdentifierRule.maximumLength,
                bytes[token.range].allSatisfy(IdentifierRule.isIdentifierByte)
            else { return nil }
            return .string(asciiText(token.range))
        case .date:
            guard let token = stringToken(), let date = CalendarDate.parse(UnsafeBufferPointer(rebasing: bytes[token.range])),
                date.isWithinContractYears
            else { return nil }
            return .string(asciiText(token.range))
        case .name:
            return text(maximum: FieldKind.maximumNameLength)
        case .text:
            return text(maximum: FieldKind.maximumTextLength)
        case .boolean:
            if literal("true") { return .bool(true) }
            if literal("false") { return .bool(false) }
            return nil
        case .enumeration(let allowed):
            guard let token = stringToken(), let match = allowed.first(where: { matches(token.range, $0) }) else {
                return nil
            }
            return .string(match)
        case .array(let element):
            guard take(UInt8(ascii: "[")) else { return nil }
            var elements: [JSONValue] = []
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return .array(elements) }
            repeat {
                skipWhitespace()
                guard elements.count < FieldKind.maximumArrayCount, let item = value(as: element) else { return nil }
                elements.append(item)
                skipWhitespace()
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? .array(elements) : nil
        case .object(let fields):
            return object(fields, requireAll: true).map(JSONValue.object)
        case .owner:
            return object(Self.ownerFields, requireAll: false).map(JSONValue.object)
        }
    }

    /// A string of 1…`maximum` characters (Unicode scalars, as the general path counts them).
    private mutating func text(maximum: Int) -> JSONValue? {
        guard let token = stringToken(), !token.range.isEmpty else { return nil }
        if token.isASCII {
            guard token.range.count <= maximum else { return nil }
            return .string(asciiText(token.range))
        }
        guard let s = string(token), token.range.count <= maximum || s.unicodeScalars.count <= maximum else {
            return nil
        }
        return .string(s)
    }

    // MARK: Tokens

    /// A string's contents (between the quotes), if it has no escapes: those are left to the
    /// general path. Raw control characters are invalid JSON.
    private mutating func stringToken() -> (range: Range<Int>, isASCII: Bool)? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var high: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start..<(index - 1), high < 0x80)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            high |= byte
            index += 1
        }
        return nil
    }

    /// The string of a token, nil if it is not valid UTF-8.
    private func string(_ token: (range: Range<Int>, isASCII: Bool)) -> String? {
        let slice = UnsafeBufferPointer(rebasing: bytes[token.range])
        return token.isASCII ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
    }

    /// An envelope string: ASCII only, as every envelope field's rule requires anyway.
    private mutating func asciiString() -> String? {
        guard let token = stringToken(), token.isASCII else { return nil }
        return asciiText(token.range)
    }

    private func asciiText(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether the bytes in `range` are `name`'s UTF-8, byte for byte (JSON compares member
    /// names by code points, as `JSONObject.sameName` does).
    private func matches(_ range: Range<Int>, _ name: String) -> Bool {
        let utf8 = name.utf8
        guard utf8.count == range.count else { return false }
        let base = bytes.baseAddress! + range.lowerBound
        return utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, base, range.count) == 0 }
            ?? utf8.elementsEqual(UnsafeBufferPointer(start: base, count: range.count))
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count, memcmp(text.utf8Start, bytes.baseAddress! + index, count) == 0 else {
            return false
        }
        index += count
        return true
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Whitespace, `:` and whitespace, between a member's name and its value.
    private mutating func takeColon() -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: ":")) else { return false }
        skipWhitespace()
        return true
    }

    private func isDigit(at i: Int) -> Bool {
        i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }
}
