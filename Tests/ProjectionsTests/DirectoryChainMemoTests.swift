import Ledger
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
}
