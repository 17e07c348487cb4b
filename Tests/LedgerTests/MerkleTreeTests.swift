import Foundation
import PropertyBased
import Testing

@testable import Ledger

/// The tree the log maintains is RFC 6962's over the exported lines: its roots, inclusion
/// proofs and consistency proofs agree with a plain recursive reading of RFC 6962 §2.1 for
/// every size, and verify as a verifier holding only a root checks them.
@Suite struct MerkleTreeTests {
    /// RFC 6962 §2.1, as written: MTH, PATH and PROOF over the leaves' inputs.
    enum Reference {
        static func split(_ n: Int) -> Int {
            var k = 1
            while k * 2 < n { k *= 2 }
            return k
        }

        static func root(_ leaves: ArraySlice<[UInt8]>) -> MerkleHash {
            if leaves.isEmpty { return .empty }
            if leaves.count == 1 { return leaves.first!.withUnsafeBytes { MerkleHash.leaf($0) } }
            let k = split(leaves.count)
            return .node(root(leaves.prefix(k)), root(leaves.dropFirst(k)))
        }

        static func path(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [MerkleHash] {
            if leaves.count <= 1 { return [] }
            let k = split(leaves.count)
            if m < k { return path(m, leaves.prefix(k)) + [root(leaves.dropFirst(k))] }
            return path(m - k, leaves.dropFirst(k)) + [root(leaves.prefix(k))]
        }

        static func subproof(_ m: Int, _ leaves: ArraySlice<[UInt8]>, _ whole: Bool) -> [MerkleHash] {
            let n = leaves.count
            if m == n { return whole ? [] : [root(leaves)] }
            let k = split(n)
            if m <= k { return subproof(m, leaves.prefix(k), whole) + [root(leaves.dropFirst(k))] }
            return subproof(m - k, leaves.dropFirst(k), false) + [root(leaves.prefix(k))]
        }
    }

    @Test func theEmptyTreesRootIsTheHashOfNothing() {
        #expect(Hex.encode(MerkleHash.empty.bytes) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func storageIndexesFollowGosLayout() {
        // sumdb/tlog's own examples: leaf 0,1 → 0,1 then their parent 2; leaf 2 → 3; leaf 3 → 4, parents 5, 6.
        #expect((0..<4).map { TreeLayout.storedIndex(level: 0, $0) } == [0, 1, 3, 4])
        #expect(TreeLayout.storedIndex(level: 1, 0) == 2 && TreeLayout.storedIndex(level: 1, 1) == 5)
        #expect(TreeLayout.storedIndex(level: 2, 0) == 6)
        #expect((0...5).map { TreeLayout.storedCount($0) } == [0, 1, 3, 4, 7, 8])
    }

