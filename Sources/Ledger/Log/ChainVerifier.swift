/// Re-verifies a sequence of recorded events from first principles, one at a time.
///
/// It trusts nothing stored beside the event: each event is decoded, its `seq` and
/// `prevHash` checked against its predecessor, its hash recomputed over the canonical form,
/// and its stored bytes compared with that canonical form, so a single changed byte
/// anywhere is caught and named.
public struct ChainVerifier {
    /// The seq of the last event checked (0 before the first): the next must be one more.
    public private(set) var seq: UInt64 = 0
    /// The hash of the last event checked: the next event's `prevHash` must equal it.
    public private(set) var hash: [UInt8] = ChainHead.empty.hash
    /// The `recordedAt` of the last event checked: the next may not be earlier.
    public private(set) var recordedAt = ""

    /// A verifier expecting seq 1, chained to the all-zero hash.
    public init() {}

    /// A verifier expecting seq `seq + 1`, chained to `hash`: for a part of the log (an
    /// export from a later seq), whose start the caller must prove some other way (a digest
    /// of `seq`, say).
    public init(after seq: UInt64, hash: [UInt8]) {
        precondition(hash.count == ChainHead.empty.hash.count, "a SHA-256 hash")
        self.seq = seq
        self.hash = hash
    }

    /// Checks the next event; throws `VerificationFailure` naming its seq.
    public mutating func check(_ bytes: UnsafeRawBufferPointer) throws(VerificationFailure) -> RecordedEvent {
        let expected = seq + 1
        let event: RecordedEvent
        do {
            event = try RecordedEvent(decoding: bytes)
        } catch {
            throw VerificationFailure(seq: expected, reason: "\(error)")
        }
        guard event.seq == expected else {
            throw VerificationFailure(seq: expected, reason: "found seq \(event.seq) where \(expected) was expected")
        }
        guard event.prevHash == Hex.encode(hash) else {
            throw VerificationFailure(seq: expected, reason: "prevHash does not match the hash of seq \(seq)")
        }
        let canonical = event.canonicalWithoutHash()
        let computed = RecordedEventEncoder.chainHash(prevHash: hash, canonicalWithoutHash: canonical)
        guard Hex.encode(computed) == event.hash else {
            throw VerificationFailure(seq: expected, reason: "hash does not match the event's content")
        }
        guard CanonicalJSON.bytes(.object(event.object)).elementsEqual(bytes) else {
            throw VerificationFailure(seq: expected, reason: "stored bytes are not the canonical form of the event")
        }
        guard event.recordedAt >= recordedAt else {
            throw VerificationFailure(seq: expected, reason: "recordedAt goes backwards")
        }
        seq = expected
        hash = computed
        recordedAt = event.recordedAt
        return event
    }
}

/// The first event (or index) that does not verify.
public struct VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first bad seq; 0 when the failure is not one event's (e.g. an index disagrees in total).
    public var seq: UInt64
    /// What is wrong, in words an operator can act on.
    public var reason: String

    /// A failure of event `seq` (0 for one that is not a single event's).
    public init(seq: UInt64, reason: String) {
        self.seq = seq
        self.reason = reason
    }

    /// `seq N: reason`, or the reason alone for a failure of the whole.
    public var description: String { seq > 0 ? "seq \(seq): \(reason)" : reason }
}
