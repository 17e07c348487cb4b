/// One write transaction's worth of appends: positions, chaining and the append rules.
///
/// Several batches (group commit) may share a session; each is all-or-nothing on its own.
/// A refused batch is undone from an undo log of the stream states it touched, and its
/// writes are held back until it is accepted. A session with a single batch (an import)
/// writes as it goes instead, since a refusal then aborts the whole transaction anyway.
///
/// Events go to `events` as they are accepted; the two indexes (`eventIds`, and the
/// `streams` entries) are kept in memory and written by `finish` in key order. Written as
/// they came, a large import's random eventIds and interleaved streams would dirty a random
/// index page per event (and spill and re-read them once the dirty list is full); in key
/// order each page is touched once and filled before the next.
final class AppendSession: DirectoryLookup {
    struct StreamRecord {
        let name: String
        /// -1 when the stream does not exist.
        var version: Int64
        var state: StreamState?
        /// Changed in this transaction: written back by `finish`.
        var isDirty = false
        /// The seqs of this transaction's events on the stream, oldest first: versions
        /// `version - newSeqs.count + 1 ... version`, indexed by `finish`.
        var newSeqs: [UInt64] = []
    }

    private struct PendingEvent {
        var seq: UInt64
        var slot: Int
        var eventId: EventID
        var bytes: [UInt8]
    }

    let txn: LMDBTransaction
    let store: LedgerStore
    private(set) var head: ChainHead
    private let encoder: RecordedEventEncoder
    /// The recorded bytes of an event written through, reused from one event to the next.
    private var scratch: [UInt8] = []
    /// Streams read or written in this transaction, with their latest state, by slot: looked
    /// up by name once per event, then reached by position (a record is never copied whole).
    private(set) var records: [StreamRecord] = []
    private var slots: [String: Int] = [:]
    /// EventIds of the events written in this transaction, not yet in the `eventIds` index.
    private(set) var claimedIds: [EventID: UInt64] = [:]
    /// With `assumesUniqueIds`, the same as a list in write order instead of a table.
    var newIds: [(high: UInt64, low: UInt64, seq: UInt64)] = []
    /// An import's optimistic mode: no request repeats the eventId of an earlier one in this
    /// transaction. A table of a million claimed eventIds costs a random memory access per
    /// event on the writer thread, the import's bottleneck; the list costs an append, and
    /// `finish` checks the assumption when it sorts the list for the index anyway (throwing
    /// `RepeatedEventId`, on which the import runs again without it). Committed eventIds are
    /// looked up either way.
    let assumesUniqueIds: Bool
    /// The eventId of the request `apply` is deciding, until it is written or answered.
    private var inProgressId: EventID?
    /// Whether the committed `eventIds` index has any entry; if not (a first import), no
    /// request needs looking up there.
    private let hasCommittedIds: Bool
    private var written = 0
    /// The tree's right edge and the writer of its stored hashes: each event written extends both.
    var tree: TreeFrontier
    var treeWriter: TreeBlockWriter
    /// For a bulk load, the leaves `finish` hashes at a time, on every core, instead of one by
    /// one on the writer (see `AppendSession+DeferredTree`); nil to hash each event's as it is put.
    let deferredTreeWindow: Int?
    var defersTree: Bool { deferredTreeWindow != nil }

    /// The transaction's clock: never before the head's, so `recordedAt` never decreases.
    /// `deferredTreeWindow` (a bulk load, one written-through batch) leaves the tree to `finish`.
    init(
        txn: LMDBTransaction, store: LedgerStore, now: Timestamp, assumingUniqueIds: Bool = false,
        deferredTreeWindow: Int? = nil
    ) throws {
        precondition(deferredTreeWindow.map { $0 > 0 } ?? true, "a window holds at least one leaf")
        self.txn = txn
        self.assumesUniqueIds = assumingUniqueIds
        self.store = store
        self.head = try store.head(txn)
        let recordedAt = max(now, head.recordedAt)
        assert(recordedAt >= head.recordedAt, "recordedAt never goes back: a transaction's clock is at least its head's")
        self.head.recordedAt = recordedAt
        self.encoder = RecordedEventEncoder(recordedAt: recordedAt.description)
        self.hasCommittedIds = try store.environment.count(store.eventIds, in: txn) > 0
        // The head just read, not read again: this runs at every commit.
        (self.tree, self.treeWriter) = try store.treeFrontier(txn, headSeq: head.seq)
        assert(tree.size == Int64(head.seq), "the tree covers the log")
        self.deferredTreeWindow = deferredTreeWindow
    }

