import Foundation
import Ledger
import Testing

@testable import ledgerd

/// Reads scoped to the token's principal (issue #15 item 3), in-process: what is outside
/// answers as if it did not exist. (The live tail's scoping: `LiveTailTests`.)
@Suite struct ScopedReadTests {
    /// An integration limited to stream prefixes and event types reads only those, on every
    /// route that carries events.
    @Test func anIntegrationLimitedToStreamsAndTypesSeesOnlyThose() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1"), r.caseOpened("c2"), r.consent("c1"), r.consent("c2")])
        let limited = try TokenStore(ledger: ledger.ledger).add(
            name: "dw", role: .integration, principal: .system("dw"), streams: ["case-c1"], types: ["ConsentRecorded"],
            now: Ledger.systemClock()
        ).token
        try await ledger.serve { api in
            let events = try await api.objects("/streams/case-c1", token: limited)
            #expect(events.map { $0["type"] as? String } == ["ConsentRecorded"])
            let outside = try await api.get("/streams/case-c2", token: limited)
            let absent = try await api.get("/streams/case-nope", as: .auditor)
            #expect(outside.status == 404)
            #expect(outside.text == absent.text.replacingOccurrences(of: "case-nope", with: "case-c2"), "indistinguishable from absence")

            let all = try await api.objects("/events", token: limited)
            #expect(all.count == 1 && all.first?["stream"] as? String == "case-c1" && all.first?["type"] as? String == "ConsentRecorded")
            #expect(try await api.objects("/events", as: .integration).count == 7, "an unlimited integration still reads everything")

            // Entry bundles hold every event: not for a limited token.
            #expect(try await api.get("/tile/entries/000.p/7", token: limited).status == 404)
            #expect(try await api.get("/tile/entries/000.p/7", as: .integration).status == 200)
        }
    }

    /// Two authorities, two agencies in the first: each token reads the cases its principal
    /// may, and a case outside answers exactly as one that does not exist.
    @Test func casesViewsAndEventsAreScopedToThePrincipal() async throws {
        let ledger = try InProcessLedger(lines: Self.twoAuthorities())
        let store = try TokenStore(ledger: ledger.ledger)
        func token(_ role: Role, _ principal: Principal) throws -> String {
            try store.add(name: "\(role) \(principal)", role: role, principal: principal, now: Ledger.systemClock()).token
        }
        let hvManager = try token(.manager, .agency("hv"))
        let la2Auditor = try token(.auditor, .authority("la2"))
        try await ledger.serve { api in
            // A practitioner: their own case, not another's, nor its history; indistinguishable from absence.
            #expect(try await api.get("/cases/c1", as: .practitioner).status == 200)
            let hidden = try await api.get("/cases/c2", as: .practitioner)
            let absent = try await api.get("/cases/c9", as: .practitioner)
            #expect(hidden.status == 404 && absent.status == 404)
            #expect(hidden.text.replacingOccurrences(of: "c2", with: "c9") == absent.text, "\(hidden.text) vs \(absent.text)")
            #expect(!hidden.text.contains("c3") && !absent.text.contains("c2"), "no invisible case is suggested: \(hidden.text)")
            #expect(try await api.get("/cases/c2/history", as: .practitioner).status == 404)
            #expect(try await api.get("/cases/c1/history", as: .practitioner).status == 200)

            // An agency's manager: cases involving its practitioners; views filtered to them.
            #expect(try await api.get("/cases/c2", token: hvManager).status == 200)
            #expect(try await api.get("/cases/c1", token: hvManager).status == 404)
            #expect(try await api.objects("/views/overdue", token: hvManager).isEmpty, "c1's overdue action is not the hv manager's")
            let unled = try await api.objects("/views/unled", token: hvManager)
            #expect(!unled.isEmpty && unled.compactMap { $0["caseId"] as? String }.allSatisfy { $0 == "c2" }, "\(unled)")
            let outside = try await api.get("/views/caseload?agency=sc", token: hvManager)
            #expect(outside.status == 404, "a filter outside the scope is an error, not an empty view: \(outside.text)")

            // Authorities: each auditor sees its own cases, on views and on the event routes.
            #expect(try await api.objects("/views/overdue", as: .auditor).compactMap { $0["caseId"] as? String } == ["c1"])
            #expect(try await api.get("/cases/c3", as: .auditor).status == 404)
            #expect(try await api.get("/cases/c3", token: la2Auditor).status == 200)
            #expect(try await api.get("/streams/case-c3", as: .auditor).status == 404)
            #expect(try await api.get("/streams/case-c3", token: la2Auditor).status == 200)
            let streams = Set(try await api.objects("/events", as: .auditor).compactMap { $0["stream"] as? String })
            #expect(streams.contains("case-c1") && streams.contains("case-c2") && !streams.contains("case-c3"), "\(streams)")
            #expect(streams.contains("authority-la2"), "directory streams are reference data, read by every event reader")
            let la2Streams = Set(try await api.objects("/events", token: la2Auditor).compactMap { $0["stream"] as? String })
            #expect(la2Streams.filter { $0.hasPrefix("case-") } == ["case-c3"])
        }
    }

    /// `Requests.directory()` (la1: agency sc, sw1) plus agency hv in la1 (practitioner hv1)
    /// and authority la2 (agency x, practitioner x1); c1 opened by sw1 with an overdue action,
    /// c2 by hv1, c3 by x1.
    static func twoAuthorities() -> [String] {
        var r = Requests()
        var lines = r.directory()
        func practitioner(_ id: PractitionerID, _ agency: AgencyID) -> String {
            r.line(
                .practitionerRegistered(practitionerId: id, name: "P \(id)", agencyId: agency, role: "health-visitor", lineManagerId: nil),
                "practitioner-\(id)")
        }
        func agency(_ id: AgencyID, _ authority: AuthorityID) -> String {
            r.line(
                .agencyRegistered(agencyId: id, name: "Agency \(id)", authorityId: authority, sector: "statutory", service: "health"),
                "agency-\(id)")
        }
        lines += [agency("hv", "la1"), practitioner("hv1", "hv")]
        lines.append(r.line(.localAuthorityRegistered(authorityId: "la2", name: "LA 2", director: "E"), "authority-la2"))
        lines += [agency("x", "la2"), practitioner("x1", "x"), r.caseOpened("c1"), r.overdueAction("c1", "a1")]
        lines += [Self.opened("c2", by: "hv1", &r), Self.opened("c3", by: "x1", &r)]
        return lines
    }

    static func opened(_ caseId: String, by practitionerId: String, _ r: inout Requests) -> String {
        r.line(
            .caseOpened(
                .init(
                    caseId: CaseID(rawValue: caseId), childId: ChildID(rawValue: "ch-\(caseId)"), dateOfBirth: nil, gender: "female",
                    ethnicity: "WBRI", openedOn: Requests.march4, openedBy: PractitionerID(rawValue: practitionerId))),
            "case-\(caseId)", actor: practitionerId)
    }
}
