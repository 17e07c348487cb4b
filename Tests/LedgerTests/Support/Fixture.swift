import Foundation
import Ledger
import Testing

/// Builds valid append requests for tests, with a small directory to reference.
struct Fixture {
    private var counter: UInt64 = 0
    let salt: UInt64

    init(salt: UInt64 = UInt64.random(in: 0..<UInt64.max)) {
        self.salt = salt
    }

    /// A fresh, deterministic eventId.
    mutating func nextEventId() -> String {
        counter += 1
        return EventID(high: salt, low: counter).description
    }

    /// The JSON text of a request with `data` as given: for what the typed events cannot
    /// carry (data the contract refuses) or a spelling a test is about.
    mutating func json(
        _ type: String, _ stream: String, _ data: String, actor: String = "system:test",
        occurredAt: String = "2025-03-04T10:15:00Z", expectedVersion: Int? = nil, eventId: String? = nil,
        metadata: String? = nil
    ) -> String {
        let id = eventId ?? nextEventId()
        var text = #"{"eventId":"\#(id)","stream":"\#(stream)","type":"\#(type)","occurredAt":"\#(occurredAt)","actor":"\#(actor)","data":\#(data)"#
        if let expectedVersion { text += #","expectedVersion":\#(expectedVersion)"# }
        if let metadata { text += #","metadata":\#(metadata)"# }
        return text + "}"
    }

    /// Decodes `text` as the CLI and the daemon do; a refusal is thrown as its violation.
    static func parse(_ text: String) throws -> AppendRequest {
        do throws(AppendFailure) {
            return try AppendRequest.decode(text)
        } catch {
            if case .invalid(let violation) = error.error { throw violation }
            throw error
        }
    }

    /// The JSON text of a request carrying `event`, written by the contract's one request
    /// writer (the typed events' own encoder for `data`).
    mutating func json(
        _ event: DomainEvent, _ stream: String, actor: String = "system:test",
        occurredAt: String = "2025-03-04T10:15:00Z", expectedVersion: Int? = nil, eventId: String? = nil,
        metadata: [(name: String, value: String)]? = nil
    ) -> String {
        AppendRequestDraft(
            eventId: eventId ?? nextEventId(), stream: stream, event: event, occurredAt: occurredAt, actor: actor,
            expectedVersion: expectedVersion.map(Int64.init), metadata: metadata
        ).line
    }

    /// A request carrying `event`, written by the typed events' own encoder.
    mutating func request(
        _ event: DomainEvent, _ stream: String, actor: String = "system:test",
        occurredAt: String = "2025-03-04T10:15:00Z", expectedVersion: Int? = nil, eventId: String? = nil,
        metadata: [(name: String, value: String)]? = nil
    ) throws -> AppendRequest {
        try Self.parse(
            json(
                event, stream, actor: actor, occurredAt: occurredAt, expectedVersion: expectedVersion, eventId: eventId,
                metadata: metadata))
    }

    /// An authority, two agencies and practitioners: sw1 (social worker), t1 (teacher, managed
    /// by m1), yot1 (YOT officer), m1 (manager).
    mutating func directory() throws -> [AppendRequest] {
        [
            try request(
                .localAuthorityRegistered(authorityId: "la1", name: "Telford and Wrekin", director: "J. Director"),
                "authority-la1"),
            try request(
                .agencyRegistered(
                    agencyId: "sc", name: "Children's Social Care", authorityId: "la1", sector: "statutory",
                    service: "social-care"),
                "agency-sc"),
            try request(
                .agencyRegistered(
                    agencyId: "school", name: "Hadley Primary", authorityId: "la1", sector: "statutory",
                    service: "education"),
                "agency-school"),
            try practitioner("m1", agency: "school", role: "manager", manager: nil),
            try practitioner("sw1", agency: "sc", role: "social-worker", manager: nil),
            try practitioner("t1", agency: "school", role: "teacher", manager: "m1"),
            try practitioner("yot1", agency: "sc", role: "yot-officer", manager: nil),
        ]
    }

    mutating func practitioner(
        _ id: PractitionerID, agency: AgencyID, role: String, manager: PractitionerID?
    ) throws -> AppendRequest {
        try request(
            .practitionerRegistered(
                practitionerId: id, name: "Practitioner \(id)", agencyId: agency,
                role: PractitionerRole(rawValue: role), lineManagerId: manager),
            "practitioner-\(id)")
    }

    mutating func caseOpened(_ caseId: String, by practitioner: String = "t1") throws -> AppendRequest {
        try request(Self.opened(caseId, by: practitioner), "case-\(caseId)", actor: practitioner)
    }

    /// The `CaseOpened` that `caseOpened` sends: a girl born 2015-06-01, opened on 4 March 2025.
    static func opened(_ caseId: String, by practitioner: String = "t1", gender: Gender = "female") -> DomainEvent {
        .caseOpened(
            DomainEvent.CaseOpened(
                caseId: CaseID(rawValue: caseId), childId: ChildID(rawValue: "child-\(caseId)"),
                dateOfBirth: CalendarDate(parsing: "2015-06-01"), gender: gender, ethnicity: "WBRI", openedOn: Self.march4,
                openedBy: PractitionerID(rawValue: practitioner)))
    }

    private static let march4 = CalendarDate(dayNumber: 20_151)
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "ledgerd-test-" + UUID().uuidString
        #expect(throws: Never.self, "cannot create \(path)") {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
