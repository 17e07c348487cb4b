/// The one compact binary form the stores write: LEB128 counts (unsigned varints), zig-zag
/// integers, length-prefixed UTF-8, booleans as one byte 0 or 1, big-endian `UInt64`s.
///
/// Used for the ledger's stream states (`StreamStateCodec`) and the projections' records:
/// both are on disk, so the bytes for a value never change. Hand-rolled because every
/// appended event writes a stream state and every replayed event reads and writes a case
/// record: it is a hot path (hence `@inlinable`), and equal values must encode to equal
/// bytes.
public struct ByteWriter {
    /// What has been written so far: the record to store.
    public var bytes: [UInt8] = []

    /// A writer whose buffer has room for `capacity` bytes before it grows.
    @inlinable
    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// One raw byte (a tag or an enumeration's raw value).
    @inlinable
    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// A boolean as one byte, 0 or 1 (`ByteReader.bool` refuses anything else).
    @inlinable
    public mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    /// A count or length: LEB128, 7 bits a byte, low bits first (one byte below 128).
    @inlinable
    public mutating func count(_ n: Int) {
        precondition(n >= 0, "counts are not negative")
        Self.appendVarint(UInt64(n), to: &bytes)
    }

    /// Zig-zag, so small negative numbers stay small; any `Int` (the largest take 10 bytes).
    @inlinable
    public mutating func int(_ n: Int) {
        Self.appendVarint(UInt64(bitPattern: Int64((n << 1) ^ (n >> (Int.bitWidth - 1)))), to: &bytes)
    }

    /// Eight bytes, big-endian: fixed width, so keys built from it sort numerically.
    @inlinable
    public mutating func u64(_ n: UInt64) { withUnsafeBytes(of: n.bigEndian) { bytes.append(contentsOf: $0) } }

    /// UTF-8 bytes prefixed with their count.
    @inlinable
    public mutating func string(_ s: String) {
        count(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    /// A presence byte, then the string if present.
    @inlinable
    public mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    /// A calendar date as its zig-zag day number.
    @inlinable
    public mutating func date(_ d: CalendarDate) { int(d.dayNumber) }

    /// A presence byte, then the date if present.
    @inlinable
    public mutating func optionalDate(_ d: CalendarDate?) {
        bool(d != nil)
        if let d { date(d) }
    }

    /// A count, then each string: order kept, repeats allowed.
    @inlinable
    public mutating func strings(_ list: [String]) {
        count(list.count)
        for s in list { string(s) }
    }

    /// A set, sorted: equal sets encode to equal bytes.
    @inlinable
    public mutating func sortedStrings(_ set: Set<String>) { strings(set.sorted()) }

    /// A count, then each element as `element` writes it.
    @inlinable
    public mutating func array<T>(_ list: [T], _ element: (inout ByteWriter, T) -> Void) {
        count(list.count)
        // Each element is lent where it lies: `for item in list` copies each one first.
        list.withUnsafeBufferPointer { items in
            for i in items.indices { element(&self, items[i]) }
        }
    }

    /// Appends `value` as LEB128 to `out`.
    @inlinable
    public static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var value = value
        repeat {
            var b = UInt8(truncatingIfNeeded: value & 0x7F)
            value >>= 7
            if value != 0 { b |= 0x80 }
            out.append(b)
        } while value != 0
    }
}

/// Reads what `ByteWriter` wrote. Every read is bounds-checked: an overrun, an overlong
/// number, a length or count beyond what is left of the record or a bad tag throws
/// `LedgerError.corrupt`, naming the record, its subject, the offset and what was wrong; no
/// input traps. A length or count can never exceed the bytes left (each element takes at
/// least one), so no allocation is ever sized by a corrupt number.
public struct ByteReader {
    /// The record being read; it must outlive the reader (typically an LMDB value in its transaction).
    public let bytes: UnsafeRawBufferPointer
    /// What is being read, and whose it is, for errors: kept apart (not one interpolated
    /// string) because views construct a reader per index entry and errors are rare.
    public let what: StaticString
    /// Whose record it is (a case ID, say), named in errors; nil when `what` says enough.
    public let subject: String?
    @usableFromInline var position = 0

    /// Where the next read starts.
    @inlinable
    public var offset: Int { position }

    /// A reader at the start of `bytes`; `what` and `subject` name the record in errors.
    @inlinable
    public init(_ bytes: UnsafeRawBufferPointer, what: StaticString, _ subject: String? = nil) {
        self.bytes = bytes
        self.what = what
        self.subject = subject
    }

