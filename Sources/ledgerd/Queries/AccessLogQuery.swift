import Ledger
import Projections

/// `ledgerd access-log` and `GET /access-log` ask the trail the same question, parsed by
/// one rule: which entries, for which case, principal and period.
enum AccessLogQuery {
    /// `--since` / `since=`: an RFC 3339 UTC timestamp, or a date meaning the start of that day.
    static func since(_ text: String, name: String) throws(QueryValue.Invalid) -> Timestamp {
        if text.count == 10 { return Timestamp.startOf(try QueryValue.date(text, name: name)) }
        return try QueryValue.moment(text, name: name)
    }

    /// `--until` / `until=`: an RFC 3339 UTC timestamp, or a date meaning the whole of that day.
    static func until(_ text: String, name: String) throws(QueryValue.Invalid) -> Timestamp {
        if text.count == 10 {
            let next = Timestamp.startOf(try QueryValue.date(text, name: name).next)
            return Timestamp(microseconds: next.microseconds - 1)
        }
        return try QueryValue.moment(text, name: name)
    }

    /// A principal as the trail records it: opaque, but bounded like the trail's own field.
    static func principal(_ text: String, name: String) throws(QueryValue.Invalid) -> String {
        guard let principal = Principal(parsing: text) else {
            let kinds = Principal.Kind.allCases.map { "\($0.rawValue):ID" }.joined(separator: ", ")
            throw QueryValue.Invalid(message: "\(name) \(text) is not a principal (\(kinds))")
        }
        return principal.description
    }

    static let columns = ["seq", "at", "principal", "token", "route", "path", "cases"]

    /// A row for a table or CSV: the cases space-separated (case IDs hold no spaces), a
    /// split disclosure's part beside its path.
    static func row(_ entry: AccessEntry) -> [String] {
        let path = entry.parts > 1 ? "\(entry.path) (part \(entry.part)/\(entry.parts))" : entry.path
        return [
            String(entry.seq), entry.at.description, entry.principal, entry.tokenId, entry.route, path,
            entry.cases.joined(separator: " "),
        ]
    }

    /// The entries as a JSON array of their stored (canonical) forms.
    static func jsonArray(_ entries: [AccessEntry]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, entry) in entries.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += entry.canonicalBytes
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
