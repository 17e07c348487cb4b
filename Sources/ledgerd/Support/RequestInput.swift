import Ledger

/// Turns NDJSON lines into validated append requests, naming the line and eventId of any
/// that break the contract.
struct RequestInput {
    let reader: NDJSONReader
    private var index = -1

    init(path: String) throws {
        do {
            reader = try NDJSONReader(path: path)
        } catch {
            throw CLIError(.storage, "\(error.localizedDescription)")
        }
    }

    /// The next request, or nil at the end; throws `AppendFailure` for an invalid line (see
    /// `AppendRequest.decode`), with its index among the requests read.
    mutating func next() throws -> AppendRequest? {
        let index = self.index + 1
        let request: AppendRequest?
        do {
            request = try reader.nextLine { bytes in try AppendRequest.decode(bytes, index: index, postedTo: nil) }
        } catch let tooLong as NDJSONReader.LineTooLong {
            // The reader could not hold the line to hand it over: the same refusal as
            // `decode`'s size limit, worded for a line never read whole.
            let problem = "the line is longer than \(tooLong.limit) bytes, the most one request may be"
            throw AppendFailure(index: index, eventId: nil, error: .invalid(ContractViolation(field: "", problem: problem)))
        }
        guard let request else { return nil }
        self.index = index
        return request
    }

    /// "line N (eventId X): reason", for a failure at the line just read.
    func describe(_ failure: AppendFailure) -> String {
        let id = failure.eventId.map { " (eventId \($0))" } ?? ""
        return "line \(reader.lineNumber)\(id): \(failure.error)"
    }
}

extension AppendOutcome {
    /// `{"eventId":…,"seq":…,"version":…}` plus `"duplicate":true` for an idempotent retry.
    var jsonLine: String {
        var out: [UInt8] = Array(#"{"eventId":"#.utf8)
        CanonicalJSON.writeString(eventId, into: &out)
        out.append(contentsOf: #","seq":\#(seq),"version":\#(version)"#.utf8)
        if duplicate { out.append(contentsOf: #","duplicate":true"#.utf8) }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
