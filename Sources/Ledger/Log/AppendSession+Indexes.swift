// The indexes an append session writes at its end, in key order (see `AppendSession`).
extension AppendSession {
    /// The `eventIds` index entries of this transaction's events, sorted; in the optimistic
    /// mode, throws `RepeatedEventId` if two of them share an eventId.
    func writeEventIds() throws {
        var ids: [(high: UInt64, low: UInt64, seq: UInt64)] = []
        if assumesUniqueIds {
            swap(&ids, &newIds)
        } else {
            ids.reserveCapacity(claimedIds.count)
            for (id, seq) in claimedIds { ids.append((id.high, id.low, seq)) }
        }
        // Big-endian keys: numeric order of (high, low) is the index's byte order.
        ids.sort(by: Self.idPrecedes)
        if assumesUniqueIds, Self.hasAdjacentRepeat(ids) { throw RepeatedEventId() }
        var writer = try SortedPutter(txn: txn, database: store.eventIds)
        for id in ids {
            try withUnsafeBytes(of: (id.high.bigEndian, id.low.bigEndian)) { key in
                try withUnsafeBytes(of: id.seq.bigEndian) { try writer.put(key, $0) }
            }
        }
    }

    /// Each dirty stream's `stream NUL version` entries, then its state record (`stream NUL FF×8`,
    /// which sorts right after them); streams in byte order of their names, which is key order
    /// since NUL precedes every byte a name may hold.
    func writeStreams() throws {
        let dirty = records.indices.filter { records[$0].isDirty }.sorted {
            records[$0].name.utf8.lexicographicallyPrecedes(records[$1].name.utf8)
        }
        var writer = try SortedPutter(txn: txn, database: store.streams)
        var key: [UInt8] = []
        var value: [UInt8] = []
        for slot in dirty {
            let record = records[slot]
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: record.name.utf8)
            key.append(0)
            let versionOffset = key.count
            key.append(contentsOf: repeatElement(0, count: 8))
            assert(record.newSeqs.count <= record.version + 1, "a stream's new events are among its versions")
            var version = UInt64(record.version + 1) - UInt64(record.newSeqs.count)
            for seq in record.newSeqs {
                try key.withUnsafeMutableBytes { key in
                    key.storeBytes(of: version.bigEndian, toByteOffset: versionOffset, as: UInt64.self)
                    try withUnsafeBytes(of: seq.bigEndian) { try writer.put(UnsafeRawBufferPointer(key), $0) }
                }
                version += 1
            }
            key.replaceSubrange(versionOffset..., with: repeatElement(0xFF, count: 8))
            value.removeAll(keepingCapacity: true)
            value.append(contentsOf: Keys.seq(UInt64(record.version)))
            if let state = record.state { StreamStateCodec.encode(state, into: &value) }
            assert(value.count >= 8 && (value.count > 8) == (record.state != nil), "a stream record is its version, then its state if any")
            try key.withUnsafeBytes { key in try value.withUnsafeBytes { try writer.put(key, $0) } }
        }
    }

    static func idPrecedes(_ a: (high: UInt64, low: UInt64, seq: UInt64), _ b: (high: UInt64, low: UInt64, seq: UInt64)) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    static func hasAdjacentRepeat(_ sorted: [(high: UInt64, low: UInt64, seq: UInt64)]) -> Bool {
        sorted.indices.dropFirst().contains { sorted[$0].high == sorted[$0 - 1].high && sorted[$0].low == sorted[$0 - 1].low }
    }
}

/// Thrown by `AppendSession.finish` in its optimistic mode when two requests of the
/// transaction share an eventId: the transaction is aborted and run again without it.
struct RepeatedEventId: Error {}