    @Test func theLogsTreeIsRFC6962sForEverySize() async {
        await propertyCheck(count: 6, input: Gen.int(in: 1...90), Gen.int(in: 1...8)) { events, batches in
            do {
                let ledger = try TestLedger(seedDirectory: false)
                var fixture = ledger.fixture
                var requests = try fixture.directory()
                for i in 0..<(events) { requests.append(try fixture.caseOpened("c\(i)")) }
                // In several transactions, so the right edge is carried across commits.
                let size = max(1, requests.count / batches)
                var start = 0
                while start < requests.count {
                    try ledger.ledger.append(Array(requests[start..<min(requests.count, start + size)]))
                    start += size
                }
                var lines: [[UInt8]] = []
                try ledger.ledger.scan { _, bytes in
                    lines.append(Array(bytes))
                    return true
                }
                try Self.checkEverySize(ledger.ledger, lines)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    static func checkEverySize(_ ledger: Ledger, _ lines: [[UInt8]]) throws {
        let all = lines[...]
        for n in 0...lines.count {
            let head = try ledger.treeHead(size: UInt64(n))
            #expect(head.root == Reference.root(all.prefix(n)), "root of \(n)")
            for m in stride(from: 1, through: n, by: max(1, n / 7)) {
                let proof = try ledger.inclusionProof(seq: UInt64(m), treeSize: UInt64(n))
                #expect(proof == Reference.path(m - 1, all.prefix(n)), "path of \(m) in \(n)")
                let leaf = lines[m - 1].withUnsafeBytes { MerkleHash.leaf($0) }
                #expect(TreeVerification.root(leaf: leaf, index: Int64(m - 1), size: Int64(n), proof: proof) == head.root)
                if !proof.isEmpty {
                    #expect(TreeVerification.root(leaf: leaf, index: Int64(m - 1), size: Int64(n), proof: Array(proof.dropLast())) == nil)
                }
                let consistency = try ledger.consistencyProof(from: UInt64(m), to: UInt64(n))
                #expect(consistency == (m == n ? [] : Reference.subproof(m, all.prefix(n), true)), "proof \(m) → \(n)")
                let old = try ledger.treeHead(size: UInt64(m)).root
                #expect(TreeVerification.consistent(oldSize: Int64(m), newSize: Int64(n), oldRoot: old, newRoot: head.root, proof: consistency))
                if m < n {
                    #expect(!TreeVerification.consistent(oldSize: Int64(m), newSize: Int64(n), oldRoot: head.root, newRoot: head.root, proof: consistency))
                }
            }
        }
    }

    /// A ledger made before the tree (its tree database absent) gets it built on open, equal
    /// to the one appends maintain; appends after it extend it.
    @Test func aLedgerWithoutItsTreeGetsItBuiltOnOpen() throws {
        let ledger = try TestLedger()
        var fixture = ledger.fixture
        for i in 0..<40 { try ledger.append(try fixture.caseOpened("c\(i)")) }
        let before = try ledger.ledger.treeHead()
        try ledger.ledger.environment.dropDatabase("tree")
        try ledger.reopen()
        #expect(try ledger.ledger.treeHead() == before)
        try ledger.append(try fixture.caseOpened("after"))
        var lines: [[UInt8]] = []
        try ledger.ledger.scan { _, bytes in
            lines.append(Array(bytes))
            return true
        }
        #expect(try ledger.ledger.treeHead().root == Reference.root(lines[...]))
    }

    /// A ledger of format 1, whose tree held one hash per entry, has its tree packed into
    /// blocks on open, once, with the same roots; `verify` then passes and appends extend it.
    @Test func aFormatOneTreeIsPackedIntoBlocksOnOpen() throws {
        let ledger = try TestLedger()
        var fixture = ledger.fixture
        for i in 0..<100 { try ledger.append(try fixture.caseOpened("c\(i)")) }
        let before = try ledger.ledger.treeHead()
        let store = ledger.ledger.store
        try ledger.ledger.environment.write { txn in
            let count = try store.storedHashCount(txn)
            let hashes = try store.storedHashes(txn, Array(0..<count))
            try txn.clear(store.tree)
            for (index, hash) in hashes.enumerated() { try txn.put(store.tree, Keys.seq(UInt64(index)), hash.bytes, append: true) }
            try txn.put(store.meta, Keys.format, [1])
        }
        try ledger.reopen()
        #expect(try ledger.ledger.treeHead() == before)
        let (format, blocks, stored) = try ledger.ledger.environment.read { txn in
            (Array(try #require(try txn.get(store.meta, Keys.format))), try ledger.ledger.environment.count(store.tree, in: txn),
             try store.storedHashCount(txn))
        }
        #expect(format == [LedgerStore.formatVersion])
        #expect(Int64(blocks) == (stored + TreeBlocks.hashesPerBlock - 1) / TreeBlocks.hashesPerBlock)
        _ = try ledger.ledger.verify()
        try ledger.append(try fixture.caseOpened("after"))
        _ = try ledger.ledger.verify()
    }

    /// A block that is not a whole number of hashes, or a block missing before the last, is
    /// reported as corruption: on open, by proofs and by `verify`, never a crash.
    @Test func aDamagedBlockIsCorruptionNotACrash() throws {
        let ledger = try TestLedger()
        var fixture = ledger.fixture
        for i in 0..<80 { try ledger.append(try fixture.caseOpened("c\(i)")) }
        let store = ledger.ledger.store
        let head = try ledger.ledger.treeHead()
        // Block 0 cut short by a few bytes: the reads that cross it fail, named.
        let block0 = try ledger.ledger.environment.read { txn in Array(try #require(try txn.get(store.tree, TreeBlocks.key(0)))) }
        try ledger.ledger.environment.write { txn in try txn.put(store.tree, TreeBlocks.key(0), Array(block0.dropLast(5))) }
        #expect(throws: LedgerError.self) { try ledger.ledger.inclusionProof(seq: 1, treeSize: head.size) }
        #expect(throws: VerificationFailure.self) { try ledger.ledger.verify() }
        // Block 0 whole again, block 1 gone while block 2 stands: named, not skipped.
        #expect(try ledger.ledger.environment.read { txn in try store.storedHashCount(txn) } > 2 * TreeBlocks.hashesPerBlock)
        try ledger.ledger.environment.write { txn in
            try txn.put(store.tree, TreeBlocks.key(0), block0)
            try txn.delete(store.tree, TreeBlocks.key(1))
        }
        #expect(throws: VerificationFailure.self) { try ledger.ledger.verify() }
    }
}

/// Tile addresses as c2sp.org/tlog-tiles writes them.
@Suite struct TileCoordinatesTests {
    @Test func pathsAreZeroPaddedWithXPrefixes() {
        #expect(TileCoordinates.path(1_234_067) == "x001/x234/067")
        #expect(TileCoordinates.path(0) == "000")
        #expect(TileCoordinates.path(5, width: 17) == "005.p/17")
        for index: Int64 in [0, 7, 999, 1000, 1_234_067, 999_999_999] {
            let segments = TileCoordinates.path(index).split(separator: "/")
            #expect(TileCoordinates.parse(segments)?.index == index)
        }
        #expect(TileCoordinates.parse(["067.p", "5"])! == (67, 5))
        for bad: [Substring] in [["67"], ["001", "067"], ["x001"], ["067.p", "0"], ["067.p", "256"], ["067.p", "05"], ["x01", "067"], []] {
            #expect(TileCoordinates.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func widthsFollowTheTreeSize() {
        #expect(TileCoordinates.width(level: 0, index: 0, size: 600) == 256)
        #expect(TileCoordinates.width(level: 0, index: 2, size: 600) == 88)
        #expect(TileCoordinates.width(level: 0, index: 3, size: 600) == 0)
        #expect(TileCoordinates.width(level: 1, index: 0, size: 600) == 2)
        #expect(TileCoordinates.width(level: 1, index: 0, size: 255) == 0)
    }
}
