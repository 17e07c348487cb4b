import Foundation
import Projections

/// What a `CaseScope` may see, worked out from the append requests' JSON alone (Foundation's
/// parser, none of the projections' code): the directory and each case's involved
/// practitioners as the events that count on a date left them.
///
/// The rules, restated from the issue: a case involves who opened it, each CAF assessor,
/// each TAC member who joined, each lead professional appointed or handed over to, each
/// cover, and each practitioner an action was agreed with or reassigned to. A practitioner
/// scope sees the cases involving them; an agency scope those involving a practitioner the
/// directory places in the agency; an authority scope those involving a practitioner of one
/// of its agencies.
struct ScopeOracle {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var agencyOf: [String: String] = [:]
    private(set) var authorityOf: [String: String] = [:]
    private(set) var involved: [String: Set<String>] = [:]
    private(set) var left: Set<String> = []
    /// Practitioners in registration order, for tests to pick from.
    private(set) var practitioners: [String] = []

    /// Events that occurred by the end of `date` (`YYYY-MM-DD`; nil: every event), in order.
    init(lines: [String], through date: String?) throws {
        for line in lines {
            guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let type = event["type"] as? String, let stream = event["stream"] as? String,
                let occurredAt = event["occurredAt"] as? String, let data = event["data"] as? [String: Any]
            else { throw Malformed(description: "not an append request: \(line)") }
            if let date, String(occurredAt.prefix(10)) > date { continue }
            try apply(type, stream: stream, data)
        }
    }

    private mutating func apply(_ type: String, stream: String, _ data: [String: Any]) throws {
        func text(_ field: String) throws -> String {
            guard let value = data[field] as? String else { throw Malformed(description: "\(type) lacks \(field)") }
            return value
        }
        switch type {
        case "AgencyRegistered":
            authorityOf[try text("agencyId")] = try text("authorityId")
        case "PractitionerRegistered":
            let id = try text("practitionerId")
            agencyOf[id] = try text("agencyId")
            practitioners.append(id)
        case "PractitionerMovedAgency":
            agencyOf[try text("practitionerId")] = try text("agencyId")
        case "PractitionerLeft":
            left.insert(try text("practitionerId"))
        default:
            break
        }
        guard stream.hasPrefix("case-") else { return }
        let caseId = String(stream.dropFirst("case-".count))
        if type == "CaseOpened" {
            involved[caseId] = [try text("openedBy")]
            return
        }
        // An event without its (counted) CaseOpened has no case to involve anyone in.
        guard involved[caseId] != nil else { return }
        let named: String?
        switch type {
        case "CAFStarted": named = try text("assessor")
        case "TACMemberJoined", "LeadProfessionalAppointed": named = try text("practitionerId")
        case "LeadProfessionalHandedOver": named = try text("to")
        case "LeadProfessionalCoverArranged": named = try text("coverPractitionerId")
        case "ActionAgreed", "ActionReassigned": named = (data["owner"] as? [String: Any])?["practitionerId"] as? String
        default: named = nil
        }
        if let named { involved[caseId]?.insert(named) }
    }

    /// Whether a row about practitioner `id` is inside `scope`.
    func includes(_ id: String, in scope: CaseScope) -> Bool {
        switch scope {
        case .everything: true
        case .practitioner(let own): id == own.rawValue
        case .agency(let agency): agencyOf[id] == agency.rawValue
        case .authority(let authority): agencyOf[id].flatMap { authorityOf[$0] } == authority.rawValue
        }
    }

    /// The cases `scope` may see.
    func visible(_ scope: CaseScope) -> Set<String> {
        Set(involved.filter { _, people in people.contains { includes($0, in: scope) } }.keys)
    }

    var agencies: [String] { authorityOf.keys.sorted() }
    var authorities: [String] { Set(authorityOf.values).sorted() }
}
