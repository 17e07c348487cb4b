extension DomainEvent {
    /// Decodes `type`'s data from `f`: the one place where each type's fields are read, in the
    /// catalogue's order and by the catalogue's kinds (`EventCatalogueTests` holds the two to
    /// each other). Nullable fields decode as optionals; a missing or mistyped field throws,
    /// naming it.
    ///
    /// Inlinable so that replay, in another module, gets it specialised for its own reader.
    @inlinable
    public init(type: EventType, reading f: some EventDataReader) throws(EventDataError) {
        switch type {
        case .localAuthorityRegistered:
            self = .localAuthorityRegistered(
                authorityId: try f.identifier("authorityId"), name: try f.name("name"),
                director: try f.name("directorOfChildrensServices"))
        case .agencyRegistered:
            self = .agencyRegistered(
                agencyId: try f.identifier("agencyId"), name: try f.name("name"),
                authorityId: try f.identifier("authorityId"), sector: try f.enumeration("sector", as: Sector.self),
                service: try f.enumeration("service", as: AgencyService.self))
        case .practitionerRegistered:
            self = .practitionerRegistered(
                practitionerId: try f.identifier("practitionerId"), name: try f.name("name"),
                agencyId: try f.identifier("agencyId"), role: try f.enumeration("role", as: PractitionerRole.self),
                lineManagerId: try f.optionalIdentifier("lineManagerId"))
        case .practitionerLineManagerChanged:
            self = .practitionerLineManagerChanged(
                practitionerId: try f.identifier("practitionerId"),
                lineManagerId: try f.optionalIdentifier("lineManagerId"))
        case .practitionerMovedAgency:
            self = .practitionerMovedAgency(
                practitionerId: try f.identifier("practitionerId"), agencyId: try f.identifier("agencyId"),
                lineManagerId: try f.optionalIdentifier("lineManagerId"))
        case .practitionerLeft:
            self = .practitionerLeft(practitionerId: try f.identifier("practitionerId"), leftOn: try f.date("leftOn"))
        default:
            self = try Self.caseEvent(type, f)
        }
    }

    @inlinable
    static func caseEvent(_ type: EventType, _ f: some EventDataReader) throws(EventDataError) -> DomainEvent {
        switch type {
        case .caseOpened:
            return .caseOpened(
                CaseOpened(
                    caseId: try f.identifier("caseId"), childId: try f.identifier("childId"),
                    dateOfBirth: try f.optionalDate("dateOfBirth"), gender: try f.enumeration("gender", as: Gender.self),
                    ethnicity: try f.enumeration("ethnicity", as: Ethnicity.self), openedOn: try f.date("openedOn"),
                    openedBy: try f.identifier("openedBy")))
        case .consentRecorded:
            return .consentRecorded(
                scope: try f.enumeration("scope", as: ConsentScope.self),
                givenBy: try f.enumeration("givenBy", as: ConsentGiver.self), givenOn: try f.date("givenOn"))
        case .consentWithdrawn:
            return .consentWithdrawn(
                scope: try f.enumeration("scope", as: ConsentScope.self),
                givenBy: try f.enumeration("givenBy", as: ConsentGiver.self), withdrawnOn: try f.date("withdrawnOn"))
        case .cafStarted:
            return .cafStarted(
                cafId: try f.identifier("cafId"), assessor: try f.identifier("assessor"),
                startedOn: try f.date("startedOn"))
        case .cafCompleted:
            return .cafCompleted(
                cafId: try f.identifier("cafId"), completedOn: try f.date("completedOn"), needs: try needs(f),
                strengths: try f.texts("strengths"), multiAgency: try f.bool("multiAgency"))
        case .tacMemberJoined:
            return .tacMemberJoined(practitionerId: try f.identifier("practitionerId"), joinedOn: try f.date("joinedOn"))
        case .tacMemberLeft:
            return .tacMemberLeft(
                practitionerId: try f.identifier("practitionerId"), leftOn: try f.date("leftOn"),
                reason: try f.text("reason"))
        case .tacMeetingHeld:
            return .tacMeetingHeld(
                Meeting(
                    meetingId: try f.identifier("meetingId"), kind: try f.enumeration("kind", as: MeetingKind.self),
                    heldOn: try f.date("heldOn"), chair: try f.identifier("chair"),
                    attendees: try f.identifiers("attendees"), familyPresent: try f.bool("familyPresent"),
                    nextReviewDue: try f.optionalDate("nextReviewDue")))
        case .leadProfessionalAppointed:
            return .leadProfessionalAppointed(
                practitionerId: try f.identifier("practitionerId"), appointedOn: try f.date("appointedOn"),
                meetingId: try f.optionalIdentifier("meetingId"),
                criteria: try f.enumerations("criteria", as: LeadProfessionalCriterion.self),
                agreedWithFamily: try f.bool("agreedWithFamily"))
        case .leadProfessionalHandedOver:
            return .leadProfessionalHandedOver(
                from: try f.identifier("from"), to: try f.identifier("to"), handedOverOn: try f.date("handedOverOn"),
                reason: try f.enumeration("reason", as: HandoverReason.self),
                meetingId: try f.optionalIdentifier("meetingId"))
        case .leadProfessionalCoverArranged:
            return .leadProfessionalCoverArranged(
                Cover(
                    practitionerId: try f.identifier("coverPractitionerId"), fromDate: try f.date("fromDate"),
                    untilDate: try f.date("untilDate"), reason: try f.text("reason")))
        case .leadProfessionalStoodDown:
            return .leadProfessionalStoodDown(
                practitionerId: try f.identifier("practitionerId"), stoodDownOn: try f.date("stoodDownOn"),
                reason: try f.text("reason"))
        default:
            return try actionEvent(type, f)
        }
    }

    @inlinable
    static func actionEvent(_ type: EventType, _ f: some EventDataReader) throws(EventDataError) -> DomainEvent {
        switch type {
        case .actionAgreed:
            return .actionAgreed(
                actionId: try f.identifier("actionId"), description: try f.text("description"),
                owner: try f.owner("owner"), needId: try f.optionalIdentifier("needId"),
                agreedOn: try f.date("agreedOn"), dueOn: try f.date("dueOn"),
                meetingId: try f.optionalIdentifier("meetingId"))
        case .actionProgressRecorded:
            return .actionProgressRecorded(
                actionId: try f.identifier("actionId"), note: try f.unkeptText("note"),
                recordedOn: try f.date("recordedOn"))
        case .actionDueDateRevised:
            return .actionDueDateRevised(
                actionId: try f.identifier("actionId"), dueOn: try f.date("dueOn"), reason: try f.unkeptText("reason"))
        case .actionReassigned:
            return .actionReassigned(
                actionId: try f.identifier("actionId"), owner: try f.owner("owner"),
                reason: try f.unkeptText("reason"))
        case .actionCompleted:
            return .actionCompleted(
                actionId: try f.identifier("actionId"), completedOn: try f.date("completedOn"),
                note: try f.optionalText("note"))
        case .actionCancelled:
            return .actionCancelled(
                actionId: try f.identifier("actionId"), cancelledOn: try f.date("cancelledOn"),
                reason: try f.text("reason"))
        case .actionEscalated:
            return .actionEscalated(
                actionId: try f.identifier("actionId"),
                escalation: Escalation(
                    on: try f.date("escalatedOn"), to: try f.enumeration("escalatedTo", as: EscalationTarget.self),
                    reason: try f.text("reason")))
        case .statutoryStatusStarted:
            return .statutoryStatusStarted(
                status: try f.enumeration("status", as: StatutoryStatus.self), startedOn: try f.date("startedOn"))
        case .statutoryStatusEnded:
            return .statutoryStatusEnded(
                status: try f.enumeration("status", as: StatutoryStatus.self), endedOn: try f.date("endedOn"))
        case .disputeRaised:
            return .disputeRaised(
                disputeId: try f.identifier("disputeId"), about: try f.enumeration("about", as: DisputeSubject.self),
                raisedBy: try f.identifier("raisedBy"), raisedOn: try f.date("raisedOn"),
                actionId: try f.optionalIdentifier("actionId"), summary: try f.text("summary"))
        case .disputeResolved:
            return .disputeResolved(
                disputeId: try f.identifier("disputeId"), resolvedOn: try f.date("resolvedOn"),
                resolvedBy: try f.identifier("resolvedBy"), resolution: try f.text("resolution"))
        case .caseClosed:
            return .caseClosed(
                closedOn: try f.date("closedOn"), reason: try f.enumeration("reason", as: ClosureReason.self))
        case .caseReopened:
            return .caseReopened(reopenedOn: try f.date("reopenedOn"), reason: try f.text("reason"))
        default:
            // Every type is one of the three groups; this answers a type added to `EventType`
            // but not here with an error rather than a trap.
            throw EventDataError(field: "type", problem: "\(type.rawValue) has no decoder")
        }
    }

    @inlinable
    static func needs(_ f: some EventDataReader) throws(EventDataError) -> [Need] {
        var result: [Need] = []
        for need in try f.objects("needs") {
            result.append(
                Need(
                    needId: try need.identifier("needId"), domain: try need.enumeration("domain", as: NeedDomain.self),
                    outcome: try need.enumeration("outcome", as: Outcome.self), summary: try need.text("summary")))
        }
        return result
    }
}
