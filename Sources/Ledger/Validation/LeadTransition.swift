/// What a lead-professional event does to who leads a case: the one statement of the rule
/// that the write side refuses by (`AppendRules`) and the read side applies by
/// (`CaseRecord.evolve` in Projections), so the two cannot drift apart.
///
/// An appointment needs an unled case; a handover and a standing down must name the current
/// lead professional. The write side refuses an event that does not fit; a replay for a past
/// date, which skips later events, applies only those that fit and leaves the rest.
public enum LeadTransition: Sendable, Equatable {
    /// The practitioner leads a case that had no lead professional.
    case appointed(PractitionerID)
    /// The lead passes from `from`, who led, to `to`.
    case handedOver(from: PractitionerID, to: PractitionerID)
    /// The practitioner, who led, stands down: the case is unled.
    case stoodDown(PractitionerID)

    /// Why a lead-professional event does not fit the case as it stands.
    public enum Mismatch: Error, Sendable, Equatable {
        /// An appointment while `current` leads.
        case alreadyLed(current: PractitionerID)
        /// A handover or standing down names `named`, but `current` leads (nil: nobody does).
        case notTheLead(named: PractitionerID, current: PractitionerID?)
    }

    /// The transition `event` makes from `current` (who leads now; nil if nobody), or why it
    /// makes none; nil for an event that is not about the lead professional.
    public static func of(_ event: DomainEvent, current: PractitionerID?) -> Result<LeadTransition, Mismatch>? {
        switch event {
        case .leadProfessionalAppointed(let id, _, _, _, _):
            if let current { return .failure(.alreadyLed(current: current)) }
            return .success(.appointed(id))
        case .leadProfessionalHandedOver(let from, let to, _, _, _):
            guard current == from else { return .failure(.notTheLead(named: from, current: current)) }
            return .success(.handedOver(from: from, to: to))
        case .leadProfessionalStoodDown(let id, _, _):
            guard current == id else { return .failure(.notTheLead(named: id, current: current)) }
            return .success(.stoodDown(id))
        default:
            return nil
        }
    }

    /// Who leads the case after the transition.
    public var lead: PractitionerID? {
        switch self {
        case .appointed(let id): id
        case .handedOver(_, let to): to
        case .stoodDown: nil
        }
    }
}
