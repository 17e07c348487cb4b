import Foundation
import Synchronization

/// Whole-ledger verification: the chain, and that every index agrees with the log.
extension Ledger {
    /// What a successful verification proved.
    public struct VerificationReport: Sendable, Equatable {
        /// Events verified: the whole log, from seq 1.
        public var events: UInt64
        /// The hash of the last event verified (64 hex digits): what a digest records.
        public var headHash: String
        /// The `recordedAt` of the last event verified, as recorded.
        public var headRecordedAt: String
    }

    /// Recomputes the whole chain and the tree and cross-checks the indexes; throws the first
    /// bad seq. The log is checked in rounds of contiguous segments, one per worker (each
    /// event's checks depend only on its own bytes and its predecessor's stored hash, so they
    /// run in parallel; what needs order is merged after each round). `progress` receives
    /// the seq below which every event has been verified, after each round.
    public func verify(workers: Int = Ledger.verificationWorkers, progress: ((UInt64) -> Void)? = nil) throws -> VerificationReport {
        try verify(workers: workers, segment: Self.verificationSegment, progress: progress)
    }

    /// `verify` with segments of `segment` events (tests use small ones, to cross boundaries).
    func verify(workers: Int, segment: Int, progress: ((UInt64) -> Void)?) throws -> VerificationReport {
        let workers = min(max(workers, 1), 16)
        let head = try lastSeq()
        let segment = UInt64(min(max(segment, 1), 1 << 20))
        var state = SegmentVerification.MergedState()
        let checker = SegmentVerification(ledger: self)
        while state.seq < head {
            let start = state.seq + 1
            let ranges: [(UInt64, UInt64)] = (0..<UInt64(workers)).compactMap { k in
                let first = start + k * segment
                return first <= head ? (first, min(first + segment - 1, head)) : nil
            }
            let results = Mutex<[SegmentVerification.Summary?]>(Array(repeating: nil, count: ranges.count))
            DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
                let summary = checker.run(ranges[k].0, ranges[k].1)
                results.withLock { $0[k] = summary }
            }
            let summaries = results.withLock { $0.compactMap { $0 } }
            guard summaries.count == ranges.count else {
                throw VerificationFailure(seq: start, reason: "a verification worker returned no result")
            }
            try SegmentVerification.merge(summaries, into: &state)
            progress?(state.seq)
        }
        let treeIndex = TreeLayout.storedCount(Int64(state.seq))
        let streamVersions = state.streamVersions
        try environment.read { txn in
            let head = try store.head(txn)
            guard head.seq == state.seq, head.hash == state.hash.bytes else {
                throw VerificationFailure(seq: 0, reason: "the stored head (seq \(head.seq)) is not the last event (seq \(state.seq))")
            }
            let treeCount = try store.storedHashCount(txn)
            guard treeCount == treeIndex else {
                throw VerificationFailure(seq: 0, reason: "the tree stores \(treeCount) hashes; \(state.seq) events need \(treeIndex)")
            }
            let indexed = try environment.count(store.streams, in: txn)
            let ids = try environment.count(store.eventIds, in: txn)
            guard UInt64(indexed) == state.seq + UInt64(streamVersions.count), UInt64(ids) == state.seq else {
                throw VerificationFailure(
                    seq: 0,
                    reason: "indexes hold \(indexed) stream entries and \(ids) eventIds for \(state.seq) events in \(streamVersions.count) streams")
            }
            for (stream, version) in streamVersions {
                guard let bytes = try txn.get(store.streams, Keys.streamState(stream)),
                    Keys.streamRecordVersion(bytes) == version
                else {
                    throw VerificationFailure(seq: 0, reason: "the recorded head version of \(stream) is not \(version)")
                }
            }
        }
        return VerificationReport(events: state.seq, headHash: Hex.encode(state.hash.bytes), headRecordedAt: state.recordedAt)
    }

    /// Workers `verify` uses by default: one per core.
    public static var verificationWorkers: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Events one worker checks per round: large enough that starting a segment (a read
    /// transaction and the tree's right edge) is noise, small enough that a round's findings
    /// arrive in order and progress is fine-grained.
    static let verificationSegment = 4_096

    /// Proves the ledger still holds the exact prefix an auditor's digest names: the whole
    /// chain verifies and event `seq` has hash `hash`.
    /// `progress` is as `verify`'s.
    public func verify(
        digestSeq seq: UInt64, hash: String, workers: Int = Ledger.verificationWorkers, progress: ((UInt64) -> Void)? = nil
    ) throws -> VerificationReport {
        let report = try verify(workers: workers, progress: progress)
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
