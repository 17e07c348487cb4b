import ArgumentParser

/// What a token's holder is (issue #4, "Access control").
enum Role: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Practitioners' case systems: append events, read cases.
    case practitioner
    /// Managers' dashboards: views and cases.
    case manager
    /// Auditors: everything read-only (streams, events, history, verify, exports, views), and
    /// the access trail.
    case auditor
    /// Integrations: read and tail the event stream (optionally only some streams and types).
    case integration
    /// Case systems that write on behalf of practitioners: append with any registered actor.
    case writer

    /// What this role may do.
    var permissions: Set<Permission> {
        switch self {
        case .practitioner: Self.practitionerPermissions
        case .manager: Self.managerPermissions
        case .auditor: Self.auditorPermissions
        case .integration: Self.integrationPermissions
        case .writer: Self.writerPermissions
        }
    }

    /// The kinds of principal a token of this role is bound to (`token add` requires one).
    var principalKinds: [Principal.Kind] {
        switch self {
        case .practitioner: [.practitioner]
        case .manager: [.agency, .authority]
        case .auditor: [.authority]
        case .integration, .writer: [.system]
        }
    }

    // Built once: every request checks one.
    private static let practitionerPermissions: Set<Permission> = [.append, .readCases, .operate, .readTree]
    private static let managerPermissions: Set<Permission> = [.readCases, .readViews, .operate, .readTree]
    private static let auditorPermissions: Set<Permission> = [
        .readCases, .readViews, .readEvents, .audit, .operate, .readTree, .readAccessLog,
    ]
    private static let integrationPermissions: Set<Permission> = [.readEvents, .operate, .readTree]
    private static let writerPermissions: Set<Permission> = [.append, .operate, .readTree]
}

/// One kind of access a route needs. Roles are sets of these, so a route names what it does,
/// not who may do it.
enum Permission: String, CaseIterable, Sendable {
    /// `POST /streams/{stream}`.
    case append
    /// `/cases/{id}` and its history.
    case readCases
    /// `/views/…`, `/accountability/…`, `/exports/annex-a`.
    case readViews
    /// `/streams/{stream}` (GET), `/events`, `/events/live`.
    case readEvents
    /// `/verify`, `/digest`.
    case audit
    /// `/metrics`: operational figures, no case data.
    case operate
    /// `/checkpoint`, `/proofs/consistency`: the tree's signed heads and hashes, no case data.
    case readTree
    /// `/access-log`: who has seen which case (auditors only; never scoped away from them).
    case readAccessLog
}
