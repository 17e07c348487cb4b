import Testing

@testable import Ledger

@Suite struct DemoWorkloadTests {
    private func lines(cases: Int, seed: UInt64) -> [String] {
        var lines: [String] = []
        DemoWorkload(cases: cases, seed: seed).generate { lines.append($0) }
        return lines
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
        var iterator = lines.makeIterator()
        let head = try t.ledger.importRequests {
            guard let line = iterator.next() else { return nil }
            let request = try Fixture.parse(line)
            types.insert(request.type.rawValue)
            return request
        }
        #expect(head.seq == UInt64(lines.count))
        #expect(types == Set(EventType.allCases.map(\.rawValue)))
        #expect(try t.ledger.verify().events == head.seq)
    }
}
