import Foundation

/// Raw file-descriptor I/O, in one place: a write is whole or an error (never silently
/// short), a read is a count or an error, and a signal (`EINTR`) is retried, not taken for
/// the end. Every system call here that a signal can interrupt (read, write, flock,
/// waitpid) goes through `retryingSignals`; nothing else in the sources loops on `EINTR`.
public enum FileIO {
    /// A failed or short read or write, naming what was being written or read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What was being done, e.g. "write to standard output".
        public let operation: String
        /// The `errno` value (`EIO` for a write that wrote nothing).
        public let code: Int32

        /// A failure of `operation` with `errno` value `code`.
        public init(operation: String, code: Int32) {
            self.operation = operation
            self.code = code
        }

        /// The device or the quota is full: the operator's remedy is space, not repair.
        public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT }

        /// The operation and the system's message for `code` (disk full is said so plainly).
        public var description: String {
            isNoSpace
                ? "\(operation): no space left on device"
                : "\(operation): \(String(cString: strerror(code))) (errno \(code))"
        }
    }

    /// Writes all of `bytes` to `fd`, retrying partial writes and signals.
    public static func writeAll(
        _ fd: Int32, _ bytes: UnsafeRawBufferPointer, _ operation: @autoclosure () -> String
    ) throws(Failure) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = retryingSignals { write(fd, base + offset, bytes.count - offset) }
            guard n >= 0 else { throw failure(operation) }
            // A write of a positive count that writes nothing would loop forever: an error.
            guard n > 0 else { throw Failure(operation: operation(), code: EIO) }
            assert(n <= bytes.count - offset, "a write writes at most what it was given")
            offset += n
        }
        assert(offset == bytes.count, "a whole write wrote exactly its bytes")
    }

    /// Writes all of `bytes` to `fd` at `offset` (`pwrite`: the file position is untouched),
    /// retrying partial writes and signals.
    public static func writeAll(
        _ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, _ operation: @autoclosure () -> String
    ) throws(Failure) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = retryingSignals { pwrite(fd, base + done, bytes.count - done, off_t(offset + done)) }
            guard n >= 0 else { throw failure(operation) }
            guard n > 0 else { throw Failure(operation: operation(), code: EIO) }
            assert(n <= bytes.count - done, "a write writes at most what it was given")
            done += n
        }
        assert(done == bytes.count, "a whole write wrote exactly its bytes")
    }

    /// Flushes `fd`'s data (and the metadata needed to read it back) to stable storage.
    public static func flushData(_ fd: Int32, _ operation: @autoclosure () -> String) throws(Failure) {
        guard retryingSignals({ fdatasync(fd) }) == 0 else { throw failure(operation) }
    }

    /// Flushes `fd` wholly (data and metadata): for a new file, or a directory after an entry
    /// was added to it.
    public static func flush(_ fd: Int32, _ operation: @autoclosure () -> String) throws(Failure) {
        guard retryingSignals({ fsync(fd) }) == 0 else { throw failure(operation) }
    }

    /// Reads at most `buffer.count` bytes into `buffer`; 0 at the end of input.
    public static func read(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, _ operation: @autoclosure () -> String
    ) throws(Failure) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = retryingSignals { Foundation.read(fd, base, buffer.count) }
        guard n >= 0 else { throw failure(operation) }
        assert(n <= buffer.count, "a read returns at most what was asked")
        return n
    }

    /// Reads and discards whatever a non-blocking `fd` holds now (e.g. an inotify
    /// descriptor's pending events); returns at the end, when nothing more is ready
    /// (`EAGAIN`), or on any other error, which the caller's next poll will meet again.
    public static func drain(_ fd: Int32) {
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { scratch in
            while retryingSignals({ Foundation.read(fd, scratch.baseAddress, scratch.count) }) > 0 {}
        }
    }

    /// Takes an exclusive `flock` on `fd`, waiting for it.
    public static func lockExclusively(_ fd: Int32, _ operation: @autoclosure () -> String) throws(Failure) {
        guard retryingSignals({ flock(fd, LOCK_EX) }) == 0 else { throw failure(operation) }
    }

    /// Waits for the child `pid` to end; its raw wait status.
    public static func waitForExit(_ pid: pid_t, _ operation: @autoclosure () -> String) throws(Failure) -> Int32 {
        var status: Int32 = 0
        let reaped = retryingSignals { waitpid(pid, &status, 0) }
        guard reaped >= 0 else { throw failure(operation) }
        assert(reaped == pid, "waitpid for one child reaps that child")
        return status
    }

    /// The failure `errno` names, taken before `operation` (whose string may allocate, and
    /// so touch `errno`) is made.
    private static func failure(_ operation: () -> String) -> Failure {
        let code = errno
        return Failure(operation: operation(), code: code)
    }

    /// Calls `call` again while it fails with `EINTR` (a signal arrived before it did
    /// anything); its result otherwise, with `errno` as it left it.
    @inline(__always)
    static func retryingSignals<Value: BinaryInteger>(_ call: () -> Value) -> Value {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }
}
