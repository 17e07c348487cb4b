extension CaseState {
    /// The case's state after `event`, which `AppendRules.decide` has accepted: the write
    /// side's evolve (`AppendRules.evolve`), and what the demo generator keeps its cases'
    /// facts by. Total all the same: it never traps, whatever the event.
    public mutating func evolve(_ event: DomainEvent) {
        switch event {
        case .caseClosed: isClosed = true
        case .caseReopened: isClosed = false
        case .cafStarted(let cafId, _, _): cafs[cafId] = false
        case .cafCompleted(let cafId, _, let needs, _, _):
            cafs[cafId] = true
            for need in needs { self.needs.insert(need.needId) }
        case .tacMemberJoined(let id, _): members.insert(id)
        case .tacMemberLeft(let id, _, _): members.remove(id)
        case .tacMeetingHeld(let meeting): meetings.insert(meeting.meetingId)
        case .leadProfessionalAppointed, .leadProfessionalHandedOver, .leadProfessionalStoodDown:
            // Decided already, so it fits; `LeadTransition` says who leads after it.
            if case .success(let transition)? = LeadTransition.of(event, current: leadProfessional) {
                leadProfessional = transition.lead
            }
        case .actionAgreed(let id, _, _, _, _, _, _): actions[id] = ActionRule.status(after: event)
        case .actionCompleted, .actionCancelled:
            // Decided already, so it fits; `ActionRule` says what the action is after it.
            if let id = ActionRule.changedAction(by: event) { actions[id] = ActionRule.status(after: event) }
        case .statutoryStatusStarted(let status, _): activeStatuses.insert(status.rawValue)
        case .statutoryStatusEnded(let status, _): activeStatuses.remove(status.rawValue)
        case .disputeRaised(let id, _, _, _, _, _): disputes[id] = true
        case .disputeResolved(let id, _, _, _): disputes[id] = false
        default: break
        }
    }
}
