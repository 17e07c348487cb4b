import Ledger

/// Turns the demo's events into append-request lines, through the contract's own writer.
///
/// The envelope and the data are written by `AppendRequestDraft` and `DomainEvent.data`
/// (members in the contract's documented order), so the demo spells no field of its own and
/// its output is byte-for-byte reproducible. `expectedVersion: -1` marks each stream's first
/// event, which makes a second import of the same file in a different order fail loudly
/// rather than interleave.
struct DemoRenderer {
    let directory: DemoDirectory
    private let seed: UInt64
    private var buffer: [UInt8] = []
    private static let loader = "system:demo-loader"

    init(directory: DemoDirectory, seed: UInt64) {
        self.directory = directory
        self.seed = seed
        buffer.reserveCapacity(4096)
    }

    // MARK: - Directory events

    mutating func render(_ event: DemoDirectoryEvent, sequence: Int) -> String {
        let typed = self.event(for: event.change, on: CalendarDate(dayNumber: DemoTimeline.dayOf(event.time)))
        return line(
            AppendRequestDraft(
                eventId: Self.eventId(DemoMix.mix(seed ^ 0xD1EC_7081_E7E7, UInt64(sequence))),
                stream: typed.type.streamKind.prefix + subject(of: event.change),
                event: typed,
                occurredAt: Self.occurredAt(event.time),
                actor: Self.loader,
                expectedVersion: event.change.isFirstInStream ? -1 : nil,
                metadata: [("source", "demo-hr-feed")]))
    }

    /// The directory change as the ledger's typed event.
    private func event(for change: DemoDirectoryChange, on day: CalendarDate) -> DomainEvent {
        let agencies = DemoAgencies.all
        let authority = AuthorityID(rawValue: DemoAgencies.authorityId)
        func agency(_ a: Int) -> AgencyID { AgencyID(rawValue: agencies[a].id) }
        func manager(_ p: Int32?) -> PractitionerID? { p.map(directory.id) }
        switch change {
        case .authorityRegistered:
            return .localAuthorityRegistered(
                authorityId: authority, name: DemoAgencies.authorityName, director: DemoAgencies.directorOfChildrensServices)
        case .agencyRegistered(let a):
            return .agencyRegistered(
                agencyId: agency(a), name: agencies[a].name, authorityId: authority, sector: agencies[a].sector,
                service: agencies[a].service)
        case .practitionerRegistered(let p, let a, let lineManager):
            return .practitionerRegistered(
                practitionerId: directory.id(p), name: directory.names[Int(p)], agencyId: agency(a),
                role: directory.role(p).wire, lineManagerId: manager(lineManager))
        case .lineManagerChanged(let p, let lineManager):
            return .practitionerLineManagerChanged(practitionerId: directory.id(p), lineManagerId: manager(lineManager))
        case .movedAgency(let p, let a, let lineManager):
            return .practitionerMovedAgency(practitionerId: directory.id(p), agencyId: agency(a), lineManagerId: manager(lineManager))
        case .left(let p):
            return .practitionerLeft(practitionerId: directory.id(p), leftOn: day)
        }
    }

    /// The ID of the directory stream a change is appended to.
    private func subject(of change: DemoDirectoryChange) -> String {
        switch change {
        case .authorityRegistered: DemoAgencies.authorityId
        case .agencyRegistered(let a): DemoAgencies.all[a].id
        case .practitionerRegistered(let p, _, _), .lineManagerChanged(let p, _), .movedAgency(let p, _, _), .left(let p):
            directory.id(p).rawValue
        }
    }

    // MARK: - Case events

    /// Case events are recorded by a practitioner; everything agreed at one meeting shares
    /// a correlation ID.
    mutating func render(_ event: DemoCaseEvent, version: Int, of identity: DemoCaseIdentity) -> String {
        let caseId = identity.caseId.rawValue
        return line(
            AppendRequestDraft(
                eventId: Self.eventId(DemoMix.mix(identity.idSeed, UInt64(version))),
                stream: StreamKind.case.prefix + caseId,
                event: event.event,
                occurredAt: Self.occurredAt(event.time),
                actor: directory.id(event.actor).rawValue,
                expectedVersion: version == 0 ? -1 : nil,
                metadata: event.meeting > 0 ? [("source", "demo"), ("correlationId", "\(caseId)/meeting-\(event.meeting)")] : nil))
    }

    // MARK: - Pieces

    private mutating func line(_ draft: AppendRequestDraft) -> String {
        buffer.removeAll(keepingCapacity: true)
        draft.write(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// A version-4 UUID hashed from `key`: the same on every run.
    private static func eventId(_ key: UInt64) -> String {
        EventID.version4(high: DemoMix.mix(key, 0x1D), low: DemoMix.mix(key, 0x2E)).description
    }

    /// Whole seconds, as a client sends them.
    private static func occurredAt(_ instant: Int) -> String {
        Timestamp(microseconds: Int64(instant) * 1_000_000).wholeSecondsDescription
    }
}

extension DemoDirectoryChange {
    /// Registrations open their streams.
    var isFirstInStream: Bool {
        switch self {
        case .authorityRegistered, .agencyRegistered, .practitionerRegistered: true
        case .lineManagerChanged, .movedAgency, .left: false
        }
    }
}
