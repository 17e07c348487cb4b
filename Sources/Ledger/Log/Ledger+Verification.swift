/// Whole-ledger verification: the chain, and that every index agrees with the log.
extension Ledger {
    /// What a successful verification proved.
    public struct VerificationReport: Sendable, Equatable {
        public var events: UInt64
        public var headHash: String
        public var headRecordedAt: String
    }

    /// Recomputes the whole chain and cross-checks the indexes; throws at the first bad seq.
    /// `progress` receives each seq as it is verified.
    public func verify(progress: ((UInt64) -> Void)? = nil) throws -> VerificationReport {
        var verifier = ChainVerifier()
        var streamVersions: [String: Int64] = [:]
        // The tree is recomputed from the events and every stored hash compared.
        var tree = try TreeFrontier(size: 0) { _ in [] }
        var treeIndex: Int64 = 0
        try scanInTransactions { txn, seq, bytes in
            let event = try verifier.check(bytes)
            let hashes = tree.append(leaf: .leaf(bytes))
            let stored = try store.storedHashes(txn, Array(treeIndex..<(treeIndex + Int64(hashes.count))))
            guard stored == hashes else {
                throw VerificationFailure(seq: seq, reason: "the tree's stored hashes for this event do not match it")
            }
            treeIndex += Int64(hashes.count)
            do {
                let indexed = try txn.get(store.streams, Keys.streamVersion(event.stream, event.version))
                guard let indexed, try Keys.decodeSeq(indexed) == seq else {
                    throw VerificationFailure(seq: seq, reason: "stream index of \(event.stream) v\(event.version) does not point here")
                }
                guard let id = EventID(parsing: event.eventId), let byId = try txn.get(store.eventIds, id.bytes),
                    try Keys.decodeSeq(byId) == seq
                else {
                    throw VerificationFailure(seq: seq, reason: "eventId index does not point here")
                }
            }
            guard event.version == (streamVersions[event.stream] ?? -1) + 1 else {
                throw VerificationFailure(seq: seq, reason: "version \(event.version) of \(event.stream) is out of order")
            }
            streamVersions[event.stream] = event.version
            progress?(seq)
            return true
        }
        try environment.read { txn in
            let head = try store.head(txn)
            guard head.seq == verifier.seq, head.hash == verifier.hash else {
                throw VerificationFailure(seq: 0, reason: "the stored head (seq \(head.seq)) is not the last event (seq \(verifier.seq))")
            }
            let treeCount = try environment.count(store.tree, in: txn)
            guard Int64(treeCount) == treeIndex else {
                throw VerificationFailure(seq: 0, reason: "the tree stores \(treeCount) hashes; \(verifier.seq) events need \(treeIndex)")
            }
            let indexed = try environment.count(store.streams, in: txn)
            let ids = try environment.count(store.eventIds, in: txn)
            guard UInt64(indexed) == verifier.seq + UInt64(streamVersions.count), UInt64(ids) == verifier.seq else {
                throw VerificationFailure(
                    seq: 0,
                    reason: "indexes hold \(indexed) stream entries and \(ids) eventIds for \(verifier.seq) events in \(streamVersions.count) streams")
            }
            for (stream, version) in streamVersions {
                guard let bytes = try txn.get(store.streams, Keys.streamState(stream)),
                    Keys.streamRecordVersion(bytes) == version
                else {
                    throw VerificationFailure(seq: 0, reason: "the recorded head version of \(stream) is not \(version)")
                }
            }
        }
        return VerificationReport(events: verifier.seq, headHash: Hex.encode(verifier.hash), headRecordedAt: verifier.recordedAt)
    }

    /// Proves the ledger still holds the exact prefix an auditor's digest names: the whole
    /// chain verifies and event `seq` has hash `hash`.
    public func verify(digestSeq seq: UInt64, hash: String) throws -> VerificationReport {
        let report = try verify()
        guard seq >= 1, seq <= report.events else {
            throw VerificationFailure(seq: seq, reason: "the ledger has \(report.events) events; the digest names seq \(seq)")
        }
        guard let bytes = try event(seq: seq) else {
            throw VerificationFailure(seq: seq, reason: "event is missing")
        }
        let event = try RecordedEvent(decoding: bytes)
        guard event.hash == hash.lowercased() else {
            throw VerificationFailure(seq: seq, reason: "hash is \(event.hash), the digest says \(hash)")
        }
        return report
    }
}
