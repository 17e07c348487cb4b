import Testing

@testable import Ledger

/// An import hashes the tree on a thread of its own (`BackgroundTreeHasher`), a batch of 512
/// leaves at a time: its tree must be exactly the one appends maintain, across batch
/// boundaries, partial batches, several imports and appends between them.
@Suite struct ImportTreeTests {
    @Test func anImportsTreeIsRFC6962sAcrossBatchBoundaries() throws {
        let ledger = try TestLedger(seedDirectory: false)
        var fixture = ledger.fixture
        var first = try fixture.directory()
        for i in 0..<600 { first.append(try fixture.caseOpened("a\(i)")) }
        try ledger.ledger.importRequests(first)
        try ledger.append(try fixture.caseOpened("between"))
        var second: [AppendRequest] = []
        for i in 0..<(BackgroundTreeHasher.batchLeaves + 100) { second.append(try fixture.caseOpened("b\(i)")) }
        try ledger.ledger.importRequests(second)
        try ledger.append(try fixture.caseOpened("after"))

        var lines: [[UInt8]] = []
        try ledger.ledger.scan { _, bytes in
            lines.append(Array(bytes))
            return true
        }
        let all = lines[...]
        let batch = BackgroundTreeHasher.batchLeaves
        let sizes = [1, 3, batch - 1, batch, batch + 1, first.count, first.count + 1, lines.count - 1, lines.count]
        for n in sizes {
            let head = try ledger.ledger.treeHead(size: UInt64(n))
            #expect(head.root == MerkleTreeTests.Reference.root(all.prefix(n)), "root of \(n)")
        }
        for m in [1, batch + 1, first.count + 2, lines.count] {
            let proof = try ledger.ledger.inclusionProof(seq: UInt64(m), treeSize: UInt64(lines.count))
            #expect(proof == MerkleTreeTests.Reference.path(m - 1, all), "path of \(m)")
        }
        // `verify` re-derives every stored hash from the events.
        _ = try ledger.ledger.verify()
    }

    /// An import refused part-way (a later request breaks the rules) leaves no tree behind
    /// and stops its hasher; the ledger still appends and verifies.
    @Test func aRefusedImportLeavesTheTreeAsItWas() throws {
        let ledger = try TestLedger()
        var fixture = ledger.fixture
        try ledger.append(try fixture.caseOpened("before"))
        let before = try ledger.ledger.treeHead()
        var requests: [AppendRequest] = []
        for i in 0..<(BackgroundTreeHasher.batchLeaves + 10) { requests.append(try fixture.caseOpened("c\(i)")) }
        requests.append(try fixture.caseOpened("c0"))  // a second CaseOpened on the same stream
        #expect(throws: AppendFailure.self) { try ledger.ledger.importRequests(requests) }
        #expect(try ledger.ledger.treeHead() == before)
        try ledger.append(try fixture.caseOpened("after"))
        _ = try ledger.ledger.verify()
    }
}
