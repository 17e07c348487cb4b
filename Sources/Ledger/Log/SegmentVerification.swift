import Foundation

/// The check of one contiguous run of seqs, on its own read transaction, so that several run
/// at once (`Ledger.verify` gives each core one): every event's hash over its own bytes, its
/// link to its predecessor's stored hash (read from the log, and itself checked by whichever
/// segment holds it), its canonical form, both indexes' entries for it, and the tree's stored
/// hashes for its leaf (the tree's right edge at the segment's start read from the stored
/// hashes, which the earlier segments check). What only a sequential pass can check (stream
/// versions and `recordedAt` across segments) is returned as a summary for `merge`.
struct SegmentVerification {
    /// The first and last stream versions a segment saw for a stream, consecutive between.
    struct StreamSpan {
        var firstVersion: Int64
        var firstSeq: UInt64
        var lastVersion: Int64
    }

    /// What a segment proved, for the sequential merge.
    struct Summary {
        var first: UInt64
        var last: UInt64
        var firstRecordedAt = ""
        var lastRecordedAt = ""
        var lastHash = MerkleHash.zero
        var streams: [String: StreamSpan] = [:]
        /// The first event that failed inside the segment: later ones are not looked at.
        var failure: VerificationFailure?
    }

    let ledger: Ledger

    /// Checks seqs `first...last` (all present: the caller read the head). Never throws for
    /// what it finds: a finding is the summary's `failure`, so that the lowest seq wins.
    func run(_ first: UInt64, _ last: UInt64) -> Summary {
        var summary = Summary(first: first, last: last)
        do {
            try ledger.environment.read { txn in try check(txn, &summary) }
        } catch let failure as VerificationFailure {
            summary.failure = failure
        } catch {
            summary.failure = VerificationFailure(seq: first, reason: "\(error)")
        }
        return summary
    }

    private func check(_ txn: LMDBTransaction, _ summary: inout Summary) throws {
        let store = ledger.store
        let first = summary.first
        var chain = try startOfChain(txn, before: first)
        var tree = try TreeFrontier(size: Int64(first - 1)) { try store.storedHashes(txn, $0) }
        var previousRecordedAt = ""
        try txn.withCursor(store.tree) { treeCursor in
            var storedHashes = try StoredHashCursor(treeCursor, from: TreeLayout.storedCount(Int64(first - 1)))
            try txn.withCursor(store.events) { cursor in
                var entry = try cursor.seek(Keys.seq(first))
                var seq = first
                while seq <= summary.last {
                    guard let (key, bytes) = entry, try Keys.decodeSeq(key) == seq else {
                        throw VerificationFailure(seq: seq, reason: "event is missing")
                    }
                    try chain.check(key: seq, bytes)
                    let event = try CanonicalScan.envelope(bytes) ?? decodeCanonical(seq, bytes)
                    try checkIndexes(txn, seq, event)
                    if seq == first {
                        summary.firstRecordedAt = event.recordedAt
                    } else if event.recordedAt < previousRecordedAt {
                        throw VerificationFailure(seq: seq, reason: "recordedAt goes backwards")
                    }
                    previousRecordedAt = event.recordedAt
                    try record(event, seq, &summary.streams)
                    try tree.append(leaf: .leaf(bytes)) { computed in
                        guard try storedHashes.next() == computed else {
                            throw VerificationFailure(seq: seq, reason: "the tree's stored hashes for this event do not match it")
                        }
                    }
                    seq += 1
                    entry = try cursor.next()
                }
            }
        }
        summary.lastRecordedAt = previousRecordedAt
        summary.lastHash = chain.lastHash ?? .zero
    }

    /// The link the segment's first event must make: the stored hash of its predecessor.
    private func startOfChain(_ txn: LMDBTransaction, before first: UInt64) throws -> StoredEventCheck {
        guard first > 1 else { return StoredEventCheck() }
        guard let bytes = try txn.get(ledger.store.events, Keys.seq(first - 1)) else {
            throw VerificationFailure(seq: first - 1, reason: "event is missing")
        }
        guard let at = StoredEventCheck.firstIndex(of: StoredEventCheck.hashMember, in: bytes),
            let hash = StoredEventCheck.hexDigest(bytes, at: at + StoredEventCheck.hashMember.count)
        else { throw VerificationFailure(seq: first - 1, reason: "the stored event lacks its hash") }
        return StoredEventCheck(after: first - 1, linkingTo: hash)
    }

