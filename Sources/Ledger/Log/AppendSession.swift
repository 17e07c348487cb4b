/// One write transaction's worth of appends: positions, chaining and the append rules.
///
/// Several batches (group commit) may share a session; each is all-or-nothing on its own.
/// A refused batch is undone from an undo log of the stream states it touched, and its
/// writes are held back until it is accepted. A session with a single batch (an import)
/// writes as it goes instead, since a refusal then aborts the whole transaction anyway.
final class AppendSession: DirectoryLookup {
    private struct StreamRecord {
        /// -1 when the stream does not exist.
        var version: Int64
        var state: StreamState?
        /// Changed in this transaction: written back by `finish`.
        var isDirty = false
    }

    private struct PendingEvent {
        var seq: UInt64
        var version: Int64
        var stream: String
        var eventId: EventID
        var bytes: [UInt8]
    }

    private let txn: LMDBTransaction
    private let store: LedgerStore
    private(set) var head: ChainHead
    private let recordedAtText: String
    private var encoder = RecordedEventEncoder()
    /// Streams read or written in this transaction, with their latest state.
    private var streams: [String: StreamRecord] = [:]
    private var written = 0

    /// The transaction's clock: never before the head's, so `recordedAt` never decreases.
    init(txn: LMDBTransaction, store: LedgerStore, now: Timestamp) throws {
        self.txn = txn
        self.store = store
        self.head = try store.head(txn)
        let recordedAt = max(now, head.recordedAt)
        self.head.recordedAt = recordedAt
        self.recordedAtText = recordedAt.description
    }

    /// Applies one batch atomically. On failure nothing of it remains in the session.
    func apply(_ batch: [AppendRequest], writeThrough: Bool) throws -> [AppendOutcome] {
        var iterator = batch.makeIterator()
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(batch.count)
        try apply(next: { iterator.next() }, writeThrough: writeThrough) { outcomes.append($0) }
        return outcomes
    }

    /// Applies the requests `next` yields, as one all-or-nothing batch, reporting each outcome.
    /// `next` may throw (an `AppendFailure` for input it could not parse); that aborts the batch.
    func apply(
        next: () throws -> AppendRequest?, writeThrough: Bool, onOutcome: (AppendOutcome) -> Void
    ) throws {
        let savedHead = head
        var undo: [String: StreamRecord?] = [:]
        var pending: [PendingEvent] = []
        var batchIds: [EventID: (outcome: AppendOutcome, request: AppendRequest)] = [:]
        do {
            var index = -1
            while let request = try next() {
                index += 1
                do {
                    // Written through, the eventId is claimed for the next seq in the same B-tree
                    // descent that checks for it; a refusal later aborts the transaction anyway.
                    if let outcome = try duplicate(of: request, inBatch: batchIds, claiming: writeThrough ? head.seq + 1 : nil) {
                        onOutcome(outcome)
                        continue
                    }
                    let name = request.stream.text
                    let currentVersion = streams.values[try loadedIndex(name)].version
                    if let expected = request.expectedVersion, expected != currentVersion {
                        throw LedgerError.conflict(stream: name, expected: expected, actual: currentVersion)
                    }
                    try AppendRules.decide(request, state: streams[name]!.state, directory: self)

                    let seq = head.seq + 1
                    let version = currentVersion + 1
                    let (bytes, hash) = encoder.encode(
                        request, seq: seq, version: version, recordedAt: recordedAtText, prevHash: head.hash)
                    head.seq = seq
                    head.hash = hash
                    if !writeThrough, undo[name] == nil { undo[name] = streams[name] }
                    // One lookup (deciding may have loaded other streams, so not before), then
                    // mutation in place: the case's collections are not copied per event.
                    let i = streams.index(forKey: name)!
                    streams.values[i].version = version
                    streams.values[i].isDirty = true
                    AppendRules.evolve(&streams.values[i].state, request)
                    if request.stream.kind == .practitioner, case .practitioner(let p)? = streams.values[i].state {
                        practitioners[request.stream.id] = p
                    }
                    let event = PendingEvent(seq: seq, version: version, stream: name, eventId: request.eventId, bytes: bytes)
                    if writeThrough {
                        try put(event, idClaimed: true)
                    } else {
                        pending.append(event)
                        batchIds[request.eventId] = (
                            AppendOutcome(eventId: request.eventIdText, seq: seq, version: version, duplicate: false),
                            request
                        )
                    }
                    onOutcome(AppendOutcome(eventId: request.eventIdText, seq: seq, version: version, duplicate: false))
                } catch let error as LedgerError {
                    throw AppendFailure(index: index, eventId: request.eventIdText, error: error)
                }
            }
            for event in pending { try put(event, idClaimed: false) }
        } catch {
            head = savedHead
            for (name, saved) in undo {
                streams[name] = saved
                let prefix = StreamKind.practitioner.prefix
                if name.hasPrefix(prefix) { practitioners[String(name.dropFirst(prefix.count))] = nil }
            }
            throw error
        }
    }

