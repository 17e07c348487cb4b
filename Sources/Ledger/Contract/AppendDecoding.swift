/// The one way bytes become an `AppendRequest`: every input the ledger takes requests from
/// (an NDJSON line of `ledgerd append` or `import`, an HTTP body of one request or a batch)
/// goes through `decode` or its batch form, `decodeBody`, so each step is written once.
///
/// The steps, in order: the size limit (`maximumEncodedSize`); the fast path
/// (`decodingDirectly`, which only ever agrees with the general path, so it is a shortcut,
/// never a second opinion); the general path: `JSONParser`, the posted-to-stream rule, then
/// `validating` (what a JSON Schema can state, then `checkBeyondSchema`). A failure names the
/// event by its index and, when the JSON gave one as a string, its eventId.
///
/// 400 against 422 is `ContractViolation.isBeyondSchema`: set for the rules the API document
/// cannot state (the data's own ID against the stream, dates against each other, a body's
/// `stream` other than the path's, a type on the wrong kind of stream when the stream came
/// from the path), clear for the rest; the daemon maps it, the CLI exits 2 for both.
extension AppendRequest {
    /// One request on its own, as an NDJSON line holds it.
    ///
    /// - Parameters:
    ///   - bytes: the request's JSON text; at most `maximumEncodedSize` bytes.
    ///   - index: the request's 0-based position in its input, for the failure to name.
    ///   - postedTo: the stream of the URL the request was posted to, if any: then `stream`
    ///     may be left out (it is this one) and, if given, must be this one.
    /// - Throws: `AppendFailure` with `.invalid`, naming `index` and the eventId the request
    ///   gave (nil for one too large or not JSON).
    public static func decode(_ bytes: UnsafeRawBufferPointer, index: Int, postedTo: StreamName?) throws(AppendFailure)
        -> AppendRequest
    {
        guard bytes.count <= maximumEncodedSize else {
            // "line": the only input that reaches this limit is an NDJSON line (a body is held
            // to its own limit), and the CLI has always worded it so.
            throw invalid(index, nil, ContractViolation(field: "", problem: "line is \(bytes.count) bytes; the limit is \(maximumEncodedSize)"))
        }
        if let request = decodingDirectly(bytes, postedTo: postedTo) { return request }
        return try decodeGenerally(bytes, index: index, postedTo: postedTo)
    }

