import Ledger

extension DomainEvent {
    /// Decodes `type`'s data. Fields the catalogue marks nullable decode as optionals.
    init(type: EventType, fields f: DataFields) throws(DataFields.Failure) {
        switch type {
        case .localAuthorityRegistered:
            self = .localAuthorityRegistered(
                authorityId: try f.string("authorityId"), name: try f.string("name"),
                director: try f.string("directorOfChildrensServices"))
        case .agencyRegistered:
            self = .agencyRegistered(
                agencyId: try f.string("agencyId"), name: try f.string("name"), authorityId: try f.string("authorityId"),
                sector: try f.string("sector"), service: try f.string("service"))
        case .practitionerRegistered:
            self = .practitionerRegistered(
                practitionerId: try f.string("practitionerId"), name: try f.string("name"),
                agencyId: try f.string("agencyId"), role: try f.string("role"),
                lineManagerId: try f.optionalString("lineManagerId"))
        case .practitionerLineManagerChanged:
            self = .practitionerLineManagerChanged(
                practitionerId: try f.string("practitionerId"), lineManagerId: try f.optionalString("lineManagerId"))
        case .practitionerMovedAgency:
            self = .practitionerMovedAgency(
                practitionerId: try f.string("practitionerId"), agencyId: try f.string("agencyId"),
                lineManagerId: try f.optionalString("lineManagerId"))
        case .practitionerLeft:
            self = .practitionerLeft(practitionerId: try f.string("practitionerId"), leftOn: try f.date("leftOn"))
        case .caseOpened:
            self = .caseOpened(
                CaseOpened(
                    caseId: try f.string("caseId"), childId: try f.string("childId"),
                    dateOfBirth: try f.optionalDate("dateOfBirth"), gender: try f.string("gender"),
                    ethnicity: try f.string("ethnicity"), openedOn: try f.date("openedOn"),
                    openedBy: try f.string("openedBy")))
        case .consentRecorded:
            self = .consentRecorded(scope: try f.string("scope"), givenBy: try f.string("givenBy"), givenOn: try f.date("givenOn"))
        case .consentWithdrawn:
            self = .consentWithdrawn(
                scope: try f.string("scope"), givenBy: try f.string("givenBy"), withdrawnOn: try f.date("withdrawnOn"))
        case .cafStarted:
            self = .cafStarted(cafId: try f.string("cafId"), assessor: try f.string("assessor"), startedOn: try f.date("startedOn"))
        case .cafCompleted:
            self = .cafCompleted(
                cafId: try f.string("cafId"), completedOn: try f.date("completedOn"), needs: try f.needs("needs"),
                strengths: try f.strings("strengths"), multiAgency: try f.bool("multiAgency"))
        case .tacMemberJoined:
            self = .tacMemberJoined(practitionerId: try f.string("practitionerId"), joinedOn: try f.date("joinedOn"))
        case .tacMemberLeft:
            self = .tacMemberLeft(
                practitionerId: try f.string("practitionerId"), leftOn: try f.date("leftOn"), reason: try f.string("reason"))
        case .tacMeetingHeld:
            self = .tacMeetingHeld(
                MeetingRecord(
                    meetingId: try f.string("meetingId"), kind: try f.string("kind"), heldOn: try f.date("heldOn"),
                    chair: try f.string("chair"), attendees: try f.strings("attendees"),
                    familyPresent: try f.bool("familyPresent"), nextReviewDue: try f.optionalDate("nextReviewDue")))
        case .leadProfessionalAppointed:
            self = .leadProfessionalAppointed(
                practitionerId: try f.string("practitionerId"), appointedOn: try f.date("appointedOn"),
                meetingId: try f.optionalString("meetingId"))
        case .leadProfessionalHandedOver:
            self = .leadProfessionalHandedOver(
                from: try f.string("from"), to: try f.string("to"), handedOverOn: try f.date("handedOverOn"),
                reason: try f.string("reason"), meetingId: try f.optionalString("meetingId"))
        case .leadProfessionalCoverArranged:
            self = .leadProfessionalCoverArranged(
                CoverRecord(
                    practitionerId: try f.string("coverPractitionerId"), fromDate: try f.date("fromDate"),
                    untilDate: try f.date("untilDate"), reason: try f.string("reason")))
        case .leadProfessionalStoodDown:
            self = .leadProfessionalStoodDown(
                practitionerId: try f.string("practitionerId"), stoodDownOn: try f.date("stoodDownOn"),
                reason: try f.string("reason"))
        case .actionAgreed:
            self = .actionAgreed(
                actionId: try f.string("actionId"), description: try f.string("description"), owner: try f.owner("owner"),
                needId: try f.optionalString("needId"), agreedOn: try f.date("agreedOn"), dueOn: try f.date("dueOn"),
                meetingId: try f.optionalString("meetingId"))
        case .actionProgressRecorded:
            self = .actionProgressRecorded(actionId: try f.string("actionId"), recordedOn: try f.date("recordedOn"))
        case .actionDueDateRevised:
            self = .actionDueDateRevised(actionId: try f.string("actionId"), dueOn: try f.date("dueOn"))
        case .actionReassigned:
            self = .actionReassigned(actionId: try f.string("actionId"), owner: try f.owner("owner"))
        case .actionCompleted:
            self = .actionCompleted(
                actionId: try f.string("actionId"), completedOn: try f.date("completedOn"), note: try f.optionalString("note"))
        case .actionCancelled:
            self = .actionCancelled(
                actionId: try f.string("actionId"), cancelledOn: try f.date("cancelledOn"), reason: try f.string("reason"))
        case .actionEscalated:
            self = .actionEscalated(
                actionId: try f.string("actionId"),
                escalation: Escalation(on: try f.date("escalatedOn"), to: try f.string("escalatedTo"), reason: try f.string("reason")))
        case .statutoryStatusStarted:
            self = .statutoryStatusStarted(status: try f.string("status"), startedOn: try f.date("startedOn"))
        case .statutoryStatusEnded:
            self = .statutoryStatusEnded(status: try f.string("status"), endedOn: try f.date("endedOn"))
        case .disputeRaised:
            self = .disputeRaised(
                DisputeRecord(
                    disputeId: try f.string("disputeId"), about: try f.string("about"), raisedBy: try f.string("raisedBy"),
                    raisedOn: try f.date("raisedOn"), actionId: try f.optionalString("actionId"),
                    summary: try f.string("summary")))
        case .disputeResolved:
            self = .disputeResolved(
                disputeId: try f.string("disputeId"), resolvedOn: try f.date("resolvedOn"),
                resolvedBy: try f.string("resolvedBy"), resolution: try f.string("resolution"))
        case .caseClosed:
            self = .caseClosed(closedOn: try f.date("closedOn"), reason: try f.string("reason"))
        case .caseReopened:
            self = .caseReopened(reopenedOn: try f.date("reopenedOn"), reason: try f.string("reason"))
        }
    }
}
