/// Whether an event fits a case's being open or closed: the one statement of the rule that
/// the write side refuses by (`AppendRules`) and the read side applies closures and
/// reopenings by (`CaseRecord.evolve` in Projections). A closed case takes only its
/// reopening, and only a closed case can be reopened.
public enum CaseClosureRule {
    /// Whether `event`, on a case's stream, fits the case being closed (`isClosed`) or open.
    public static func fits(_ event: DomainEvent, isClosed: Bool) -> Bool {
        if case .caseReopened = event { return isClosed }
        return !isClosed
    }
}