    /// The event's envelope, if its stored bytes are exactly its canonical form (its hash was
    /// checked over those bytes, so it is the hash of the canonical form too): the full check,
    /// for what `CanonicalScan` leaves undecided, naming what is wrong.
    private func decodeCanonical(_ seq: UInt64, _ bytes: UnsafeRawBufferPointer) throws -> CanonicalScan.Envelope {
        let event: RecordedEvent
        do {
            event = try RecordedEvent(decoding: bytes)
        } catch {
            throw VerificationFailure(seq: seq, reason: "\(error)")
        }
        let canonical = CanonicalJSON.bytes(.object(event.object))
        let same = canonical.withUnsafeBytes { encoded in
            guard encoded.count == bytes.count, let a = encoded.baseAddress, let b = bytes.baseAddress else { return encoded.count == bytes.count }
            return memcmp(a, b, bytes.count) == 0
        }
        guard same else { throw VerificationFailure(seq: seq, reason: "stored bytes are not the canonical form of the event") }
        return CanonicalScan.Envelope(
            seq: event.seq, version: event.version, stream: event.stream, eventId: event.eventId, recordedAt: event.recordedAt)
    }

    private func checkIndexes(_ txn: LMDBTransaction, _ seq: UInt64, _ event: CanonicalScan.Envelope) throws {
        let store = ledger.store
        let indexed = try txn.get(store.streams, Keys.streamVersion(event.stream, event.version))
        guard let indexed, try Keys.decodeSeq(indexed) == seq else {
            throw VerificationFailure(seq: seq, reason: "stream index of \(event.stream) v\(event.version) does not point here")
        }
        guard let id = EventID(parsing: event.eventId), let byId = try txn.get(store.eventIds, id.bytes), try Keys.decodeSeq(byId) == seq
        else {
            throw VerificationFailure(seq: seq, reason: "eventId index does not point here")
        }
    }

    private func record(_ event: CanonicalScan.Envelope, _ seq: UInt64, _ streams: inout [String: StreamSpan]) throws {
        // One hash of the stream's name per event: the span is changed in place.
        if let index = streams.index(forKey: event.stream) {
            guard event.version == streams.values[index].lastVersion + 1 else {
                throw VerificationFailure(seq: seq, reason: "version \(event.version) of \(event.stream) is out of order")
            }
            streams.values[index].lastVersion = event.version
        } else {
            streams[event.stream] = StreamSpan(firstVersion: event.version, firstSeq: seq, lastVersion: event.version)
        }
    }

    /// Joins segments' summaries, in seq order, into the whole log's stream versions and
    /// `recordedAt`, throwing the lowest-seq finding of any segment or join.
    static func merge(_ summaries: [Summary], into state: inout MergedState) throws {
        var findings: [VerificationFailure] = []
        for summary in summaries {
            if !summary.firstRecordedAt.isEmpty, summary.firstRecordedAt < state.recordedAt {
                findings.append(VerificationFailure(seq: summary.first, reason: "recordedAt goes backwards"))
            }
            for (stream, span) in summary.streams {
                let expected = (state.streamVersions[stream] ?? -1) + 1
                if span.firstVersion != expected {
                    findings.append(
                        VerificationFailure(seq: span.firstSeq, reason: "version \(span.firstVersion) of \(stream) is out of order"))
                }
                state.streamVersions[stream] = span.lastVersion
            }
            if let failure = summary.failure { findings.append(failure) }
            if !findings.isEmpty { break }
            state.seq = summary.last
            state.hash = summary.lastHash
            state.recordedAt = summary.lastRecordedAt
        }
        if let lowest = findings.min(by: { $0.seq < $1.seq }) { throw lowest }
    }

    /// The sequential state the merge carries from one round of segments to the next.
    struct MergedState {
        var seq: UInt64 = 0
        var hash = MerkleHash(ChainHead.empty.hash) ?? .zero
        var recordedAt = ""
        var streamVersions: [String: Int64] = [:]
    }
}