    /// Sizes the session's tables for about `count` events: a large import otherwise rehashes
    /// its claimed eventIds each time they double.
    func reserveCapacity(_ count: Int) {
        if assumesUniqueIds { newIds.reserveCapacity(count) } else { claimedIds.reserveCapacity(count) }
    }

    /// Applies one batch atomically, appended by `recordedBy`. On failure nothing of it
    /// remains in the session.
    func apply(_ batch: [AppendRequest], recordedBy: RecordedBy, writeThrough: Bool) throws -> [AppendOutcome] {
        var iterator = batch.makeIterator()
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(batch.count)
        try apply(next: { iterator.next() }, recordedBy: recordedBy, writeThrough: writeThrough) { outcomes.append($0) }
        return outcomes
    }

    /// Applies the requests `next` yields, as one all-or-nothing batch appended by
    /// `recordedBy`, reporting each outcome. `next` may throw (an `AppendFailure` for input it
    /// could not parse); that aborts the batch.
    func apply(
        next: () throws -> AppendRequest?, recordedBy: RecordedBy, writeThrough: Bool, onOutcome: (AppendOutcome) -> Void
    ) throws {
        // The optimistic mode's check runs only at `finish`: a batch it failed would already be written.
        precondition(writeThrough || !assumesUniqueIds, "assumingUniqueIds is for a single written-through batch")
        precondition(writeThrough || !defersTree, "a deferred tree is for a single written-through batch")
        let savedHead = head
        var undo: [Int: StreamRecord] = [:]
        var pending: [PendingEvent] = []
        var batchIds: [EventID: (outcome: AppendOutcome, request: AppendRequest)] = [:]
        do {
            var index = -1
            while let request = try next() {
                index += 1
                inProgressId = request.eventId
                do {
                    if let outcome = try duplicate(of: request, inBatch: batchIds, claiming: writeThrough ? head.seq + 1 : nil) {
                        inProgressId = nil
                        onOutcome(outcome)
                        continue
                    }
                    let slot = try loadedSlot(request.stream.text)
                    let currentVersion = records[slot].version
                    if let expected = request.expectedVersion, expected != currentVersion {
                        throw LedgerError.conflict(stream: request.stream.text, expected: expected, actual: currentVersion)
                    }
                    try AppendRules.decide(request, state: records[slot].state, directory: self)

                    let seq = head.seq + 1
                    let version = currentVersion + 1
                    assert(version >= 0 && records[slot].newSeqs.last.map { $0 < seq } ?? true, "a stream's versions and seqs only grow")
                    // Written through, the bytes are put at once and the buffer reused: taken out
                    // of `scratch` so it is uniquely referenced and not copied on write.
                    var bytes: [UInt8] = []
                    if writeThrough { swap(&bytes, &scratch) }
                    let hash = encoder.encode(
                        request, recordedBy: recordedBy, seq: seq, version: version, prevHash: head.hash, into: &bytes)
                    guard bytes.count <= RecordedEvent.maximumSize else {
                        throw LedgerError.invalid(
                            ContractViolation(
                                field: "",
                                problem: "the recorded event would be \(bytes.count) bytes; the most is \(RecordedEvent.maximumSize), "
                                    + "what one entry of a tile's bundle can hold (shorten the text fields)",
                                isBeyondSchema: true))
                    }
                    head.seq = seq
                    head.hash = hash
                    if !writeThrough, undo[slot] == nil { undo[slot] = records[slot] }
                    // Mutated in place: the case's collections are not copied per event.
                    records[slot].version = version
                    records[slot].isDirty = true
                    AppendRules.evolve(&records[slot].state, request)
                    if request.stream.kind == .practitioner, case .practitioner(let p)? = records[slot].state {
                        practitioners[PractitionerID(rawValue: request.stream.id)] = p
                    }
                    if writeThrough {
                        // Claimed by `duplicate` already, unless listed instead.
                        try put(seq: seq, eventId: assumesUniqueIds ? request.eventId : nil, bytes: bytes, slot: slot)
                        scratch = bytes
                    } else {
                        pending.append(PendingEvent(seq: seq, slot: slot, eventId: request.eventId, bytes: bytes))
                        batchIds[request.eventId] = (
                            AppendOutcome(eventId: request.eventIdText, seq: seq, version: version, duplicate: false),
                            request
                        )
                    }
                    inProgressId = nil
                    onOutcome(AppendOutcome(eventId: request.eventIdText, seq: seq, version: version, duplicate: false))
                } catch let error as LedgerError {
                    throw AppendFailure(index: index, eventId: request.eventIdText, error: error)
                }
            }
            // The batch's events take the seqs after the head it found, in order, without a gap.
            assert(
                pending.isEmpty
                    || (pending[0].seq == savedHead.seq + 1 && pending[pending.count - 1].seq == head.seq
                        && UInt64(pending.count) == head.seq - savedHead.seq), "a held-back batch is the next seqs, in order")
            for event in pending {
                try put(seq: event.seq, eventId: event.eventId, bytes: event.bytes, slot: event.slot)
            }
        } catch {
            head = savedHead
            for (slot, saved) in undo {
                records[slot] = saved
                let name = saved.name
                let prefix = StreamKind.practitioner.prefix
                if name.hasPrefix(prefix) { practitioners[PractitionerID(rawValue: String(name.dropFirst(prefix.count)))] = nil }
            }
            throw error
        }
    }

