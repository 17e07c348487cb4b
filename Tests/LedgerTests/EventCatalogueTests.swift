import Testing

@testable import Ledger

/// Holds every typed event against the contract: the catalogue is learnt from the decoders of
/// `DomainEvent`, so this compares it with DOMAIN.md's table written out independently, field
/// by field and kind by kind (vocabularies included), and checks the decoder on real data.
@Suite struct EventCatalogueTests {
    @Test func everyTypeHasExactlyTheContractsFields() {
        for type in EventType.allCases {
            let actual = EventCatalogue.dataFields(of: type).map(Self.describe)
            let expected = (Self.expected[type] ?? []).map(Self.describe)
            #expect(!expected.isEmpty, "\(type.rawValue) is missing from the expected table")
            #expect(actual == expected, "\(type.rawValue)")
        }
    }

    @Test func decodingNamesAMissingOrMistypedField() throws {
        let data = try Self.object(#"{"cafId":"c1","assessor":"p1"}"#)
        #expect(throws: EventDataError.self) { try DomainEvent(type: .cafStarted, reading: JSONDataReader(data)) }
        do throws(EventDataError) {
            _ = try DomainEvent(type: .cafStarted, reading: JSONDataReader(data))
        } catch {
            #expect(error.message == "data.startedOn is missing")
        }
        let mistyped = try Self.object(#"{"cafId":"c1","assessor":7,"startedOn":"2025-01-01"}"#)
        do throws(EventDataError) {
            _ = try DomainEvent(type: .cafStarted, reading: JSONDataReader(mistyped))
            Issue.record("a number decoded as an identifier")
        } catch {
            #expect(error.field == "data.assessor")
        }
    }

    @Test func anUnlistedEnumerationValueStillDecodes() throws {
        // A value a later contract adds must not break the replay of events recorded with it.
        let data = try Self.object(#"{"status":"some-new-status","startedOn":"2025-01-01"}"#)
        let event = try DomainEvent(type: .statutoryStatusStarted, reading: JSONDataReader(data))
        guard case .statutoryStatusStarted(let status, _) = event else {
            Issue.record("decoded as \(event)")
            return
        }
        #expect(status.rawValue == "some-new-status")
        #expect(!status.isListed)
        let listed: StatutoryStatus = "child-protection-plan"
        #expect(listed.isListed)
    }

    @Test func nestedObjectsDecodeAndNameTheirPosition() throws {
        let data = try Self.object(
            #"{"cafId":"c1","completedOn":"2025-02-01","needs":[{"needId":"n1","domain":"parenting","outcome":"stay-safe","summary":"S"},{"needId":"n2","domain":"development","outcome":"be-healthy"}],"strengths":[],"multiAgency":true}"#)
        do throws(EventDataError) {
            _ = try DomainEvent(type: .cafCompleted, reading: JSONDataReader(data))
            Issue.record("a need without its summary decoded")
        } catch {
            #expect(error.field == "data.needs.1.summary")
        }
    }

    @Test func encodingWritesTheCatalogueAndDecodesBack() throws {
        // Every valid example of every type: the typed event written out is the data sent,
        // member for member in the catalogue's order (the writer names them from it, and
        // checks each value's kind against it), and reads back as the same event.
        var seen = Set<EventType>()
        for example in try ContractExamplesTests.examples() where example.kind == "valid" {
            let request = try AppendRequest.validating(example.request)
            seen.insert(request.type)
            let written = request.event.data
            #expect(written == request.data, "\(example.file) #\(example.index)")
            #expect(written.members.map(\.key) == EventCatalogue.dataFields(of: request.type).map(\.name))
            #expect(try DomainEvent(type: request.type, reading: JSONDataReader(written)) == request.event)
            // The request writer's bytes, written without the object, are the object's.
            var bytes: [UInt8] = [UInt8(ascii: "x")]
            request.event.writeData(into: &bytes)
            #expect(bytes == [UInt8(ascii: "x")] + CompactJSON.bytes(.object(written)), "\(example.file) #\(example.index)")
        }
        #expect(seen.count == EventType.allCases.count)
    }

    private static func object(_ text: String) throws -> JSONObject {
        guard case .object(let object) = try JSONParser.parse(Array(text.utf8)) else {
            throw EventDataError(field: "", problem: "not an object")
        }
        return object
    }

    static func describe(_ field: Field) -> String {
        "\(field.name): \(describe(field.kind))"
    }

    static func describe(_ kind: FieldKind) -> String {
        switch kind {
        case .identifier: "identifier"
        case .date: "date"
        case .name: "name"
        case .text: "text"
        case .boolean: "boolean"
        case .enumeration(let values): "enumeration(\(values.joined(separator: "|")))"
        case .nullable(let inner): "nullable(\(describe(inner)))"
        case .array(let element): "array(\(describe(element)))"
        case .object(let fields): "object(\(fields.map(describe).joined(separator: ", ")))"
        case .owner: "owner"
        }
    }

    private static let id = FieldKind.identifier
    private static let optionalId = FieldKind.nullable(.identifier)

    /// DOMAIN.md's "Event types (v1)", as the catalogue stated it before it was learnt from
    /// the typed events.
    static let expected: [EventType: [Field]] = [
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
