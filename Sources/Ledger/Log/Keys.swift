/// Key layouts of the ledger's databases. Integers are big-endian so LMDB's byte order is
/// numeric order and appends hit the end of the B-tree.
enum Keys {
    static func seq(_ value: UInt64) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// A stored sequence key or value. Its length is checked, not assumed: a corrupt page can
    /// hold a key of any length, and reading 8 bytes of a shorter one would read past it.
    static func decodeSeq(_ bytes: UnsafeRawBufferPointer) throws(LedgerError) -> UInt64 {
        guard bytes.count == 8 else { throw .corrupt("a sequence key or value of \(bytes.count) bytes, not 8") }
        return UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
    }

    /// `stream NUL version`: NUL cannot occur in a stream name, so one stream's keys are
    /// contiguous and ordered by version.
    static func streamVersion(_ stream: String, _ version: Int64) -> [UInt8] {
        precondition(version >= 0)
        var key = Array(stream.utf8)
        key.append(0)
        key.append(contentsOf: seq(UInt64(version)))
        return key
    }

    /// `streamVersion` in a stack buffer, for the hot path.
    static func withStreamVersion<T>(
        _ stream: String, _ version: Int64, _ body: (UnsafeRawBufferPointer) throws -> T
    ) rethrows -> T {
        precondition(version >= 0)
        let count = stream.utf8.count
        return try withUnsafeTemporaryAllocation(byteCount: count + 9, alignment: 1) { buffer in
            _ = buffer.initializeMemory(as: UInt8.self, from: stream.utf8)
            buffer[count] = 0
            withUnsafeBytes(of: UInt64(version).bigEndian) { v in
                UnsafeMutableRawBufferPointer(rebasing: buffer[(count + 1)...]).copyMemory(from: v)
            }
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    static func streamPrefix(_ stream: String) -> [UInt8] {
        var key = Array(stream.utf8)
        key.append(0)
        return key
    }

    /// `stream NUL FF×8`: the stream's state record, just after its newest version entry.
    static func streamState(_ stream: String) -> [UInt8] {
        var key = Array(stream.utf8)
        key.append(0)
        key.append(contentsOf: repeatElement(0xFF, count: 8))
        return key
    }

    static let stateVersionMarker = UInt64.max

    /// The stream's last version, at the front of its state record; nil if truncated.
    static func streamRecordVersion(_ record: UnsafeRawBufferPointer) -> Int64? {
        guard record.count >= 8 else { return nil }
        return Int64(bitPattern: UInt64(bigEndian: record.loadUnaligned(as: UInt64.self)))
    }

    static let format: [UInt8] = Array("format".utf8)
}