    /// Writes the indexes of this transaction's events and the touched streams' states, in
    /// key order; call once, last. (The head needs no record of its own: it is the newest event.)
    func finish() throws {
        guard written > 0 else { return }
        if defersTree { try appendDeferredLeaves() }
        assert(tree.size == Int64(head.seq), "the tree covers the log")
        try treeWriter.flush(txn, store)
        assert(treeWriter.count == TreeLayout.storedCount(Int64(head.seq)), "the tree stores every hash of the log's leaves")
        try writeEventIds()
        try writeStreams()
    }

    /// Writes an event to the log and notes it for the indexes of its stream's record, and
    /// claims its `eventId` unless `duplicate` already did.
    private func put(seq: UInt64, eventId: EventID?, bytes: [UInt8], slot: Int) throws {
        try withUnsafeBytes(of: seq.bigEndian) { key in
            try bytes.withUnsafeBytes { try txn.put(store.events, key, $0, append: true) }
        }
        assert(records[slot].newSeqs.last.map { $0 < seq } ?? true, "a stream's events are indexed in seq order")
        // Leaf seq-1 of the tree, in the same transaction as the event (or, deferred, by `finish`).
        if !defersTree {
            assert(tree.size + 1 == Int64(seq), "events join the tree in seq order")
            let leaf = bytes.withUnsafeBytes { MerkleHash.leaf($0) }
            try tree.append(leaf: leaf) { try treeWriter.append($0, txn, store) }
        }
        records[slot].newSeqs.append(seq)
        if let eventId {
            if assumesUniqueIds { newIds.append((eventId.high, eventId.low, seq)) } else { claimedIds[eventId] = seq }
        }
        written += 1
    }

    /// An identical earlier request (this batch, this transaction or committed) answers with
    /// its positions; the same eventId with other content is refused.
    /// With `claiming` (written through: a refusal later aborts the transaction anyway), an
    /// absent eventId is claimed for that seq in the same table operation that checks for it.
    private func duplicate(
        of request: AppendRequest, inBatch: [EventID: (outcome: AppendOutcome, request: AppendRequest)],
        claiming claim: UInt64?
    ) throws -> AppendOutcome? {
        if let earlier = inBatch[request.eventId] {
            // Accepted earlier in this batch and not yet written.
            guard earlier.request.hasSameContent(as: request) else { throw differentContent(request, earlier.outcome.seq) }
            var outcome = earlier.outcome
            outcome.eventId = request.eventIdText
            outcome.duplicate = true
            return outcome
        }
        let id = request.eventId
        let seq: UInt64
        if assumesUniqueIds {
            // Not this transaction's (`finish` checks that); perhaps a committed one's.
            guard let found = try committedSeq(of: id) else { return nil }
            seq = found
        } else if let claimed = claim.map({ claimedIds.updateValue($0, forKey: id) }) ?? claimedIds[id] {
            if claim != nil { claimedIds[id] = claimed }  // the earlier claim stands
            seq = claimed
        } else {
            guard let found = try committedSeq(of: id) else { return nil }
            if claim != nil { claimedIds[id] = nil }  // committed: not this transaction's to index
            seq = found
        }
        guard let bytes = try txn.get(store.events, Keys.seq(seq)) else {
            throw LedgerError.corrupt("eventId index points at missing seq \(seq)")
        }
        let stored = try RecordedEvent(decoding: bytes)
        guard stored.seq == seq else {
            throw LedgerError.corrupt("the eventId index points \(request.eventIdText) at seq \(seq), whose event says seq \(stored.seq)")
        }
        guard stored.records(request) else { throw differentContent(request, seq) }
        return AppendOutcome(eventId: request.eventIdText, seq: stored.seq, version: stored.version, duplicate: true)
    }

