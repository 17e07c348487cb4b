import Dispatch
import Foundation
import Ledger

/// Encodes a rebuilt projection's case records, and the open-action and involvement index
/// entries they contribute, in LMDB's key order, on every core, before the write transaction opens.
///
/// After a full replay this is the last big piece of work and nothing else is running:
/// encoding 25,000 records, and freeing them and every string they hold, took a third of
/// the applying thread's time when it was done in the transaction on that thread. Each part
/// now owns its records, encodes them and frees them on its own thread.
enum RebuildEncoder {
    typealias Entry = (key: [UInt8], value: [UInt8])

    /// Parts to encode in: the machine's cores, at most 4.
    static let parts = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// What a rebuild writes, each list sorted by key (involvement keys have empty values).
    struct Encoded {
        var cases: [Entry] = []
        var openActions: [Entry] = []
        var involvement: [[UInt8]] = []
    }

    /// `cases`' records and their index entries, each list sorted by key. Takes the records:
    /// they are freed as they are encoded.
    static func encode(_ cases: consuming [CaseID: CaseRecord]) -> Encoded {
        let ids = cases.keys.sorted()
        let parts = ids.count < 1024 ? 1 : Self.parts
        let size = (ids.count + parts - 1) / parts
        // One slot per part; each is filled here, then touched only by its own part.
        let slots = (0..<parts).map { part in
            let range = min(ids.count, part * size)..<min(ids.count, (part + 1) * size)
            // Moved out of the dictionary, not copied: each record then has one owner, its part.
            return Slot(records: ids[range].compactMap { id in cases.removeValue(forKey: id).map { (id, $0) } })
        }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let slot = slots[part]
            // Taken from the end, each record is freed as soon as it is encoded.
            while let next = slot.records.popLast() {
                slot.encoded.append((Array(next.id.rawValue.utf8), next.record.encoded))
                for (key, value) in OpenActionIndex.entries(of: next.record) { slot.entries.append((key, value)) }
                slot.involvement.append(contentsOf: InvolvementIndex.keys(of: next.record))
            }
            slot.encoded.reverse()
        }
        var result = Encoded()
        result.cases.reserveCapacity(ids.count)
        for slot in slots {
            result.cases.append(contentsOf: slot.encoded)
            result.openActions.append(contentsOf: slot.entries)
            result.involvement.append(contentsOf: slot.involvement)
        }
        result.openActions.sort { $0.key.lexicographicallyPrecedes($1.key) }
        result.involvement.sort { $0.lexicographicallyPrecedes($1) }
        return result
    }

    /// One part's records and what they encode to.
    private final class Slot: @unchecked Sendable {
        // @unchecked: a slot is used by one thread at a time, handed over by concurrentPerform.
        var records: [(id: CaseID, record: CaseRecord)]
        var encoded: [Entry] = []
        var entries: [Entry] = []
        var involvement: [[UInt8]] = []

        init(records: [(id: CaseID, record: CaseRecord)]) {
            self.records = records
            encoded.reserveCapacity(records.count)
        }
    }
}
