import Foundation

/// The access trail's write-ahead journal: what makes a read's entry durable before its
/// response is sent, with one small flush instead of an LMDB commit's two.
///
/// Why: a durable LMDB commit flushes its data pages, then its meta page, and the file grows
/// with every commit, so each flush also commits the file system's own journal. On the
/// benchmark machine that is ~1 ms per commit, and every read queued behind it waited that
/// long (the trail cost 30–40% of read throughput). Here a group of entries is one `pwrite`
/// into a segment already filled with zeros (so the flush changes no file metadata) and one
/// `fdatasync`. The recorder then moves the entries into the trail's LMDB environment in
/// batches, off every response's path, and deletes a segment once LMDB holds all of it
/// durably. LMDB stays the trail; the journal only ever holds its last few milliseconds.
///
/// Layout: `DIR/access/journal/segment-NNNNNNNNNNNN`, each `segmentBytes` long, holding records
/// `length (4 bytes) ‖ seq (8 bytes) ‖ the entry's canonical JSON` (big-endian numbers) back to
/// back, then zeros. The seq lets a reader skip what LMDB already holds without decoding it. A
/// writer starts a new segment when it opens (it never appends after what a crash may have
/// left half-written), so only the newest segment can end in a torn record: a group's write
/// that was never flushed, so never acknowledged. An older segment that does not end cleanly
/// is corruption, reported.
///
/// One writer at a time: `open` takes an exclusive lock (`journal/lock`), so a second daemon
/// on the same data directory is refused rather than forking the chain. Readers (a query in
/// another process) take no lock: they read what is there, see `entries(in:)`.
public final class AccessJournal: @unchecked Sendable {
    // @unchecked: its writing state belongs to one thread at a time (the recorder's journal
    // thread); it is handed to that thread once, at start.
    /// The journal's directory inside the trail's.
    public static let directoryName = "journal"
    /// Each segment's preallocated size: ~13,000 typical entries, a few seconds of heavy reads.
    public static let segmentBytes = 4 << 20
    static let segmentPrefix = "segment-"
    /// A record's length and seq.
    static let headerBytes = 12

    let directory: String
    /// This journal's segment size (`segmentBytes`, smaller in tests).
    let segmentSize: Int
    private let lockFD: Int32
    private var segmentFD: Int32 = -1
    private var segment: UInt64 = 0
    private var offset = 0
    /// Closed segments and the last seq each holds, oldest first, until LMDB holds them.
    private var closed: [(number: UInt64, lastSeq: UInt64)] = []
    private var lastSeq: UInt64 = 0
    /// A flush failed: what reached the disk is unknown (Linux may have dropped the dirty
    /// pages), so nothing more is acknowledged from this journal until the daemon restarts.
    public private(set) var isBroken = false

    /// `DIR/access/journal` for the trail in `trailPath`.
    public static func path(inTrailAt trailPath: String) -> String { trailPath + "/" + directoryName }