    /// In the optimistic mode, whether the assumption has failed so far: then a refusal may be
    /// an artefact of it (a repeated CaseOpened written as a second one) and must not be reported.
    /// Counts the eventId of the request being applied when `apply` threw, if it was one.
    var hasRepeatedAnEventId: Bool {
        guard assumesUniqueIds else { return false }
        if let id = inProgressId, newIds.contains(where: { $0.high == id.high && $0.low == id.low }) { return true }
        return Self.hasAdjacentRepeat(newIds.sorted(by: Self.idPrecedes))
    }

    private func committedSeq(of id: EventID) throws(LedgerError) -> UInt64? {
        guard hasCommittedIds else { return nil }
        return try withUnsafeBytes(of: (id.high.bigEndian, id.low.bigEndian)) { key throws(LedgerError) in
            guard let stored = try txn.get(store.eventIds, key) else { return nil }
            return try Keys.decodeSeq(stored)
        }
    }

    private func differentContent(_ request: AppendRequest, _ seq: UInt64) -> LedgerError {
        .refused(Refusal(field: "eventId", reason: "\(request.eventIdText) is already recorded (seq \(seq)) with different content"))
    }

    /// The slot of the stream's record, loading it first if need be (version -1 if the stream
    /// does not exist).
    private func loadedSlot(_ name: String) throws(LedgerError) -> Int {
        if let slot = slots[name] { return slot }
        var record = StreamRecord(name: name, version: -1, state: nil)
        if let bytes = try txn.get(store.streams, Keys.streamState(name)) {
            guard let version = Keys.streamRecordVersion(bytes) else {
                throw .corrupt("stream record of \(name) is truncated")
            }
            // Stored only once the stream has an event (version 0 or more); a negative one would
            // give the next event a negative version.
            guard version >= 0 else { throw .corrupt("stream record of \(name) says version \(version)") }
            record.version = version
            if bytes.count > 8 {
                record.state = try StreamStateCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[8...]))
            }
            assert((bytes.count > 8) == (record.state != nil), "a stored state decoded whole")
        }
        records.append(record)
        slots[name] = records.count - 1
        return records.count - 1
    }

    // MARK: DirectoryLookup

    /// Practitioners looked up in this transaction, by ID: most events name one or more, and
    /// this spares building and hashing the stream name for each.
    private var practitioners: [PractitionerID: PractitionerState] = [:]

    func practitioner(_ id: PractitionerID) throws(LedgerError) -> PractitionerState? {
        if let known = practitioners[id] { return known }
        guard IdentifierRule.isValid(id.rawValue) else { return nil }
        guard case .practitioner(let p)? = records[try loadedSlot("practitioner-" + id.rawValue)].state else { return nil }
        practitioners[id] = p
        return p
    }

    func agencyExists(_ id: AgencyID) throws(LedgerError) -> Bool {
        guard IdentifierRule.isValid(id.rawValue) else { return false }
        return records[try loadedSlot("agency-" + id.rawValue)].state != nil
    }

    func authorityExists(_ id: AuthorityID) throws(LedgerError) -> Bool {
        guard IdentifierRule.isValid(id.rawValue) else { return false }
        return records[try loadedSlot("authority-" + id.rawValue)].state != nil
    }
}
