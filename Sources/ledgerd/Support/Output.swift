import Foundation

/// Buffered writes to a file descriptor: exports write millions of lines, one syscall per
/// 1 MiB rather than per line.
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
        flush()
    }

    /// Writes `text` and a newline to standard output now. Unlike `print`, whose buffer is
    /// flushed only at exit when stdout is a pipe, a daemon's lines reach a reader (a test,
    /// a supervisor's log) as they are written, and in order.
    static func say(_ text: String) {
        let output = Output(fd: 1, capacity: text.utf8.count + 1)
        output.line(text)
        output.flush()
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { flush() }
    }

    func line(_ bytes: UnsafeRawBufferPointer) {
        write(bytes)
        buffer.append(UInt8(ascii: "\n"))
    }

    func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= capacity { flush() }
    }

    /// Writes everything buffered; a closed pipe (e.g. `| head`) ends the process quietly.
    func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var isTerminal: Bool { isatty(2) == 1 }
}
