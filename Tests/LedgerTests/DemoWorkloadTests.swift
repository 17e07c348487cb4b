import Crypto
import Testing

@testable import DemoAuthority

@testable import Ledger

@Suite struct DemoWorkloadTests {
    private func lines(cases: Int, seed: UInt64) -> [String] {
        var lines: [String] = []
        DemoWorkload(cases: cases, seed: seed).generate { lines.append($0) }
        return lines
    }

    /// The demo is a fixed workload for benchmarks and tests, so its bytes must not change by
    /// accident (a refactor, a new Ledger writer): this is
    /// `ledgerd demo --cases 50 --seed 1 | sha256sum`. Change it only with a deliberate change
    /// to the workload, and say so where its numbers are quoted (BENCHMARKS.md).
    @Test func outputIsPinned() {
        var output: [UInt8] = []
        DemoWorkload(cases: 50, seed: 1).generate { line in
            output.append(contentsOf: line.utf8)
            output.append(UInt8(ascii: "\n"))
        }
        let hex = SHA256.hash(data: output).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        #expect(hex.joined() == "08efee8ebeb1b6c30da4ffcf0e32d11ced3bd64330550b9e19b32687ec8b368a")
    }

    @Test func isDeterministicPerSeed() {
        let a = lines(cases: 60, seed: 9)
        #expect(a == lines(cases: 60, seed: 9))
        #expect(a != lines(cases: 60, seed: 10))
    }

    @Test(arguments: [1, 77] as [UInt64])
    func loadsUnderEveryRuleAndCoversEveryEventType(seed: UInt64) throws {
        let t = try TestLedger(seedDirectory: false)
        let lines = lines(cases: 300, seed: seed)
        #expect(lines.count > 300 * 30)
        var types = Set<String>()
        let head = try t.ledger.importRequests {
            var iterator = lines.makeIterator()
            return {
                guard let line = iterator.next() else { return nil }
                let request = try Fixture.parse(line)
                types.insert(request.type.rawValue)
                return request
            }
        }
        #expect(head.seq == UInt64(lines.count))
        #expect(types == Set(EventType.allCases.map(\.rawValue)))
        #expect(try t.ledger.verify().events == head.seq)
    }

    /// The plans' enumerations are recorded as the contract's values: every one the demo
    /// could choose must be listed, not only those a given seed happens to use.
    @Test func everyValueTheDemoCanChooseIsOneTheContractLists() {
        var values: [any ContractEnumeration] = []
        values += DemoRole.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoStatus.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoGivenBy.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoFamilyMember.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoMeetingKind.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoHandoverReason.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoCloseReason.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoEscalationTarget.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoDisputeAbout.allCases.map(\.wire) as [any ContractEnumeration]
        values += DemoCriteria.all as [any ContractEnumeration]
        values += DemoCaseLifecycle.genders as [any ContractEnumeration]
        values += DemoCaseLifecycle.ethnicities as [any ContractEnumeration]
        values += DemoConsent.all as [any ContractEnumeration]
        for need in DemoVocabulary.needs {
            values += [need.domain, need.outcome] as [any ContractEnumeration]
        }
        for agency in DemoAgencies.all {
            values += [agency.sector, agency.service] as [any ContractEnumeration]
        }
        for value in values {
            #expect(value.isListed, "\(type(of: value)) \(value.rawValue)")
        }
        #expect(values.count > 80)
    }

    /// A load that fills the map is aborted, the map grown and the load run again from its
    /// first request: the whole file lands exactly once (not the part left after the abort).
    @Test func importThatGrowsTheMapCommitsTheWholeFileOnce() throws {
        let t = try TestLedger(mapSize: 256 << 10, seedDirectory: false)
        let lines = lines(cases: 40, seed: 5)
        var attempts = 0
        let head = try t.ledger.importRequests {
            attempts += 1
            var iterator = lines.makeIterator()
            return { try iterator.next().map(Fixture.parse) }
        }
        #expect(attempts > 1, "the map must have filled for this test to mean anything")
        #expect(head.seq == UInt64(lines.count))
        #expect(try t.ledger.verify().events == UInt64(lines.count))
    }
}
