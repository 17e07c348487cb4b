import Testing

@testable import Ledger

/// An import hashes its tree's leaves at its end, a window at a time, on every core, and
/// while its parser is behind, a few at a time on the writer (`AppendSession+DeferredTree`):
/// its tree must be exactly the one appends maintain, across window boundaries, partial
/// windows, leaves added mid-load, several imports and appends between them.
@Suite struct ImportTreeTests {
    /// A window small enough that the loads below cross several (and large enough to be split
    /// over the cores).
    static let window = 4_200

    /// Loads `requests`; `patient`, as if the parser were behind before every request, giving
    /// the writer 0, 1, 2 or 3 pieces of idle work (and more until none is left every 97th).
    static func load(_ ledger: Ledger, _ requests: [AppendRequest], patient: Bool = false) throws {
        guard patient else {
            try ledger.importRequests(
                {
                    var iterator = requests.makeIterator()
                    return { iterator.next() }
                }, treeWindow: window)
            return
        }
        try ledger.importRequests(
            patient: {
                var index = 0
                return { idle in
                    guard index < requests.count else { return nil }
                    defer { index += 1 }
                    if index % 97 == 0 {
                        while try idle() {}
                        #expect(try idle() == false, "caught up, the tree has no idle work left")
                    } else {
                        for _ in 0..<(index % 4) { _ = try idle() }
                    }
                    return requests[index]
                }
            }, treeWindow: window)
    }

    @Test(arguments: [false, true]) func anImportsTreeIsRFC6962sAcrossBatchBoundaries(patient: Bool) throws {
        let ledger = try TestLedger(seedDirectory: false)
        var fixture = ledger.fixture
        var first = try fixture.directory()
        for i in 0..<600 { first.append(try fixture.caseOpened("a\(i)")) }
        try Self.load(ledger.ledger, first, patient: patient)
        try ledger.append(try fixture.caseOpened("between"))
        var second: [AppendRequest] = []
        for i in 0..<(ImportTreeTests.window + 100) { second.append(try fixture.caseOpened("b\(i)")) }
        try Self.load(ledger.ledger, second, patient: patient)
        try ledger.append(try fixture.caseOpened("after"))

        var lines: [[UInt8]] = []
        try ledger.ledger.scan { _, bytes in
            lines.append(Array(bytes))
            return true
        }
        let all = lines[...]
        let batch = Self.window
        // The second load's first window ends at first.count + 1 + batch (after the append between).
        let sizes = [1, 3, first.count, first.count + 1, first.count + 2, first.count + 1 + batch, first.count + 2 + batch, lines.count - 1, lines.count]
        for n in sizes {
            let head = try ledger.ledger.treeHead(size: UInt64(n))
            #expect(head.root == MerkleTreeTests.Reference.root(all.prefix(n)), "root of \(n)")
        }
        for m in [1, first.count + 2, first.count + 2 + batch, lines.count] {
            let proof = try ledger.ledger.inclusionProof(seq: UInt64(m), treeSize: UInt64(lines.count))
            #expect(proof == MerkleTreeTests.Reference.path(m - 1, all), "path of \(m)")
        }
        // `verify` re-derives every stored hash from the events.
        _ = try ledger.ledger.verify()
    }

    /// An import refused part-way (a later request breaks the rules) leaves no tree behind
    /// and stops its hasher; the ledger still appends and verifies.
    @Test(arguments: [false, true]) func aRefusedImportLeavesTheTreeAsItWas(patient: Bool) throws {
        let ledger = try TestLedger()
        var fixture = ledger.fixture
        try ledger.append(try fixture.caseOpened("before"))
        let before = try ledger.ledger.treeHead()
        var requests: [AppendRequest] = []
        for i in 0..<(ImportTreeTests.window + 10) { requests.append(try fixture.caseOpened("c\(i)")) }
        requests.append(try fixture.caseOpened("c0"))  // a second CaseOpened on the same stream
        #expect(throws: AppendFailure.self) { try Self.load(ledger.ledger, requests, patient: patient) }
        #expect(try ledger.ledger.treeHead() == before)
        try ledger.append(try fixture.caseOpened("after"))
        _ = try ledger.ledger.verify()
    }
}
