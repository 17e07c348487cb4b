import Foundation

/// Reading the journal back: by the recorder when it opens (to move what a crash left there
/// into LMDB), and by queries in any process (the newest entries may not be in LMDB yet).
extension AccessJournal {
    /// The entries the journal of the trail in `trailPath` holds, in seq order, each checked
    /// (canonical bytes, its own hash, chained to the one before). Takes no lock: a writer may
    /// be appending, and a torn or half-written record ends the newest segment (it was never
    /// acknowledged). Anything else that does not read back is corruption, reported.
    ///
    /// Records through `floor` (a seq LMDB already holds) are skipped by their header, not
    /// decoded: the open segment keeps every entry since its start, long after LMDB has them,
    /// and each query would otherwise re-check thousands of them.
    public static func entries(inTrailAt trailPath: String, after floor: UInt64 = 0) throws(LedgerError) -> [AccessEntry] {
        let directory = path(inTrailAt: trailPath)
        let numbers = try segments(in: directory)
        var found: [AccessEntry] = []
        for (index, number) in numbers.enumerated() {
            let path = segmentPath(directory, number)
            let newest = index == numbers.count - 1
            let present = try withMapped(path) { bytes throws(LedgerError) in
                try read(bytes, segment: path, newest: newest, after: floor, into: &found)
            }
            // Deleted since it was listed: the recorder deletes oldest first, and only once
            // LMDB holds every entry of it, so what was read before it is in LMDB too.
            if !present { found.removeAll() }
        }
        return found
    }

    /// The records of one segment, appended to `found` (whose last entry they must chain to).
    /// Internal, not private, for the fuzzer (`Fuzz/`, target `journal`).
    static func read(
        _ bytes: UnsafeRawBufferPointer, segment path: String, newest: Bool, after floor: UInt64, into found: inout [AccessEntry]
    ) throws(LedgerError) {
        var offset = 0
        while bytes.count - offset >= AccessJournal.headerBytes {
            let length = Int(UInt32(bigEndian: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 4]).loadUnaligned(as: UInt32.self)))
            if length == 0 { return }  // the zeros after the last record
            let seq = UInt64(bigEndian: UnsafeRawBufferPointer(rebasing: bytes[offset + 4..<offset + 12]).loadUnaligned(as: UInt64.self))
            let start = offset + AccessJournal.headerBytes
            let end = start + length
            let sane = length <= AccessEntry.maximumSize && end <= bytes.count
            if sane, seq <= floor {
                offset = end
                continue
            }
            let entry: AccessEntry? = sane ? try? decode(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) : nil
            guard let entry, entry.seq == seq, follows(entry, found.last) else {
                // A group written but never flushed (so never acknowledged) can only be the
                // newest segment's last; anywhere else the journal was damaged.
                if newest { return }
                throw .corrupt("the access trail's journal \(path) holds a damaged record at byte \(offset)")
            }
            found.append(entry)
            offset = end
        }
    }

    /// Whether `entry` is the one after `previous` (any first entry is, once its own hash holds).
    private static func follows(_ entry: AccessEntry, _ previous: AccessEntry?) -> Bool {
        guard let previous else { return true }
        return entry.seq == previous.seq + 1 && entry.prevHash == previous.hash && entry.at >= previous.at
    }

    /// One record's entry, if it is an entry in its canonical form whose hash holds.
    private static func decode(_ bytes: UnsafeRawBufferPointer) throws -> AccessEntry {
        guard let seq = try JSONParser.parse(bytes).objectValue?["seq"]?.integerValue, seq >= 1 else {
            throw LedgerError.corrupt("a journal record without a seq")
        }
        let entry = try AccessEntry(decoding: bytes, seq: UInt64(seq))
        guard try entry.computedHash() == Hex.decodeHash(entry.hash), bytes.elementsEqual(entry.canonicalBytes) else {
            throw LedgerError.corrupt("journal record \(seq) does not hash to its hash")
        }
        return entry
    }

    /// Calls `body` with the file at `path` mapped read-only (a segment is mostly zeros
    /// after its records, which are never touched); false if the file no longer exists.
    private static func withMapped(
        _ path: String, _ body: (UnsafeRawBufferPointer) throws(LedgerError) -> Void
    ) throws(LedgerError) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return false }
            throw failure("open", path)
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw failure("stat", path) }
        let size = Int(status.st_size)
        guard size > 0 else { return true }
        guard size <= 64 * segmentBytes else {
            throw .corrupt("the access trail's journal \(path) is \(size) bytes, larger than any segment can be")
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else { throw failure("map", path) }
        defer { munmap(base, size) }
        try body(UnsafeRawBufferPointer(start: base, count: size))
        return true
    }
}