    /// The corruption error for what is at `offset`, with `detail` saying what is wrong.
    public func corrupt(_ detail: String = "truncated") -> LedgerError {
        .corrupt("\(what)\(subject.map { " " + $0 } ?? "") is malformed at byte \(offset): \(detail)")
    }

    /// Whether every byte has been read: a decoder checks this last, so trailing bytes are corruption.
    @inlinable
    public var isAtEnd: Bool { offset == bytes.count }

    /// Bytes not yet read.
    @inlinable
    public var remaining: Int { bytes.count - offset }

    /// The next raw byte; throws `.corrupt` at the end of the record.
    @inlinable
    public mutating func byte() throws(LedgerError) -> UInt8 {
        guard offset < bytes.count else { throw corrupt("truncated: a byte is missing") }
        defer { position += 1 }
        return bytes[offset]
    }

    /// A byte that must be 0 or 1; anything else is corruption.
    @inlinable
    public mutating func bool() throws(LedgerError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw corrupt("not a boolean")
        }
    }

    /// A count or length (see `ByteWriter.count`), at most `Int.max`.
    @inlinable
    public mutating func count() throws(LedgerError) -> Int {
        let value = try varint()
        guard value <= UInt64(Int.max) else { throw corrupt("number out of range") }
        return Int(value)
    }

    /// A LEB128 number of at most 64 bits.
    @inlinable
    public mutating func varint() throws(LedgerError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw corrupt("truncated number") }
            let b = bytes[offset]
            position += 1
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            guard shift < 64 else { throw corrupt("overlong number") }
        }
        return value
    }

    /// A count of elements that take at least one byte each: one beyond what is left is
    /// corruption, not a loop or an allocation to attempt.
    @inlinable
    public mutating func elementCount() throws(LedgerError) -> Int {
        let n = try count()
        guard n <= remaining else { throw corrupt("count \(n) exceeds the \(remaining) bytes left") }
        return n
    }

    /// A zig-zag integer (see `ByteWriter.int`).
    @inlinable
    public mutating func int() throws(LedgerError) -> Int {
        let raw = try varint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    /// Eight big-endian bytes; throws if fewer are left.
    @inlinable
    public mutating func u64() throws(LedgerError) -> UInt64 {
        guard remaining >= 8 else { throw corrupt("truncated: 8 bytes of a number, \(remaining) left") }
        defer { position += 8 }
        return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A length-prefixed string; a length past the record's end is corruption, never an overread.
    @inlinable
    public mutating func string() throws(LedgerError) -> String {
        let n = try count()
        guard n <= remaining else { throw corrupt("a string of \(n) bytes, \(remaining) left") }
        defer { position += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
    }

    /// What `ByteWriter.optionalString` wrote.
    @inlinable
    public mutating func optionalString() throws(LedgerError) -> String? {
        try bool() ? try string() : nil
    }

    /// What `ByteWriter.date` wrote.
    @inlinable
    public mutating func date() throws(LedgerError) -> CalendarDate { CalendarDate(dayNumber: try int()) }

    /// What `ByteWriter.optionalDate` wrote.
    @inlinable
    public mutating func optionalDate() throws(LedgerError) -> CalendarDate? {
        try bool() ? try date() : nil
    }

    /// What `ByteWriter.strings` wrote, in order.
    @inlinable
    public mutating func strings() throws(LedgerError) -> [String] {
        try array { (r: inout ByteReader) throws(LedgerError) in try r.string() }
    }

    /// What `ByteWriter.sortedStrings` wrote.
    @inlinable
    public mutating func stringSet() throws(LedgerError) -> Set<String> {
        let n = try elementCount()
        var result = Set<String>(minimumCapacity: n)
        for _ in 0..<n {
            // Written once each: a repeat would shrink the set unnoticed.
            guard result.insert(try string()).inserted else { throw corrupt("an element of a set repeated") }
        }
        return result
    }

    /// What `ByteWriter.array` wrote, each element read by `element`; the count is checked
    /// against the bytes left before anything is allocated.
    @inlinable
    public mutating func array<T>(_ element: (inout ByteReader) throws(LedgerError) -> T) throws(LedgerError) -> [T] {
        let n = try elementCount()
        var result: [T] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try element(&self)) }
        assert(result.count == n, "as many elements as counted")
        return result
    }
}
