import Foundation
import Ledger

/// Buffered writes to a file descriptor: exports write millions of lines, one syscall per
/// 1 MiB rather than per line.
///
/// Every write is checked: a failed or short write (a full disk, `/dev/full`, a closed
/// terminal) throws `FileIO.Failure` (the only error its methods throw), and the command exits 1 naming it, so a truncated
/// export can never be reported as a success. The one exception is a reader that closed
/// its end of a pipe (`| head`): it asked for no more, and the process ends quietly.
final class Output {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int

    init(fd: Int32, capacity: Int = 1 << 20) {
        self.fd = fd
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    deinit {
        // A command that succeeds flushes (and so checks) what it wrote before it returns.
        // One that stops on an error still hands over what it wrote before the error (the
        // events an export read before a corrupt one); the error itself is already reported.
        try? flush()
    }

    /// Writes `text` and a newline to standard output now. Unlike `print`, whose buffer is
    /// flushed only at exit when stdout is a pipe (and whose errors are never seen), a
    /// daemon's lines reach a reader (a test, a supervisor's log) as they are written, and
    /// in order, and a failed write is an error.
    static func say(_ text: String) throws {
        let output = Output(fd: 1, capacity: text.utf8.count + 1)
        try output.line(text)
        try output.flush()
    }

    /// `say`, where no error can be thrown (a server's start-up callback): a line that
    /// cannot be written is reported on standard error instead.
    static func sayOrReport(_ text: String) {
        do {
            try say(text)
        } catch {
            StandardError.write("ledgerd: \(error)\n")
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func line(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= capacity { try flush() }
    }

    func line(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= capacity { try flush() }
    }

    /// Writes everything buffered.
    func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        do {
            try buffer.withUnsafeBytes { bytes in
                try FileIO.writeAll(fd, bytes, fd == 1 ? "write to standard output" : "write to file descriptor \(fd)")
            }
        } catch let failure as FileIO.Failure where failure.code == EPIPE {
            exit(0)
        }
    }
}

enum StandardError {
    /// A diagnostic line; if even stderr cannot take it there is nowhere left to say so, and
    /// the exit code still tells.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { try? FileIO.writeAll(2, UnsafeRawBufferPointer($0), "write to standard error") }
    }

    static var isTerminal: Bool { isatty(2) == 1 }
}