    /// Writes the touched streams' states; call once, last. (The head needs no record of its
    /// own: it is the newest event.)
    func finish() throws {
        guard written > 0 else { return }
        var value: [UInt8] = []
        for (name, record) in streams where record.isDirty {
            value.removeAll(keepingCapacity: true)
            value.append(contentsOf: Keys.seq(UInt64(record.version)))
            if let state = record.state { StreamStateCodec.encode(state, into: &value) }
            try txn.put(store.streams, Keys.streamState(name), value)
        }
    }

    private func put(_ event: PendingEvent, idClaimed: Bool) throws {
        // Keys on the stack: three puts per event, and allocating each key shows in profiles.
        try withUnsafeBytes(of: event.seq.bigEndian) { seq in
            try event.bytes.withUnsafeBytes { try txn.put(store.events, seq, $0, append: true) }
            try Keys.withStreamVersion(event.stream, event.version) { try txn.put(store.streams, $0, seq) }
            if !idClaimed {
                try withUnsafeBytes(of: (event.eventId.high.bigEndian, event.eventId.low.bigEndian)) {
                    try txn.put(store.eventIds, $0, seq)
                }
            }
        }
        written += 1
    }

    /// An identical earlier request (this batch, this transaction or committed) answers with
    /// its positions; the same eventId with other content is refused.
    /// With `claiming`, an absent eventId is recorded for that seq on the way.
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
        let found: UnsafeRawBufferPointer?
        if let claim {
            found = try txn.putIfAbsent(store.eventIds, request.eventId.bytes, Keys.seq(claim))
        } else {
            found = try txn.get(store.eventIds, request.eventId.bytes)
        }
        guard let seqBytes = found else { return nil }
        let seq = Keys.decodeSeq(seqBytes)
        guard let bytes = try txn.get(store.events, Keys.seq(seq)) else {
            throw LedgerError.corrupt("eventId index points at missing seq \(seq)")
        }
        let stored = try RecordedEvent(decoding: bytes)
        guard stored.records(request) else { throw differentContent(request, seq) }
        return AppendOutcome(eventId: request.eventIdText, seq: stored.seq, version: stored.version, duplicate: true)
    }

    private func differentContent(_ request: AppendRequest, _ seq: UInt64) -> LedgerError {
        .refused(Refusal(field: "eventId", reason: "\(request.eventIdText) is already recorded (seq \(seq)) with different content"))
    }

    /// Makes sure `streams[name]` holds the stream's record (version -1 if it does not exist).
    private func load(_ name: String) throws(LedgerError) {
        _ = try loadedIndex(name)
    }

    /// The position of the stream's record in `streams`, loading it first if need be. Valid
    /// until the next insertion.
    private func loadedIndex(_ name: String) throws(LedgerError) -> Dictionary<String, StreamRecord>.Index {
        if let index = streams.index(forKey: name) { return index }
        var record = StreamRecord(version: -1, state: nil)
        if let bytes = try txn.get(store.streams, Keys.streamState(name)) {
            guard let version = Keys.streamRecordVersion(bytes) else {
                throw .corrupt("stream record of \(name) is truncated")
            }
            record.version = version
            if bytes.count > 8 {
                record.state = try StreamStateCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[8...]))
            }
        }
        streams[name] = record
        return streams.index(forKey: name)!
    }

    // MARK: DirectoryLookup

    /// Practitioners looked up in this transaction, by ID: most events name one or more, and
    /// this spares building and hashing the stream name for each.
    private var practitioners: [String: PractitionerState] = [:]

    func practitioner(_ id: String) throws(LedgerError) -> PractitionerState? {
        if let known = practitioners[id] { return known }
        guard Identifier.isValid(id) else { return nil }
        let name = "practitioner-" + id
        try load(name)
        guard case .practitioner(let p)? = streams[name]!.state else { return nil }
        practitioners[id] = p
        return p
    }

    func agencyExists(_ id: String) throws(LedgerError) -> Bool {
        guard Identifier.isValid(id) else { return false }
        try load("agency-" + id)
        return streams["agency-" + id]!.state != nil
    }

    func authorityExists(_ id: String) throws(LedgerError) -> Bool {
        guard Identifier.isValid(id) else { return false }
        try load("authority-" + id)
        return streams["authority-" + id]!.state != nil
    }
}
