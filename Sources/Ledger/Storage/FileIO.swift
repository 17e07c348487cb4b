import Foundation

/// Raw file-descriptor I/O, in one place: a write is whole or an error (never silently
/// short), a read is a count or an error, and a signal (`EINTR`) is retried, not taken for
/// the end.
public enum FileIO {
    /// A failed or short read or write, naming what was being written or read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What was being done, e.g. "write to standard output".
        public let operation: String
        /// The `errno` value (`EIO` for a write that wrote nothing).
        public let code: Int32

        public init(operation: String, code: Int32) {
            self.operation = operation
            self.code = code
        }

        /// The device or the quota is full: the operator's remedy is space, not repair.
        public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT }

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
            let n = write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: operation(), code: errno)
            }
            // A write of a positive count that writes nothing would loop forever: an error.
            guard n > 0 else { throw Failure(operation: operation(), code: EIO) }
            offset += n
        }
        assert(offset == bytes.count, "a whole write wrote exactly its bytes")
    }

    /// Reads at most `buffer.count` bytes into `buffer`; 0 at the end of input.
    public static func read(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, _ operation: @autoclosure () -> String
    ) throws(Failure) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Foundation.read(fd, base, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: operation(), code: errno)
            }
            assert(n <= buffer.count, "a read returns at most what was asked")
            return n
        }
    }
}
