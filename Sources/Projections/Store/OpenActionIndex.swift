import Ledger

/// The index behind the overdue views: one entry per open action of an open case, keyed so
/// that LMDB's byte order is (dueOn, caseId, actionId). "Overdue on D" is then the range of
/// keys before D: time proportional to the answer, not to the ledger.
///
/// Key: dueOn as a biased big-endian UInt32 day number, caseId, NUL, actionId (NUL cannot
/// occur in an ID). Value: the action and the case's lead professional (`OpenActionEntry`).
enum OpenActionIndex {
    static func key(dueOn: CalendarDate, caseId: CaseID, actionId: ActionID) -> [UInt8] {
        var key = datePrefix(dueOn)
        key.append(contentsOf: caseId.rawValue.utf8)
        key.append(0)
        key.append(contentsOf: actionId.rawValue.utf8)
        return key
    }

    static func datePrefix(_ date: CalendarDate) -> [UInt8] {
        let biased = UInt32(truncatingIfNeeded: date.dayNumber + (1 << 31))
        return withUnsafeBytes(of: biased.bigEndian) { Array($0) }
    }

    /// The case ID of a key (its action ID is in the value too).
    static func caseId(of key: UnsafeRawBufferPointer) throws(LedgerError) -> CaseID {
        guard key.count > 4, let nul = key[4...].firstIndex(of: 0) else {
            throw .corrupt("open action index key is malformed")
        }
        return CaseID(rawValue: String(decoding: UnsafeRawBufferPointer(rebasing: key[4..<nul]), as: UTF8.self))
    }

    /// The entries `record` contributes: none once the case is closed.
    static func entries(of record: CaseRecord) -> [[UInt8]: [UInt8]] {
        guard record.isOpen else { return [:] }
        var entries: [[UInt8]: [UInt8]] = [:]
        for action in record.actions where action.isOpen {
            let entry = OpenActionEntry(caseId: record.caseId, action: action, leadProfessional: record.leadProfessional)
            entries[key(dueOn: action.dueOn, caseId: record.caseId, actionId: action.actionId)] = entry.encodedValue
        }
        return entries
    }

    /// Index order, for sources that sort in memory.
    static func precedes(_ a: OpenActionEntry, _ b: OpenActionEntry) -> Bool {
        if a.action.dueOn != b.action.dueOn { return a.action.dueOn < b.action.dueOn }
        // IDs compare in byte order (`Identifier`), the order of the index's keys.
        if a.caseId != b.caseId { return a.caseId < b.caseId }
        return a.action.actionId < b.action.actionId
    }
}
