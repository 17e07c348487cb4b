import Ledger
import Projections

/// `ledgerd access-log` and `GET /access-log` ask the trail the same question, parsed by
/// one rule: which entries, for which case, principal and period.
enum AccessLogQuery {
    /// `--since` / `since=`: an RFC 3339 timestamp (any offset), or a date meaning the start of that day.
    static func since(_ text: String, name: String) throws(QueryValue.Invalid) -> Timestamp {
        if text.count == 10 { return Timestamp.startOf(try QueryValue.date(text, name: name)) }
        return try QueryValue.moment(text, name: name)
    }

    /// `--until` / `until=`: an RFC 3339 timestamp (any offset), or a date meaning the whole of that day.
    static func until(_ text: String, name: String) throws(QueryValue.Invalid) -> Timestamp {
        if text.count == 10 {
            let next = Timestamp.startOf(try QueryValue.date(text, name: name).next)
            return Timestamp(microseconds: next.microseconds - 1)
        }
        return try QueryValue.moment(text, name: name)
    }

    /// Refuses a period that ends before it starts: it would list nothing, which reads as
    /// "nobody saw anything then".
    static func period(since: Timestamp?, until: Timestamp?, names: (since: String, until: String)) throws(QueryValue.Invalid) {
        guard let since, let until, since > until else { return }
        throw QueryValue.Invalid(message: "\(names.since) \(since) is after \(names.until) \(until): the period is empty")
    }

    /// A principal as the trail records it: opaque, but bounded like the trail's own field.
    static func principal(_ text: String, name: String) throws(QueryValue.Invalid) -> String {
        guard let principal = Principal(parsing: text) else {
            let kinds = Principal.Kind.allCases.map { "\($0.rawValue):ID" }.joined(separator: ", ")
            throw QueryValue.Invalid(message: "\(name) \(text) is not a principal (\(kinds))")
        }
        return principal.description
    }

    /// The trail as a table: a pipe's headers as they always were, a spreadsheet's spelled out.
    static let columns: [ViewColumn] = [
        ViewColumn("seq", csv: ["Entry"], priority: 60, minimumWidth: 3),
        ViewColumn("at", csv: ["Recorded at"], priority: 90, minimumWidth: 10),
        ViewColumn("principal", csv: ["Principal kind", "Principal ID"], priority: 100, minimumWidth: 12),
        ViewColumn("token", csv: ["Token ID"], priority: 30),
        ViewColumn("route", csv: ["Route"], priority: 50, minimumWidth: 12),
        ViewColumn("path", csv: ["Path"], priority: 40, minimumWidth: 12),
        ViewColumn("cases", csv: ["Case IDs"], priority: 80, minimumWidth: 14),
    ]

    /// A row for a table or CSV: the cases space-separated (case IDs hold no spaces), a
    /// split disclosure's part beside its path, the principal's kind and ID apart in CSV.
    static func row(_ entry: AccessEntry) -> [ViewCell] {
        let path = entry.parts > 1 ? "\(entry.path) (part \(entry.part)/\(entry.parts))" : entry.path
        let kind = entry.principal.prefix { $0 != ":" }
        let id = entry.principal.dropFirst(kind.count).dropFirst()
        return [
            .plain(String(entry.seq)), .plain(entry.at.description),
            ViewCell(text: entry.principal, values: [String(kind), String(id)]),
            .plain(entry.tokenId), .plain(entry.route), .plain(path), .plain(entry.cases.joined(separator: " ")),
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
