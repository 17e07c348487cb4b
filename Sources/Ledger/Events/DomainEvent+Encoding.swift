extension DomainEvent {
    /// The event's `data` as the contract writes it: every field of its type, in the
    /// catalogue's order, nullable ones as JSON null. Decoding it gives this event back
    /// (`EventCatalogueTests` holds the two, and the names, to each other).
    public var data: JSONObject {
        JSONObject(members)
    }

    private var members: [(key: String, value: JSONValue)] {
        switch self {
        case .localAuthorityRegistered(let authorityId, let name, let director):
            [("authorityId", Self.value(authorityId)), ("name", .string(name)), ("directorOfChildrensServices", .string(director))]
        case .agencyRegistered(let agencyId, let name, let authorityId, let sector, let service):
            [
                ("agencyId", Self.value(agencyId)), ("name", .string(name)), ("authorityId", Self.value(authorityId)),
                ("sector", Self.value(sector)), ("service", Self.value(service)),
            ]
        case .practitionerRegistered(let practitionerId, let name, let agencyId, let role, let lineManagerId):
            [
                ("practitionerId", Self.value(practitionerId)), ("name", .string(name)), ("agencyId", Self.value(agencyId)),
                ("role", Self.value(role)), ("lineManagerId", Self.value(lineManagerId)),
            ]
        case .practitionerLineManagerChanged(let practitionerId, let lineManagerId):
            [("practitionerId", Self.value(practitionerId)), ("lineManagerId", Self.value(lineManagerId))]
        case .practitionerMovedAgency(let practitionerId, let agencyId, let lineManagerId):
            [
                ("practitionerId", Self.value(practitionerId)), ("agencyId", Self.value(agencyId)),
                ("lineManagerId", Self.value(lineManagerId)),
            ]
        case .practitionerLeft(let practitionerId, let leftOn):
            [("practitionerId", Self.value(practitionerId)), ("leftOn", Self.value(leftOn))]
        case .caseOpened(let o):
            [
                ("caseId", Self.value(o.caseId)), ("childId", Self.value(o.childId)), ("dateOfBirth", Self.value(o.dateOfBirth)),
                ("gender", Self.value(o.gender)), ("ethnicity", Self.value(o.ethnicity)),
                ("openedOn", Self.value(o.openedOn)), ("openedBy", Self.value(o.openedBy)),
            ]
        case .consentRecorded(let scope, let givenBy, let givenOn):
            [("scope", Self.value(scope)), ("givenBy", Self.value(givenBy)), ("givenOn", Self.value(givenOn))]
        case .consentWithdrawn(let scope, let givenBy, let withdrawnOn):
            [("scope", Self.value(scope)), ("givenBy", Self.value(givenBy)), ("withdrawnOn", Self.value(withdrawnOn))]
        case .cafStarted(let cafId, let assessor, let startedOn):
            [("cafId", Self.value(cafId)), ("assessor", Self.value(assessor)), ("startedOn", Self.value(startedOn))]
        case .cafCompleted(let cafId, let completedOn, let needs, let strengths, let multiAgency):
            [
                ("cafId", Self.value(cafId)), ("completedOn", Self.value(completedOn)),
                ("needs", .array(needs.map { Self.value($0) })), ("strengths", .array(strengths.map(JSONValue.string))),
                ("multiAgency", .bool(multiAgency)),
            ]
        case .tacMemberJoined(let practitionerId, let joinedOn):
            [("practitionerId", Self.value(practitionerId)), ("joinedOn", Self.value(joinedOn))]
        case .tacMemberLeft(let practitionerId, let leftOn, let reason):
            [("practitionerId", Self.value(practitionerId)), ("leftOn", Self.value(leftOn)), ("reason", .string(reason))]
        case .tacMeetingHeld(let m):
            [
                ("meetingId", Self.value(m.meetingId)), ("kind", Self.value(m.kind)), ("heldOn", Self.value(m.heldOn)),
                ("chair", Self.value(m.chair)), ("attendees", .array(m.attendees.map { Self.value($0) })),
                ("familyPresent", .bool(m.familyPresent)), ("nextReviewDue", Self.value(m.nextReviewDue)),
            ]
        case .leadProfessionalAppointed(let practitionerId, let appointedOn, let meetingId, let criteria, let agreed):
            [
                ("practitionerId", Self.value(practitionerId)), ("appointedOn", Self.value(appointedOn)),
                ("meetingId", Self.value(meetingId)), ("criteria", .array(criteria.map { Self.value($0) })),
                ("agreedWithFamily", .bool(agreed)),
            ]
        case .leadProfessionalHandedOver(let from, let to, let handedOverOn, let reason, let meetingId):
            [
                ("from", Self.value(from)), ("to", Self.value(to)), ("handedOverOn", Self.value(handedOverOn)),
                ("reason", Self.value(reason)), ("meetingId", Self.value(meetingId)),
            ]
        case .leadProfessionalCoverArranged(let c):
            [
                ("coverPractitionerId", Self.value(c.practitionerId)), ("fromDate", Self.value(c.fromDate)),
                ("untilDate", Self.value(c.untilDate)), ("reason", .string(c.reason)),
            ]
        case .leadProfessionalStoodDown(let practitionerId, let stoodDownOn, let reason):
            [("practitionerId", Self.value(practitionerId)), ("stoodDownOn", Self.value(stoodDownOn)), ("reason", .string(reason))]
        default:
            actionMembers
        }
    }

    private var actionMembers: [(key: String, value: JSONValue)] {
        switch self {
        case .actionAgreed(let actionId, let description, let owner, let needId, let agreedOn, let dueOn, let meetingId):
            [
                ("actionId", Self.value(actionId)), ("description", .string(description)), ("owner", Self.value(owner)),
                ("needId", Self.value(needId)), ("agreedOn", Self.value(agreedOn)), ("dueOn", Self.value(dueOn)),
                ("meetingId", Self.value(meetingId)),
            ]
        case .actionProgressRecorded(let actionId, let note, let recordedOn):
            [("actionId", Self.value(actionId)), ("note", .string(note)), ("recordedOn", Self.value(recordedOn))]
        case .actionDueDateRevised(let actionId, let dueOn, let reason):
            [("actionId", Self.value(actionId)), ("dueOn", Self.value(dueOn)), ("reason", .string(reason))]
        case .actionReassigned(let actionId, let owner, let reason):
            [("actionId", Self.value(actionId)), ("owner", Self.value(owner)), ("reason", .string(reason))]
        case .actionCompleted(let actionId, let completedOn, let note):
            [("actionId", Self.value(actionId)), ("completedOn", Self.value(completedOn)), ("note", Self.value(note))]
        case .actionCancelled(let actionId, let cancelledOn, let reason):
            [("actionId", Self.value(actionId)), ("cancelledOn", Self.value(cancelledOn)), ("reason", .string(reason))]
        case .actionEscalated(let actionId, let e):
            [
                ("actionId", Self.value(actionId)), ("escalatedOn", Self.value(e.on)), ("escalatedTo", Self.value(e.to)),
                ("reason", .string(e.reason)),
            ]
        case .statutoryStatusStarted(let status, let startedOn):
            [("status", Self.value(status)), ("startedOn", Self.value(startedOn))]
        case .statutoryStatusEnded(let status, let endedOn):
            [("status", Self.value(status)), ("endedOn", Self.value(endedOn))]
        case .disputeRaised(let disputeId, let about, let raisedBy, let raisedOn, let actionId, let summary):
            [
                ("disputeId", Self.value(disputeId)), ("about", Self.value(about)), ("raisedBy", Self.value(raisedBy)),
                ("raisedOn", Self.value(raisedOn)), ("actionId", Self.value(actionId)), ("summary", .string(summary)),
            ]
        case .disputeResolved(let disputeId, let resolvedOn, let resolvedBy, let resolution):
            [
                ("disputeId", Self.value(disputeId)), ("resolvedOn", Self.value(resolvedOn)),
                ("resolvedBy", Self.value(resolvedBy)), ("resolution", .string(resolution)),
            ]
        case .caseClosed(let closedOn, let reason):
            [("closedOn", Self.value(closedOn)), ("reason", Self.value(reason))]
        case .caseReopened(let reopenedOn, let reason):
            [("reopenedOn", Self.value(reopenedOn)), ("reason", .string(reason))]
        default:
            // `members` answers every other type before asking here.
            []
        }
    }

    private static func value(_ date: CalendarDate) -> JSONValue { .string(date.description) }
    private static func value(_ date: CalendarDate?) -> JSONValue { date.map { value($0) } ?? .null }
    private static func value(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    private static func value(_ value: some ContractEnumeration) -> JSONValue { .string(value.rawValue) }
    private static func value<Kind>(_ id: Identifier<Kind>) -> JSONValue { .string(id.rawValue) }
    private static func value<Kind>(_ id: Identifier<Kind>?) -> JSONValue { id.map { value($0) } ?? .null }

    private static func value(_ need: Need) -> JSONValue {
        .object(
            JSONObject([
                ("needId", value(need.needId)), ("domain", value(need.domain)), ("outcome", value(need.outcome)),
                ("summary", .string(need.summary)),
            ]))
    }

    private static func value(_ owner: ActionOwner) -> JSONValue {
        switch owner {
        case .practitioner(let id): .object(JSONObject([("practitionerId", value(id))]))
        case .family(let member): .object(JSONObject([("familyMember", value(member))]))
        }
    }
}
