import Ledger

/// Appends a compact, deterministic binary form: LEB128 counts, length-prefixed UTF-8.
///
/// Hand-rolled because every event of a replay reads and writes a case record: it is the
/// replay's hot path, and equal records must encode to equal bytes.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    mutating func count(_ n: Int) {
        precondition(n >= 0, "counts are not negative")
        var value = UInt64(n)
        repeat {
            var b = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { b |= 0x80 }
            bytes.append(b)
        } while value != 0
    }

    /// Zig-zag, so small negative numbers stay small.
    mutating func int(_ n: Int) { count(Int(bitPattern: UInt((n << 1) ^ (n >> 63)))) }

    mutating func u64(_ n: UInt64) { withUnsafeBytes(of: n.bigEndian) { bytes.append(contentsOf: $0) } }

    mutating func string(_ s: String) {
        count(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    mutating func date(_ d: CalendarDate) { int(d.dayNumber) }

    mutating func optionalDate(_ d: CalendarDate?) {
        bool(d != nil)
        if let d { date(d) }
    }

    mutating func strings(_ list: [String]) {
        count(list.count)
        for s in list { string(s) }
    }

    mutating func array<T>(_ list: [T], _ element: (inout ByteWriter, T) -> Void) {
        count(list.count)
        // Each element is lent where it lies: `for item in list` copies each one first.
        list.withUnsafeBufferPointer { items in
            for i in items.indices { element(&self, items[i]) }
        }
    }
}

/// Reads what `ByteWriter` wrote; any overrun or bad tag is corruption, named with its offset.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    /// What is being read, and whose it is, for errors: kept apart (not one interpolated
    /// string) because views construct a reader per index entry and errors are rare.
    let what: StaticString
    let subject: String?
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer, what: StaticString, _ subject: String? = nil) {
        self.bytes = bytes
        self.what = what
        self.subject = subject
    }

    func corrupt(_ detail: String = "truncated") -> LedgerError {
        .corrupt("\(what)\(subject.map { " " + $0 } ?? "") is malformed at byte \(offset): \(detail)")
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(LedgerError) -> UInt8 {
        guard offset < bytes.count else { throw corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bool() throws(LedgerError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw corrupt("not a boolean")
        }
    }

    mutating func count() throws(LedgerError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            guard shift < 64 else { throw corrupt("overlong number") }
        }
        guard value <= UInt64(Int.max) else { throw corrupt("number out of range") }
        return Int(value)
    }

    mutating func int() throws(LedgerError) -> Int {
        let raw = UInt(try count())
        return Int(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func u64() throws(LedgerError) -> UInt64 {
        guard offset + 8 <= bytes.count else { throw corrupt() }
        defer { offset += 8 }
        return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func string() throws(LedgerError) -> String {
        let n = try count()
        guard n <= bytes.count - offset else { throw corrupt() }
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
    }

    mutating func optionalString() throws(LedgerError) -> String? {
        try bool() ? try string() : nil
    }

    mutating func date() throws(LedgerError) -> CalendarDate { CalendarDate(dayNumber: try int()) }

    mutating func optionalDate() throws(LedgerError) -> CalendarDate? {
        try bool() ? try date() : nil
    }

    mutating func strings() throws(LedgerError) -> [String] {
        try array { (r: inout ByteReader) throws(LedgerError) in try r.string() }
    }

    mutating func array<T>(_ element: (inout ByteReader) throws(LedgerError) -> T) throws(LedgerError) -> [T] {
        let n = try count()
        // Every element takes at least one byte: a count beyond what is left is corruption,
        // not an allocation to attempt.
        guard n <= bytes.count - offset else { throw corrupt("count \(n) exceeds the record") }
        var result: [T] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try element(&self)) }
        return result
    }
}
