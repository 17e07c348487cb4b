import Foundation

/// A request to each route the daemon serves, made concrete for `RouteExamples.seed`, and
/// the status it gets from a caller who may make it. The role matrix test sends each with
/// every role's token; a route without an example here fails that test, naming the route.
struct RouteExample: Sendable {
    var path: String
    /// A fresh body for each request (appends need a new eventId each time).
    var body: (@Sendable () -> String)?
    var allowedStatus = 200
}

enum RouteExamples {
    /// The ledger the examples are made for: `Requests.directory()` (la1, sc, sw1), case c1
    /// opened by sw1 with an action a1 overdue.
    static var seed: [String] {
        var r = Requests()
        return r.directory() + [r.caseOpened("c1"), r.overdueAction("c1", "a1")]
    }

    /// Keyed by `RouteTable.Route.description` (`GET /cases/{caseId}`).
    static let all: [String: RouteExample] = [
        "GET /livez": RouteExample(path: "/livez"),
        "GET /readyz": RouteExample(path: "/readyz"),
        "GET /health": RouteExample(path: "/health"),
        // sw1's own name: the practitioner's token may append it, and a writer for sw1.
        "POST /streams/{stream}": RouteExample(path: "/streams/case-c1", body: { var r = Requests(); return r.consent("c1") }, allowedStatus: 201),
        "GET /streams/{stream}": RouteExample(path: "/streams/case-c1"),
        "GET /events": RouteExample(path: "/events?from=1&limit=2"),
        // Past the token check, a stream that never ends; an unknown type is refused after the
        // check, so this shows the permission without holding the test open (LiveTailTests
        // read the stream itself).
        "GET /events/live": RouteExample(path: "/events/live?type=Nope", allowedStatus: 400),
        "GET /cases/{caseId}": RouteExample(path: "/cases/c1"),
        "GET /cases/{caseId}/history": RouteExample(path: "/cases/c1/history"),
        "GET /cases/{caseId}/audit-pack": RouteExample(path: "/cases/c1/audit-pack"),
        "GET /views/overdue": RouteExample(path: "/views/overdue?on=2025-06-01"),
        "GET /views/reviews": RouteExample(path: "/views/reviews"),
        "GET /views/unled": RouteExample(path: "/views/unled"),
        "GET /views/caseload": RouteExample(path: "/views/caseload"),
        "GET /views/flags": RouteExample(path: "/views/flags"),
        "GET /accountability/cases/{caseId}": RouteExample(path: "/accountability/cases/c1"),
        "GET /accountability/actions/{caseId}/{actionId}": RouteExample(path: "/accountability/actions/c1/a1"),
        "GET /accountability/practitioners/{practitionerId}": RouteExample(path: "/accountability/practitioners/sw1"),
        "GET /exports/annex-a": RouteExample(path: "/exports/annex-a?inspectionDate=2025-06-01"),
        "GET /verify": RouteExample(path: "/verify"),
        "GET /digest": RouteExample(path: "/digest"),
        "GET /access-log": RouteExample(path: "/access-log"),
        "GET /metrics": RouteExample(path: "/metrics"),
        "GET /checkpoint": RouteExample(path: "/checkpoint"),
        "GET /proofs/inclusion": RouteExample(path: "/proofs/inclusion?seq=4"),
        "GET /proofs/consistency": RouteExample(path: "/proofs/consistency?from=2&to=5"),
        "GET /tile/{level}/**": RouteExample(path: "/tile/0/000.p/5"),
        "GET /tile/entries/**": RouteExample(path: "/tile/entries/000.p/5"),
    ]
}
