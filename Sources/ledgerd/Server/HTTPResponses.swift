import Hummingbird
import Ledger

/// Building responses and reading parameters the same way on every route.
enum HTTPResponses {
    /// A JSON body followed by a newline: exactly what the CLI's `--format json` prints.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        var buffer = ByteBuffer()
        buffer.reserveCapacity(bytes.count + 1)
        buffer.writeBytes(bytes)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// Stored events, verbatim, as one JSON array (each element is the recorded event's
    /// canonical JSON, exactly as hashed and exported).
    static func eventArray(_ events: [[UInt8]], headers: HTTPFields = [:]) -> Response {
        var body: [UInt8] = [UInt8(ascii: "[")]
        body.reserveCapacity(events.reduce(2) { $0 + $1.count + 1 })
        for (i, event) in events.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: event)
        }
        body.append(UInt8(ascii: "]"))
        return json(body, headers: headers)
    }
}

extension HTTPResponses {
    /// `text` if it is an ID of the contract (`[A-Za-z0-9._-]{1,64}`, after `case-` when
    /// allowed); a 400 naming `field` and showing `shown` otherwise.
    static func identifier(_ text: String, shown: String, field: String, allowingCasePrefix: Bool) throws -> String {
        let bare = allowingCasePrefix ? ViewRequest.bareCaseId(text) : text
        guard IdentifierRule.isValid(bare) else { throw Problem.badRequest("\(shown) is not an ID ([A-Za-z0-9._-]{1,64})", field: field) }
        return text
    }
}

extension LedgerRequestContext {
    /// The `{stream}` path parameter, which must be a stream name of the contract.
    func stream() throws -> StreamName {
        let text = try parameters.require("stream")
        guard let stream = StreamName(parsing: text) else {
            let kinds = StreamKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.badRequest("\(text) is not a stream name (KIND-ID, KIND one of \(kinds))", field: "stream")
        }
        return stream
    }
}

extension Request {
    /// A query parameter, if present.
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name)
    }

    /// A positive integer query parameter within `range`, or `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = query(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badRequest("\(name)=\(text) is not an integer from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return value
    }

    /// `on` (business date, default today) and `knownAt` (moment of knowledge, default now),
    /// as every view and history takes them.
    func evaluation(defaultOn: CalendarDate? = nil) throws -> (on: CalendarDate?, knownAt: Timestamp?) {
        let on = try query("on").map { text in try date(text, name: "on") }
        var knownAt: Timestamp?
        if let text = query("knownAt") {
            do throws(QueryValue.Invalid) {
                knownAt = try QueryValue.moment(text, name: "knownAt")
            } catch {
                throw Problem.badRequest(error.message, field: "knownAt")
            }
        }
        return (on ?? defaultOn, knownAt)
    }

    /// A date parameter, by `QueryValue`'s rule; a 400 naming it otherwise.
    func date(_ text: String, name: String) throws -> CalendarDate {
        do throws(QueryValue.Invalid) {
            return try QueryValue.date(text, name: name)
        } catch {
            throw Problem.badRequest(error.message, field: name)
        }
    }

    /// Refuses a query parameter the route does not take: `?agncy=nm-yot` answering with
    /// every agency's actions would be a wrong answer given as a right one. Likewise one
    /// given twice, unless it is `repeatable`: `?on=2025-06-30&on=2025-07-01` has no one
    /// answer, and answering for either date would hide that.
    func allowingOnly(_ names: Set<String>, repeatable: Set<String> = []) throws {
        assert(repeatable.isSubset(of: names), "a repeatable parameter is one the route takes")
        let given = uri.queryParameters.map { String($0.key) }
        let unknown = Set(given).subtracting(names).sorted()
        if let first = unknown.first {
            let takes = names.isEmpty ? "takes no query parameters" : "takes only \(names.sorted().joined(separator: ", "))"
            throw Problem.badRequest(
                "unknown query parameter\(unknown.count > 1 ? "s" : "") \(unknown.joined(separator: ", ")): \(uri.path) \(takes)", field: first)
        }
        var seen = Set<String>()
        for name in given where !repeatable.contains(name) && !seen.insert(name).inserted {
            let values = uri.queryParameters.getAll(name).map { "\(name)=\($0)" }.joined(separator: ", ")
            throw Problem.badRequest("query parameter \(name) is given more than once (\(values)): give it once", field: name)
        }
    }

    /// An ID query parameter (`agency`, `practitioner`, `case`), if present: a 400 naming it
    /// when it cannot be an ID, rather than a search for something that cannot exist.
    func identifier(query name: String, allowingCasePrefix: Bool = false) throws -> String? {
        try query(name).map { try HTTPResponses.identifier($0, shown: "\(name)=\($0)", field: name, allowingCasePrefix: allowingCasePrefix) }
    }
}