    /// `decode` without the size limit and the fast path: what it answers for every request
    /// the fast path declines, and what the differential tests hold the fast path to.
    static func decodeGenerally(_ bytes: UnsafeRawBufferPointer, index: Int, postedTo: StreamName?) throws(AppendFailure)
        -> AppendRequest
    {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser.parse(bytes)
        } catch {
            throw invalid(index, nil, ContractViolation(field: "", problem: error.description))
        }
        return try decode(value, index: index, postedTo: postedTo)
    }

    /// `decode` of the bytes of `text` (a convenience for requests built in memory).
    public static func decode(_ text: String, index: Int = 0, postedTo: StreamName? = nil) throws(AppendFailure) -> AppendRequest {
        var text = text
        // A non-throwing closure carrying the result out: Swift 6.3 crashes compiling
        // typed-throws closures passed to `withUnsafeBytes` and its kin.
        let result = text.withUTF8 { utf8 -> Result<AppendRequest, AppendFailure> in
            do throws(AppendFailure) {
                return .success(try decode(UnsafeRawBufferPointer(utf8), index: index, postedTo: postedTo))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The body of an append posted to a stream's URL: one request (a JSON object) or a batch
    /// (a JSON array of them, of 1…`maximumBatch`). All or nothing: the first event that
    /// breaks the contract refuses the whole body, naming that event.
    ///
    /// A body of one request is not simply `decode`d: what is wrong with the body as a whole
    /// (not JSON, not an object or an array, an empty or over-long batch) is the body's
    /// failure, not event 0's (the API answers it as an invalid request, naming no event),
    /// and a body is not held to `maximumEncodedSize`: the caller bounds it, and each event is
    /// bounded once recorded (`RecordedEvent.maximumSize`).
    public static func decodeBody(_ bytes: UnsafeRawBufferPointer, postedTo: StreamName?, maximumBatch: Int) throws(AppendBodyFailure)
        -> AppendBody
    {
        // The usual body, one valid request, is read straight from its bytes; anything else
        // (an array, an invalid request) takes the general path, which names what is wrong.
        if let request = decodingDirectly(bytes, postedTo: postedTo) { return .single(request) }
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .body("the body is not JSON: \(error)")
        }
        switch value {
        case .array(let items):
            guard !items.isEmpty else { throw .body("the batch is empty") }
            guard items.count <= maximumBatch else {
                throw .body("the batch has \(items.count) events; the limit is \(maximumBatch)")
            }
            var requests: [AppendRequest] = []
            requests.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard item.objectValue != nil else {
                    let problem = "an append request is a JSON object, not \(item.typeName)"
                    throw .event(invalid(index, nil, ContractViolation(field: "", problem: problem)))
                }
                do throws(AppendFailure) {
                    requests.append(try decode(item, index: index, postedTo: postedTo))
                } catch {
                    throw .event(error)
                }
            }
            return .batch(requests)
        case .object:
            do throws(AppendFailure) {
                return .single(try decode(value, index: 0, postedTo: postedTo))
            } catch {
                throw .event(error)
            }
        default:
            throw .body("the body must be an append request (a JSON object) or an array of them, not \(value.typeName)")
        }
    }

    /// The general path for one parsed request: the posted-to-stream rule, then `validating`.
    static func decode(_ value: JSONValue, index: Int, postedTo: StreamName?) throws(AppendFailure) -> AppendRequest {
        let eventId = value.objectValue?["eventId"]?.stringValue
        var json = value
        var streamFromPath = false
        if let postedTo, case .object(var object) = value {
            switch object["stream"] {
            case nil:
                object.members.append(("stream", .string(postedTo.text)))
                json = .object(object)
                streamFromPath = true
            case .string(let given) where given == postedTo.text:
                break
            case .string(let given):
                // The path's stream against the body's: a rule the API document cannot state.
                let problem = "is \(given), but the request was posted to \(postedTo.text)"
                throw invalid(index, eventId, ContractViolation(field: "stream", problem: problem, isBeyondSchema: true))
            case let given?:
                throw invalid(index, eventId, ContractViolation(field: "stream", problem: "expected a string, got \(given.typeName)"))
            }
        }
        do throws(ContractViolation) {
            return try validating(json)
        } catch {
            var violation = error
            // A type on the wrong kind of stream, when the stream is the path's: the document
            // cannot state it, as the body never named that stream.
            if streamFromPath, violation.field == "stream" { violation.isBeyondSchema = true }
            throw invalid(index, eventId, violation)
        }
    }

    private static func invalid(_ index: Int, _ eventId: String?, _ violation: ContractViolation) -> AppendFailure {
        AppendFailure(index: index, eventId: eventId, error: .invalid(violation))
    }
}

/// What an append body held: one request, or a batch (a JSON array) of them, so the answer
/// can take the same shape.
public enum AppendBody: Sendable {
    /// A JSON object: one request, answered with one outcome.
    case single(AppendRequest)
    /// A JSON array of 1…`maximumBatch` requests, one atomic append, answered with an array.
    case batch([AppendRequest])

    /// The requests, in the body's order.
    public var requests: [AppendRequest] {
        switch self {
        case .single(let request): [request]
        case .batch(let requests): requests
        }
    }

    /// Whether the body was an array (answered with an array).
    public var isBatch: Bool {
        if case .batch = self { return true }
        return false
    }
}

/// Why an append body was refused; nothing of it is appended.
public enum AppendBodyFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body as a whole: not JSON, neither an object nor an array, an empty batch or one
    /// over the limit. No event to name.
    case body(String)
    /// One event of it breaks the contract, named by its index and eventId.
    case event(AppendFailure)

    /// The body's problem, or the event's ("event ID: …").
    public var description: String {
        switch self {
        case .body(let detail): detail
        case .event(let failure): "\(failure)"
        }
    }
}
