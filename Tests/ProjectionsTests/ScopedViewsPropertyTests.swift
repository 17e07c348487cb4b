import Foundation
import Ledger
import LedgerTestSupport
import Projections
import PropertyBased
import Testing

/// "For random tokens and workloads, nothing outside a token's scope appears in any response"
/// (issue #15): demo ledgers of random seeds, half of them with a second authority whose case
/// also involves a demo practitioner, asked every view within a random scope, today (the
/// maintained projection) and on a random past date (a replay). What each scope may see is
/// worked out from the raw requests by `ScopeOracle`, not by the code under test.
@Suite struct ScopedViewsPropertyTests {
    private static let today = CalendarDate(parsing: "2099-01-01")!
    private static let firstDay = CalendarDate(parsing: "2023-01-01")!

    @Test func scopedViewsShowOnlyTheScope() async throws {
        await propertyCheck(
            count: 16, input: Gen.int(in: 1...3), Gen.int(in: 0..<1_000_000), Gen.int(in: 0..<5), Gen.int(in: 0..<10_000),
            Gen.int(in: 0..<1_400)
        ) { cases, seed, kind, pick, days in
            do {
                let demo = try DemoLedger(cases: cases, seed: UInt64(seed))
                try demo.append(0..<demo.requests.count)
                // Half the ledgers have a second authority; the others one, where an authority
                // scope takes the fast path (every agency is its own).
                let lines = demo.lines + (seed % 2 == 0 ? try Self.elsewhere(demo) : [])
                if lines.count > demo.lines.count {
                    try demo.ledger.append(try lines[demo.lines.count...].map(DemoLedger.request))
                }
                let projector = try Projector(ledger: demo.ledger)
                try projector.catchUp()
                let query = ViewQuery(projector: projector)

                // Today: the maintained projection, its index and the authority fast path.
                let oracle = try ScopeOracle(lines: lines, through: nil)
                let scope = Self.scope(kind, pick, oracle)
                let probe = oracle.practitioners[pick % oracle.practitioners.count]
                let probes = Array(oracle.involved.keys) + ["no-such-case"]
                let now = Evaluation(on: Self.today)
                let scoped = try query.answer(now, scope: scope) {
                    try ScopedAnswers($0, on: Self.today, probing: probes, practitioner: probe)
                }
                let all = try query.answer(now) { try ScopedAnswers($0, on: Self.today, probing: probes, practitioner: probe) }
                #expect(scoped.path == .maintained && all.path == .maintained)
                scoped.result.expect(within: scope, matches: all.result, oracle, practitioner: probe, "today")

                // A past date: a replay's records and directory, through the query and directly.
                let day = CalendarDate(dayNumber: Self.firstDay.dayNumber + days)
                let past = try ScopeOracle(lines: lines, through: day.description)
                let pastScope = Self.scope(kind, pick, past)
                let asked = try query.answer(Evaluation(on: day), scope: pastScope) {
                    try ScopedAnswers($0, on: day, probing: probes, practitioner: probe)
                }
                let (state, _) = try Replayer(ledger: demo.ledger).state(on: day, knownAt: nil)
                let unscoped = try ScopedAnswers(state, on: day, probing: probes, practitioner: probe)
                asked.result.expect(within: pastScope, matches: unscoped, past, practitioner: probe, "on \(day) via \(asked.path)")
                let replayed = try ScopedAnswers(try state.scoped(to: pastScope), on: day, probing: probes, practitioner: probe)
                replayed.expect(within: pastScope, matches: unscoped, past, practitioner: probe, "replayed on \(day)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// A scope of kind `kind` (everything, practitioner, agency, authority, or one the
    /// directory does not know), its subject picked by `pick` from `oracle`'s directory.
    private static func scope(_ kind: Int, _ pick: Int, _ oracle: ScopeOracle) -> CaseScope {
        func pickOne(_ list: [String]) -> String { list.isEmpty ? "none" : list[pick % list.count] }
        switch kind {
        case 0: return .everything
        case 1: return .practitioner(PractitionerID(rawValue: pickOne(oracle.practitioners)))
        case 2: return .agency(AgencyID(rawValue: pickOne(oracle.agencies)))
        case 3: return .authority(AuthorityID(rawValue: pickOne(oracle.authorities)))
        default: return [.practitioner("nobody"), .agency("nowhere"), .authority("elsewhere-too")][pick % 3]
        }
    }

    /// A second authority, dated into the demo's timeline: an agency, a practitioner, a case
    /// they opened with a demo practitioner who never leaves on its team, and a case of their own.
    private static func elsewhere(_ demo: DemoLedger) throws -> [String] {
        let oracle = try ScopeOracle(lines: demo.lines, through: nil)
        guard let member = oracle.practitioners.first(where: { !oracle.left.contains($0) }) else {
            throw ScopeOracle.Malformed(description: "every demo practitioner leaves")
        }
        var counter = 0
        func line(_ event: DomainEvent, _ stream: String) -> String {
            counter += 1
            let id = String(format: "00000000-0000-4000-9000-%012x", counter)
            return AppendRequestDraft(eventId: id, stream: stream, event: event, occurredAt: "2023-06-01T10:00:00Z", actor: "system:test").line
        }
        func opened(_ caseId: String) -> DomainEvent {
            .caseOpened(
                .init(
                    caseId: CaseID(rawValue: caseId), childId: ChildID(rawValue: "child-\(caseId)"), dateOfBirth: "2015-01-01", gender: "male",
                    ethnicity: "WBRI", openedOn: "2023-06-01", openedBy: "elsewhere-t1"))
        }
        return [
            line(.localAuthorityRegistered(authorityId: "elsewhere", name: "Elsewhere Council", director: "E Director"), "authority-elsewhere"),
            line(
                .agencyRegistered(agencyId: "elsewhere-school", name: "Elsewhere School", authorityId: "elsewhere", sector: "statutory", service: "education"),
                "agency-elsewhere-school"),
            line(
                .practitionerRegistered(
                    practitionerId: "elsewhere-t1", name: "E Teacher", agencyId: "elsewhere-school", role: "teacher", lineManagerId: nil),
                "practitioner-elsewhere-t1"),
            line(opened("ELSEWHERE-1"), "case-ELSEWHERE-1"),
            line(.tacMemberJoined(practitionerId: PractitionerID(rawValue: member), joinedOn: "2023-06-01"), "case-ELSEWHERE-1"),
            line(
                .actionAgreed(
                    actionId: "a1", description: "Attend", owner: .practitioner("elsewhere-t1"), needId: nil, agreedOn: "2023-06-01",
                    dueOn: "2023-07-01", meetingId: nil),
                "case-ELSEWHERE-1"),
            line(opened("ELSEWHERE-2"), "case-ELSEWHERE-2"),
        ]
    }
}
