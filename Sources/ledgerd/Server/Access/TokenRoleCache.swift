import Synchronization

/// Roles of tokens already looked up, each with the stored record it was decoded from.
///
/// Every request still reads its token's record from LMDB (a revocation by any process
/// applies to the very next request); only when the record is byte for byte the one seen
/// before is decoding it skipped. Bounded: past `maximumEntries` tokens it starts afresh.
final class TokenRoleCache: Sendable {
    private struct Entry {
        var record: [UInt8]
        var role: Role?
    }

    private let entries = Mutex<[[UInt8]: Entry]>([:])
    static let maximumEntries = 1_024

    /// The role for the token stored under `digest` as `record`, decoding (with `decode`) only
    /// a record not seen before.
    func role(
        digest: [UInt8], record: UnsafeRawBufferPointer, decode: (UnsafeRawBufferPointer) throws -> Role?
    ) throws -> Role? {
        let known = entries.withLock { entries -> Role?? in
            guard let entry = entries[digest], entry.record.elementsEqual(record) else { return .none }
            return .some(entry.role)
        }
        if let known { return known }
        let role = try decode(record)
        entries.withLock { entries in
            if entries.count >= Self.maximumEntries { entries.removeAll() }
            entries[digest] = Entry(record: Array(record), role: role)
        }
        return role
    }
}
