import Ledger

/// A need recorded by a completed CAF: its number in the case (`need-N`) and its template.
struct DemoNeed {
    let number: Int
    let template: Int
}

/// One case event as the generator records it: the ledger's typed event, with the moment,
/// the practitioner who records it and the meeting it was agreed at (for the request's
/// envelope and metadata).
///
/// Business dates (`…On`) are written from the lifecycle's clock (`on`) at the moment the
/// event is recorded, the same clock as `time`, so they agree with `occurredAt`.
struct DemoCaseEvent {
    /// occurredAt, seconds since the epoch.
    let time: Int
    /// Who recorded it (directory index); always a practitioner in post at `time`.
    let actor: Int32
    /// The meeting this event was agreed at (0: none); rendered as a correlation ID.
    let meeting: Int
    let event: DomainEvent
}

/// LP appointment criteria (DOMAIN.md), as bits of a plan's choice.
enum DemoCriteria {
    /// The contract's criteria, in its order: a plan's bit `n` is `all[n]`.
    static let all = Vocabulary.leadProfessionalCriteria.map(LeadProfessionalCriterion.init(rawValue:))
    static let statutoryResponsibility: UInt8 = 1 << UInt8(all.firstIndex(of: "statutory-responsibility") ?? 0)

    /// The criteria whose bits are set, in `all`'s order.
    static func values(_ bits: UInt8) -> [LeadProfessionalCriterion] {
        all.indices.filter { bits & (1 << UInt8($0)) != 0 }.map { all[$0] }
    }
}
