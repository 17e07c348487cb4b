/// The `data` of every event type, field by field (DOMAIN.md, "Event types (v1)").
public enum EventCatalogue {
    private static let id = FieldKind.identifier
    private static let optionalId = FieldKind.nullable(.identifier)

    /// The fields of `type`'s `data`, in the contract's order: every one required, no others
    /// allowed. The table lists every type.
    public static func dataFields(of type: EventType) -> [Field] {
        table[type]!
    }

    private static let table: [EventType: [Field]] = [
        .localAuthorityRegistered: [
            Field("authorityId", id), Field("name", .name), Field("directorOfChildrensServices", .name),
        ],
        .agencyRegistered: [
            Field("agencyId", id), Field("name", .name), Field("authorityId", id),
            Field("sector", .enumeration(Vocabulary.sectors)), Field("service", .enumeration(Vocabulary.services)),
        ],
        .practitionerRegistered: [
            Field("practitionerId", id), Field("name", .name), Field("agencyId", id),
            Field("role", .enumeration(Vocabulary.roles)), Field("lineManagerId", optionalId),
        ],
        .practitionerLineManagerChanged: [Field("practitionerId", id), Field("lineManagerId", optionalId)],
        .practitionerMovedAgency: [
            Field("practitionerId", id), Field("agencyId", id), Field("lineManagerId", optionalId),
        ],
        .practitionerLeft: [Field("practitionerId", id), Field("leftOn", .date)],
        .caseOpened: [
            Field("caseId", id), Field("childId", id), Field("dateOfBirth", .nullable(.date)),
            Field("gender", .enumeration(Vocabulary.genders)), Field("ethnicity", .enumeration(Vocabulary.ethnicities)),
            Field("openedOn", .date), Field("openedBy", id),
        ],
        .consentRecorded: [
            Field("scope", .enumeration(Vocabulary.consentScopes)),
            Field("givenBy", .enumeration(Vocabulary.consentGivers)), Field("givenOn", .date),
        ],
        .consentWithdrawn: [
            Field("scope", .enumeration(Vocabulary.consentScopes)),
            Field("givenBy", .enumeration(Vocabulary.consentGivers)), Field("withdrawnOn", .date),
        ],
        .cafStarted: [Field("cafId", id), Field("assessor", id), Field("startedOn", .date)],
        .cafCompleted: [
            Field("cafId", id), Field("completedOn", .date),
            Field(
                "needs",
                .array(
                    .object([
                        Field("needId", id), Field("domain", .enumeration(Vocabulary.needDomains)),
                        Field("outcome", .enumeration(Vocabulary.outcomes)), Field("summary", .text),
                    ]))),
            Field("strengths", .array(.text)), Field("multiAgency", .boolean),
        ],
        .tacMemberJoined: [Field("practitionerId", id), Field("joinedOn", .date)],
        .tacMemberLeft: [Field("practitionerId", id), Field("leftOn", .date), Field("reason", .text)],
        .tacMeetingHeld: [
            Field("meetingId", id), Field("kind", .enumeration(Vocabulary.meetingKinds)), Field("heldOn", .date),
            Field("chair", id), Field("attendees", .array(id)), Field("familyPresent", .boolean),
            Field("nextReviewDue", .nullable(.date)),
        ],
        .leadProfessionalAppointed: [
            Field("practitionerId", id), Field("appointedOn", .date), Field("meetingId", optionalId),
            Field("criteria", .array(.enumeration(Vocabulary.leadProfessionalCriteria))),
            Field("agreedWithFamily", .boolean),
        ],
        .leadProfessionalHandedOver: [
            Field("from", id), Field("to", id), Field("handedOverOn", .date),
            Field("reason", .enumeration(Vocabulary.handoverReasons)), Field("meetingId", optionalId),
        ],
        .leadProfessionalCoverArranged: [
            Field("coverPractitionerId", id), Field("fromDate", .date), Field("untilDate", .date),
            Field("reason", .text),
        ],
        .leadProfessionalStoodDown: [Field("practitionerId", id), Field("stoodDownOn", .date), Field("reason", .text)],
        .actionAgreed: [
            Field("actionId", id), Field("description", .text), Field("owner", .owner), Field("needId", optionalId),
            Field("agreedOn", .date), Field("dueOn", .date), Field("meetingId", optionalId),
        ],
        .actionProgressRecorded: [Field("actionId", id), Field("note", .text), Field("recordedOn", .date)],
        .actionDueDateRevised: [Field("actionId", id), Field("dueOn", .date), Field("reason", .text)],
        .actionReassigned: [Field("actionId", id), Field("owner", .owner), Field("reason", .text)],
        .actionCompleted: [Field("actionId", id), Field("completedOn", .date), Field("note", .nullable(.text))],
        .actionCancelled: [Field("actionId", id), Field("cancelledOn", .date), Field("reason", .text)],
        .actionEscalated: [
            Field("actionId", id), Field("escalatedOn", .date),
            Field("escalatedTo", .enumeration(Vocabulary.escalationTargets)), Field("reason", .text),
        ],
        .statutoryStatusStarted: [
            Field("status", .enumeration(Vocabulary.statutoryStatuses)), Field("startedOn", .date),
        ],
        .statutoryStatusEnded: [Field("status", .enumeration(Vocabulary.statutoryStatuses)), Field("endedOn", .date)],
        .disputeRaised: [
            Field("disputeId", id), Field("about", .enumeration(Vocabulary.disputeSubjects)), Field("raisedBy", id),
            Field("raisedOn", .date), Field("actionId", optionalId), Field("summary", .text),
        ],
        .disputeResolved: [
            Field("disputeId", id), Field("resolvedOn", .date), Field("resolvedBy", id), Field("resolution", .text),
        ],
        .caseClosed: [Field("closedOn", .date), Field("reason", .enumeration(Vocabulary.closureReasons))],
        .caseReopened: [Field("reopenedOn", .date), Field("reason", .text)],
    ]
}
