extension DomainEvent {
    /// The event's `data` as the contract writes it: every field of its type, in the
    /// catalogue's order, nullable ones as JSON null. Decoding it gives this event back
    /// (`EventCatalogueTests` holds the two to each other).
    public var data: JSONObject {
        var writer = JSONDataWriter(EventCatalogue.dataFields(of: type))
        write(to: &writer)
        return writer.object
    }

    /// Appends `data` as one line of JSON to `out`: the bytes `CompactJSON` writes for
    /// `data`, without building it first.
    public func writeData(into out: inout [UInt8]) {
        CompactDataWriter.write(EventCatalogue.dataFields(of: type), into: &out) { write(to: &$0) }
    }

    /// Writes the event's fields to `w`, values only, in the order the decoder
    /// (`init(type:reading:)`) reads them: the writer names each from the catalogue, which is
    /// learnt from the decoder, so no field's name is spelt here.
    public func write(to w: inout some EventDataWriter) {
        switch self {
        case .localAuthorityRegistered(let authorityId, let name, let director):
            w.identifier(authorityId)
            w.name(name)
            w.name(director)
        case .agencyRegistered(let agencyId, let name, let authorityId, let sector, let service):
            w.identifier(agencyId)
            w.name(name)
            w.identifier(authorityId)
            w.enumeration(sector)
            w.enumeration(service)
        case .practitionerRegistered(let practitionerId, let name, let agencyId, let role, let lineManagerId):
            w.identifier(practitionerId)
            w.name(name)
            w.identifier(agencyId)
            w.enumeration(role)
            w.optionalIdentifier(lineManagerId)
        case .practitionerLineManagerChanged(let practitionerId, let lineManagerId):
            w.identifier(practitionerId)
            w.optionalIdentifier(lineManagerId)
        case .practitionerMovedAgency(let practitionerId, let agencyId, let lineManagerId):
            w.identifier(practitionerId)
            w.identifier(agencyId)
            w.optionalIdentifier(lineManagerId)
        case .practitionerLeft(let practitionerId, let leftOn):
            w.identifier(practitionerId)
            w.date(leftOn)
        default:
            writeCaseEvent(to: &w)
        }
    }

    private func writeCaseEvent(to w: inout some EventDataWriter) {
        switch self {
        case .caseOpened(let o):
            w.identifier(o.caseId)
            w.identifier(o.childId)
            w.optionalDate(o.dateOfBirth)
            w.enumeration(o.gender)
            w.enumeration(o.ethnicity)
            w.date(o.openedOn)
            w.identifier(o.openedBy)
        case .consentRecorded(let scope, let givenBy, let givenOn):
            w.enumeration(scope)
            w.enumeration(givenBy)
            w.date(givenOn)
        case .consentWithdrawn(let scope, let givenBy, let withdrawnOn):
            w.enumeration(scope)
            w.enumeration(givenBy)
            w.date(withdrawnOn)
        case .cafStarted(let cafId, let assessor, let startedOn):
            w.identifier(cafId)
            w.identifier(assessor)
            w.date(startedOn)
        case .cafCompleted(let cafId, let completedOn, let needs, let strengths, let multiAgency):
            w.identifier(cafId)
            w.date(completedOn)
            w.objects(needs) { w, need in
                w.identifier(need.needId)
                w.enumeration(need.domain)
                w.enumeration(need.outcome)
                w.text(need.summary)
            }
            w.texts(strengths)
            w.bool(multiAgency)
        case .tacMemberJoined(let practitionerId, let joinedOn):
            w.identifier(practitionerId)
            w.date(joinedOn)
        case .tacMemberLeft(let practitionerId, let leftOn, let reason):
            w.identifier(practitionerId)
            w.date(leftOn)
            w.text(reason)
        case .tacMeetingHeld(let m):
            w.identifier(m.meetingId)
            w.enumeration(m.kind)
            w.date(m.heldOn)
            w.identifier(m.chair)
            w.identifiers(m.attendees)
            w.bool(m.familyPresent)
            w.optionalDate(m.nextReviewDue)
        case .leadProfessionalAppointed(let practitionerId, let appointedOn, let meetingId, let criteria, let agreed):
            w.identifier(practitionerId)
            w.date(appointedOn)
            w.optionalIdentifier(meetingId)
            w.enumerations(criteria)
            w.bool(agreed)
        case .leadProfessionalHandedOver(let from, let to, let handedOverOn, let reason, let meetingId):
            w.identifier(from)
            w.identifier(to)
            w.date(handedOverOn)
            w.enumeration(reason)
            w.optionalIdentifier(meetingId)
        case .leadProfessionalCoverArranged(let c):
            w.identifier(c.practitionerId)
            w.date(c.fromDate)
            w.date(c.untilDate)
            w.text(c.reason)
        case .leadProfessionalStoodDown(let practitionerId, let stoodDownOn, let reason):
            w.identifier(practitionerId)
            w.date(stoodDownOn)
            w.text(reason)
        default:
            writeActionEvent(to: &w)
        }
    }

    private func writeActionEvent(to w: inout some EventDataWriter) {
        switch self {
        case .actionAgreed(let actionId, let description, let owner, let needId, let agreedOn, let dueOn, let meetingId):
            w.identifier(actionId)
            w.text(description)
            w.owner(owner)
            w.optionalIdentifier(needId)
            w.date(agreedOn)
            w.date(dueOn)
            w.optionalIdentifier(meetingId)
        case .actionProgressRecorded(let actionId, let note, let recordedOn):
            w.identifier(actionId)
            w.text(note)
            w.date(recordedOn)
        case .actionDueDateRevised(let actionId, let dueOn, let reason):
            w.identifier(actionId)
            w.date(dueOn)
            w.text(reason)
        case .actionReassigned(let actionId, let owner, let reason):
            w.identifier(actionId)
            w.owner(owner)
            w.text(reason)
        case .actionCompleted(let actionId, let completedOn, let note):
            w.identifier(actionId)
            w.date(completedOn)
            w.optionalText(note)
        case .actionCancelled(let actionId, let cancelledOn, let reason):
            w.identifier(actionId)
            w.date(cancelledOn)
            w.text(reason)
        case .actionEscalated(let actionId, let e):
            w.identifier(actionId)
            w.date(e.on)
            w.enumeration(e.to)
            w.text(e.reason)
        case .statutoryStatusStarted(let status, let startedOn):
            w.enumeration(status)
            w.date(startedOn)
        case .statutoryStatusEnded(let status, let endedOn):
            w.enumeration(status)
            w.date(endedOn)
        case .disputeRaised(let disputeId, let about, let raisedBy, let raisedOn, let actionId, let summary):
            w.identifier(disputeId)
            w.enumeration(about)
            w.identifier(raisedBy)
            w.date(raisedOn)
            w.optionalIdentifier(actionId)
            w.text(summary)
        case .disputeResolved(let disputeId, let resolvedOn, let resolvedBy, let resolution):
            w.identifier(disputeId)
            w.date(resolvedOn)
            w.identifier(resolvedBy)
            w.text(resolution)
        case .caseClosed(let closedOn, let reason):
            w.date(closedOn)
            w.enumeration(reason)
        case .caseReopened(let reopenedOn, let reason):
            w.date(reopenedOn)
            w.text(reason)
        default:
            // `write(to:)` and `writeCaseEvent` answer every other type before asking here.
            assertionFailure("\(type.rawValue) has no encoder")
        }
    }
}
