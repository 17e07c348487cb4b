/// Turns compact demo events into append-request JSON lines.
///
/// Field order is fixed (envelope: eventId, stream, type, occurredAt, actor,
/// expectedVersion, data, metadata; data fields in DOMAIN.md's order) so the output is
/// byte-for-byte reproducible. `expectedVersion: -1` marks each stream's first event, which
/// makes a second import of the same file in a different order fail loudly rather than
/// interleave.
struct DemoRenderer {
    let directory: DemoDirectory
    private let seed: UInt64
    var w = DemoLineWriter(capacity: 4096)
    private let agencyIds: [[UInt8]]
    private static let actorSystem: StaticString = "system:demo-loader"

    init(directory: DemoDirectory, seed: UInt64) {
        self.directory = directory
        self.seed = seed
        agencyIds = DemoAgencies.all.map { Array($0.id.utf8) }
    }

    // MARK: - Directory events

    mutating func render(_ event: DemoDirectoryEvent, sequence: Int) -> String {
        w.reset()
        eventId(DemoMix.mix(seed ^ 0xD1EC_7081_E7E7, UInt64(sequence)))
        w.raw(",\"stream\":\"")
        switch event.change {
        case .authorityRegistered:
            w.raw("authority-")
            w.raw(Array(DemoAgencies.authorityId.utf8))
            head("LocalAuthorityRegistered", event.time, firstInStream: true)
            w.raw("\"authorityId\":")
            w.string(DemoAgencies.authorityId)
            w.raw(",\"name\":")
            w.string(DemoAgencies.authorityName)
            w.raw(",\"directorOfChildrensServices\":")
            w.string(DemoAgencies.directorOfChildrensServices)
        case .agencyRegistered(let a):
            let spec = DemoAgencies.all[a]
            w.raw("agency-")
            w.raw(agencyIds[a])
            head("AgencyRegistered", event.time, firstInStream: true)
            w.raw("\"agencyId\":")
            w.quoted(agencyIds[a])
            w.raw(",\"name\":")
            w.string(spec.name)
            w.raw(",\"authorityId\":")
            w.string(DemoAgencies.authorityId)
            w.raw(",\"sector\":")
            w.quoted(spec.sector)
            w.raw(",\"service\":")
            w.quoted(spec.service)
        case .practitionerRegistered(let p, let agency, let manager):
            w.raw("practitioner-")
            w.raw(directory.id(p))
            head("PractitionerRegistered", event.time, firstInStream: true)
            w.raw("\"practitionerId\":")
            w.quoted(directory.id(p))
            w.raw(",\"name\":")
            w.string(directory.names[Int(p)])
            w.raw(",\"agencyId\":")
            w.quoted(agencyIds[agency])
            w.raw(",\"role\":")
            w.quoted(directory.role(p).wire)
            w.raw(",\"lineManagerId\":")
            practitionerOrNull(manager)
        case .lineManagerChanged(let p, let manager):
            let id = directory.id(p)
            w.raw("practitioner-")
            w.raw(id)
            head("PractitionerLineManagerChanged", event.time, firstInStream: false)
            w.raw("\"practitionerId\":")
            w.quoted(id)
            w.raw(",\"lineManagerId\":")
            practitionerOrNull(manager)
        case .movedAgency(let p, let agency, let manager):
            let id = directory.id(p)
            w.raw("practitioner-")
            w.raw(id)
            head("PractitionerMovedAgency", event.time, firstInStream: false)
            w.raw("\"practitionerId\":")
            w.quoted(id)
            w.raw(",\"agencyId\":")
            w.quoted(agencyIds[agency])
            w.raw(",\"lineManagerId\":")
            practitionerOrNull(manager)
        case .left(let p):
            let id = directory.id(p)
            w.raw("practitioner-")
            w.raw(id)
            head("PractitionerLeft", event.time, firstInStream: false)
            w.raw("\"practitionerId\":")
            w.quoted(id)
            w.raw(",\"leftOn\":")
            w.date(DemoTimeline.dayOf(event.time))
        }
        w.raw("},\"metadata\":{\"source\":\"demo-hr-feed\"}}")
        return w.line()
    }

    // MARK: - Pieces

    mutating func eventId(_ key: UInt64) {
        w.raw("{\"eventId\":")
        w.uuid(DemoMix.mix(key, 0x1D), DemoMix.mix(key, 0x2E))
    }

    /// Closes the stream value and writes type, occurredAt, actor, expectedVersion and
    /// opens `data` (directory events).
    private mutating func head(_ type: StaticString, _ time: Int, firstInStream: Bool) {
        w.raw("\",\"type\":")
        w.quoted(type)
        w.raw(",\"occurredAt\":")
        w.timestamp(time)
        w.raw(",\"actor\":\"")
        w.raw(Self.actorSystem)
        w.byte(0x22)
        if firstInStream { w.raw(",\"expectedVersion\":-1") }
        w.raw(",\"data\":{")
    }

    mutating func caseHead(_ type: StaticString, _ event: DemoCaseEvent, first: Bool) {
        w.raw("\",\"type\":")
        w.quoted(type)
        w.raw(",\"occurredAt\":")
        w.timestamp(event.time)
        w.raw(",\"actor\":")
        w.quoted(directory.id(event.actor))
        if first { w.raw(",\"expectedVersion\":-1") }
        w.raw(",\"data\":{")
    }

    private mutating func practitionerOrNull(_ p: Int32?) {
        if let p { w.quoted(directory.id(p)) } else { w.raw("null") }
    }

    mutating func meetingId(_ meeting: Int) {
        w.raw("\"meeting-")
        w.int(meeting)
        w.byte(0x22)
    }

    mutating func meetingIdOrNull(_ meeting: Int?) {
        if let meeting { meetingId(meeting) } else { w.raw("null") }
    }

    mutating func actionId(_ action: Int) {
        w.raw("\"actionId\":\"act-")
        w.int(action)
        w.byte(0x22)
    }

    mutating func ownerObject(_ owner: DemoOwner) {
        switch owner {
        case .practitioner(let p):
            w.raw("{\"practitionerId\":")
            w.quoted(directory.id(p))
            w.byte(UInt8(ascii: "}"))
        case .family(let member):
            w.raw("{\"familyMember\":")
            w.quoted(member.wire)
            w.byte(UInt8(ascii: "}"))
        }
    }
}