    /// Takes the journal of the trail in `trailPath` for writing. Throws if another process
    /// writes it. Call `start(after:)` once the segments it finds are safely in LMDB.
    public init(trailPath: String, segmentBytes: Int = AccessJournal.segmentBytes) throws(LedgerError) {
        precondition(segmentBytes >= 4096)
        directory = Self.path(inTrailAt: trailPath)
        segmentSize = segmentBytes
        var tightened: [String] = []
        try PrivateFiles.directory(directory, tightened: &tightened)
        PrivateFiles.report(tightened)
        let lockPath = directory + "/lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, PrivateFiles.fileMode)
        guard fd >= 0 else { throw Self.failure("open", lockPath) }
        guard FileIO.retryingSignals({ flock(fd, LOCK_EX | LOCK_NB) }) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK {
                throw .storage(
                    operation: "open the access trail's journal", code: code,
                    message: "another ledgerd process records this data directory's access trail (\(lockPath) is locked)")
            }
            throw .storage(operation: "lock \(lockPath)", code: code, message: String(cString: strerror(code)))
        }
        lockFD = fd
    }

    deinit {
        if segmentFD >= 0 { close(segmentFD) }
        close(lockFD)
    }

    /// Deletes every segment (their entries are in LMDB, durably: the caller checked) and
    /// starts a fresh one for entries after `seq`.
    public func start(after seq: UInt64) throws(LedgerError) {
        let existing = try Self.segments(in: directory)
        for number in existing { try remove(number) }
        lastSeq = seq
        try openSegment(number: (existing.last ?? 0) + 1)
    }

    /// Appends `records` (each an entry's canonical bytes, consecutive seqs ending at `lastSeq`)
    /// and flushes them: when this returns they survive a crash or power loss.
    public func append(_ records: [[UInt8]], lastSeq: UInt64) throws(LedgerError) {
        precondition(segmentFD >= 0, "start(after:) opens the first segment")
        guard !isBroken else {
            throw .storage(operation: "write the access trail's journal", code: EIO, message: "an earlier flush failed; restart the daemon")
        }
        precondition(UInt64(records.count) <= lastSeq, "the records are entries lastSeq-count+1 … lastSeq")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.reduce(0) { $0 + Self.headerBytes + $1.count })
        for (index, record) in records.enumerated() {
            // The pair of the reader's check: a record is never empty and never above the limit.
            precondition(!record.isEmpty && record.count <= AccessEntry.maximumSize)
            withUnsafeBytes(of: UInt32(record.count).bigEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: (lastSeq - UInt64(records.count - 1 - index)).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: record)
        }
        if offset + bytes.count > segmentSize, offset > 0 {
            try endSegment()
            let full = (number: segment, lastSeq: self.lastSeq)
            try openSegment(number: segment + 1, holding: bytes.count)
            closed.append(full)
        }
        let path = segmentPath(segment)
        do {
            try bytes.withUnsafeBytes { buffer in
                try FileIO.writeAll(segmentFD, buffer, at: offset, "write to \(path)")
            }
        } catch {
            throw Self.ledgerError(error, "write the access trail's journal")
        }
        do {
            try FileIO.flushData(segmentFD, "flush \(path)")
        } catch {
            isBroken = true
            throw Self.ledgerError(error, "flush the access trail's journal")
        }
        offset += bytes.count
        self.lastSeq = lastSeq
    }

    /// Deletes the closed segments whose entries LMDB now holds durably (through `seq`).
    public func release(durableThrough seq: UInt64) throws(LedgerError) {
        while let first = closed.first, first.lastSeq <= seq {
            try remove(first.number)
            closed.removeFirst()
        }
    }

    /// Deletes every segment once all of it is in LMDB (the recorder's shutdown).
    public func finish(durableThrough seq: UInt64) throws(LedgerError) {
        guard seq >= lastSeq else { return }
        for number in try Self.segments(in: directory) { try remove(number) }
        closed.removeAll()
    }

    // MARK: Segments

    private func segmentPath(_ number: UInt64) -> String { Self.segmentPath(directory, number) }

    static func segmentPath(_ directory: String, _ number: UInt64) -> String {
        let digits = String(number)
        return directory + "/" + segmentPrefix + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    /// A new segment, zero-filled to `segmentBytes` (or more, for one group larger than
    /// that) and flushed with its directory entry before anything is acknowledged from it.
    private func openSegment(number: UInt64, holding needed: Int = 0) throws(LedgerError) {
        let path = segmentPath(number)
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, PrivateFiles.fileMode)
        guard fd >= 0 else { throw Self.failure("create", path) }
        do {
            let size = max(segmentSize, needed)
            let zeros = [UInt8](repeating: 0, count: 1 << 20)
            var written = 0
            while written < size {
                let chunk = min(zeros.count, size - written)
                try zeros.withUnsafeBytes { buffer in
                    try FileIO.writeAll(fd, UnsafeRawBufferPointer(rebasing: buffer[0..<chunk]), at: written, "fill \(path)")
                }
                written += chunk
            }
            try FileIO.flush(fd, "flush \(path)")
            try flushDirectory()
        } catch {
            close(fd)
            // Not left half-filled: the next attempt (once there is space) creates it afresh.
            unlink(path)
            throw Self.ledgerError(error, "create \(path)")
        }
        if segmentFD >= 0 { close(segmentFD) }
        segmentFD = fd
        segment = number
        offset = 0
    }

    /// Marks the end of the current segment's records with a zero length, flushed: a write
    /// that failed after them (a full disk) may have left bytes there, and only the newest
    /// segment may end in anything but a clean end.
    private func endSegment() throws(LedgerError) {
        guard offset + 4 <= segmentSize else { return }
        let path = segmentPath(segment)
        do {
            try [UInt8](repeating: 0, count: 4).withUnsafeBytes { buffer in
                try FileIO.writeAll(segmentFD, buffer, at: offset, "end \(path)")
            }
            try FileIO.flushData(segmentFD, "flush \(path)")
        } catch {
            throw Self.ledgerError(error, "write the access trail's journal")
        }
    }

    private func remove(_ number: UInt64) throws(LedgerError) {
        let path = segmentPath(number)
        guard unlink(path) == 0 || errno == ENOENT else { throw Self.failure("delete", path) }
    }

    private func flushDirectory() throws(FileIO.Failure) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileIO.Failure(operation: "open \(directory)", code: errno) }
        defer { close(fd) }
        try FileIO.flush(fd, "flush \(directory)")
    }

    /// The segment numbers in `directory`, oldest first (none if it does not exist).
    static func segments(in directory: String) throws(LedgerError) -> [UInt64] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            if !FileManager.default.fileExists(atPath: directory) { return [] }
            throw .storage(operation: "list \(directory)", code: -1, message: "\(error)")
        }
        return names.compactMap { name in
            guard name.hasPrefix(segmentPrefix), name.count == segmentPrefix.count + 12 else { return nil }
            return UInt64(name.dropFirst(segmentPrefix.count))
        }.sorted()
    }

    static func failure(_ operation: String, _ path: String) -> LedgerError {
        let code = errno
        if code == ENOSPC || code == EDQUOT { return .noSpace(path: path) }
        return .storage(operation: "\(operation) \(path)", code: code, message: String(cString: strerror(code)))
    }

    static func ledgerError(_ error: any Error, _ operation: String) -> LedgerError {
        guard let failure = error as? FileIO.Failure else { return .storage(operation: operation, code: -1, message: "\(error)") }
        return failure.isNoSpace
            ? .noSpace(path: failure.operation)
            : .storage(operation: failure.operation, code: failure.code, message: String(cString: strerror(failure.code)))
    }
}
