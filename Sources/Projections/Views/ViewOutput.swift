import Ledger

/// What every view offers its readers: stable JSON (documented in `schemas/views/`) and rows
/// for a table or CSV, with names beside IDs.
public protocol ViewOutput {
    /// The view as stable JSON, documented by its schema in `schemas/views/`.
    var json: JSONValue { get }
    /// `json` as compact bytes: what the CLI prints and the HTTP API serves.
    var jsonBytes: [UInt8] { get }
    /// The table's columns (headers, CSV headers, priority on a narrow terminal).
    var tableColumns: [ViewColumn] { get }
    /// The table's rows, a cell per column.
    var cells: [[ViewCell]] { get }
    /// Label/value rows under no header (one case), rather than a list.
    var isRecord: Bool { get }
    /// The cases whose data the view shows (repeats allowed), read from what it holds rather
    /// than from its JSON: what the daemon's access trail records as disclosed. Empty for a
    /// view of no one case (counts per practitioner, a practitioner's line managers).
    var caseIds: [String] { get }
}

extension ViewOutput {
    /// `json` in one compact line, members in their documented order.
    public var jsonBytes: [UInt8] { CompactJSON.bytes(json) }
}

/// Small constructors that keep the views' JSON readable.
extension JSONValue {
    static func fields(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { (key: $0.0, value: $0.1) }))
    }

    static func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    static func text<Kind>(_ id: Identifier<Kind>?) -> JSONValue { id.map { .string($0.rawValue) } ?? .null }

    static func date(_ d: CalendarDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }

    static func int(_ n: Int) -> JSONValue { .number(Double(n)) }

    static func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }

    static func strings<Kind>(_ list: [Identifier<Kind>]) -> JSONValue { .array(list.map { .string($0.rawValue) }) }
}

extension ActionOwner {
    /// `{"practitionerId":…}` or `{"familyMember":…}`, as the contract writes owners.
    public var json: JSONValue {
        switch self {
        case .practitioner(let id): .fields([("practitionerId", .text(id))])
        case .family(let member): .fields([("familyMember", .text(member.rawValue))])
        }
    }

    /// For tables: the practitioner's name (and ID), or the family member.
    public func label(_ directory: Directory) -> String {
        switch self {
        case .practitioner(let id): directory.name(of: id).map { "\($0) (\(id))" } ?? id.rawValue
        case .family(let member): "family: \(member)"
        }
    }
}

extension AccountabilityLink {
    /// `{"kind","id","name"}`, and the role where there is one.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", .text(kind.rawValue)), ("id", .text(id)), ("name", .text(name))]
        if let role { members.append(("role", .text(role))) }
        if let director { members.append(("director", .text(director))) }
        return .fields(members)
    }
}

extension AccountabilityChain {
    /// The links; a chain that could not be completed is not silently short, so the problem
    /// is reported beside it where the view has room (see `problemJSON`).
    public var linksJSON: JSONValue { .array(links.map(\.json)) }

    /// The links' names, nearest first (an authority with its Director of Children's Services).
    public var line: String {
        links.map { link in
            switch link.kind {
            case .authority: "\(link.name) (DCS \(link.director ?? "?"))"
            default: link.name
            }
        }.joined(separator: " → ")
    }

    /// The line with any problem beside it, for a table.
    public var label: String {
        problem.map { line.isEmpty ? "⚠ \($0)" : "\(line) ⚠ \($0)" } ?? line
    }
}

/// `{"practitionerId":…,"name":…}` for a lead professional, or null.
func leadJSON(_ id: PractitionerID?, _ directory: Directory) -> JSONValue {
    guard let id else { return .null }
    return .fields([("practitionerId", .text(id)), ("name", .text(directory.name(of: id)))])
}

func nameLabel(_ id: PractitionerID?, _ directory: Directory) -> String {
    guard let id else { return "" }
    return directory.name(of: id).map { "\($0) (\(id))" } ?? id.rawValue
}
