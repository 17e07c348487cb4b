import Foundation
import Testing

/// Reads lines from a child's stdout with a deadline, so a test can never hang on a child.
final class LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var closed = false

    init(_ pipe: Pipe) {
        fd = pipe.fileHandleForReading.fileDescriptor
    }

    /// The next line, or nil at end of stream or when `timeout` seconds pass.
    func next(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            if closed { return nil }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(min(remaining, 1) * 1000)) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = read(fd, &chunk, chunk.count)
            if n < 0 {
                #expect(errno == EINTR, "reading the child's output failed: errno \(errno)")
                if errno != EINTR { closed = true }
            } else if n == 0 {
                closed = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }
}
