import Ledger
import LedgerTestSupport
import Projections
import Testing

/// `Directory.chain(of:)` remembers each line it walks; these hold it to a fresh walk in
/// whatever version of the directory it is asked.
@Suite struct DirectoryChainMemoTests {
    private func directory() -> Directory {
        var d = Directory()
        d.evolve(.localAuthorityRegistered(authorityId: "la", name: "Borough", director: "Jo Director"))
        d.evolve(.agencyRegistered(agencyId: "school", name: "School", authorityId: "la", sector: "education", service: "school"))
        d.evolve(.practitionerRegistered(practitionerId: "head", name: "Head", agencyId: "school", role: "head-teacher", lineManagerId: nil))
        d.evolve(.practitionerRegistered(practitionerId: "deputy", name: "Deputy", agencyId: "school", role: "teacher", lineManagerId: nil))
        d.evolve(.practitionerRegistered(practitionerId: "t1", name: "Teacher", agencyId: "school", role: "teacher", lineManagerId: "head"))
        return d
    }

    @Test func remembersTheWalkItWouldMake() {
        let d = directory()
        let first = d.chain(of: "t1")
        #expect(first == AccountabilityChain(practitioner: "t1", directory: d))
        #expect(first.links.map(\.id) == ["t1", "head", "school", "la"])
        #expect(d.chain(of: "t1") == first)
        #expect(d.chainLinksJSON(of: "t1") == CompactJSON.bytes(first.linksJSON))
        #expect(d.chain(of: "nobody").problem == "practitioner nobody is not in the directory")
    }

    @Test func aChangedDirectoryWalksAgainAndItsOldCopyDoesNot() {
        var d = directory()
        _ = d.chain(of: "t1")
        _ = d.chainLinksJSON(of: "t1")
        let before = d
        d.evolve(.practitionerLineManagerChanged(practitionerId: "t1", lineManagerId: "deputy"))
        #expect(d.chain(of: "t1").links.map(\.id) == ["t1", "deputy", "school", "la"])
        #expect(d.chainLinksJSON(of: "t1") == CompactJSON.bytes(d.chain(of: "t1").linksJSON))
        #expect(before.chain(of: "t1").links.map(\.id) == ["t1", "head", "school", "la"])

        // Changes made directly, not through `evolve`, start a fresh memo too.
        d.agencies["school"]?.name = "Renamed School"
        #expect(d.chain(of: "t1").links[2].name == "Renamed School")
        d.authorities["la"]?.director = "A New Director"
        #expect(d.chain(of: "t1").links[3].director == "A New Director")
        d.practitioners["deputy"]?.name = "Deputy Head"
        #expect(d.chain(of: "t1").links[1].name == "Deputy Head")
        #expect(d == d && d != before)
    }

    /// Through the maintained projection: the projector keeps its directory (and the chains
    /// remembered in it) across case events, and reads it afresh once the stored directory
    /// changes, whoever changed it.
    @Test func theMaintainedViewFollowsALineManagerChangeBetweenAnswers() throws {
        let story = try Story()
        try story.openCase("c1", on: "2025-01-06", members: ["t1"])
        try story.action("c1", "a1", "Check attendance weekly", owner: "t1", due: "2025-01-20", on: "2025-01-06")
        func answer() throws -> OverdueActionsView {
            let (view, path) = try story.view(on: "2025-02-01") { try OverdueActionsView(source: $0, on: $1) }
            #expect(path == .maintained)
            return view
        }
        #expect(try answer().items[0].accountability.links.map(\.id) == ["t1", "head", "school", "tw"])
        try story.event("c1", .tacMemberJoined(practitionerId: "hv1", joinedOn: "2025-01-21"), on: "2025-01-21")
        #expect(try answer().items[0].accountability.links.map(\.id) == ["t1", "head", "school", "tw"])

        try story.append(.practitionerLineManagerChanged(practitionerId: "t1", lineManagerId: "scm"), "practitioner-t1", on: "2025-01-22")
        // Projected by another projector (as another process would), so the story's own
        // projector finds the change only in the stored directory record.
        try Projector(ledger: story.ledger).catchUp()
        let after = try answer()
        #expect(after.items[0].accountability.links.map(\.id) == ["t1", "scm", "school", "tw"])
        #expect(after.jsonBytes == CompactJSON.bytes(after.json))
        #expect(String(decoding: after.jsonBytes, as: UTF8.self).contains(#""id":"scm""#))
    }
}
