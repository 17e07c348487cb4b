import Foundation

/// Reads NDJSON from a file descriptor line by line, in large chunks, without holding the
/// whole input: the import path reads files far larger than memory should hold.
public final class NDJSONReader {
    /// Longest line accepted: one append request is at most `AppendRequest.maximumEncodedSize`.
    public static let maximumLineLength = AppendRequest.maximumEncodedSize

    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// Reads `path`, or standard input for `-`.
    public init(path: String) throws {
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot open \(path): \(String(cString: strerror(errno)))"])
            }
            ownsDescriptor = true
        }
        buffer = [UInt8](repeating: 0, count: 4 << 20)
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Calls `body` with the next non-blank line's bytes (valid only during the call);
    /// returns nil at the end of input.
    public func nextLine<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                lineNumber += 1
                let lineStart = start
                start = newline + 1
                if isBlank(lineStart, newline) { continue }
                return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[lineStart..<newline])) }
            }
            if eof {
                guard start < end else { return nil }
                lineNumber += 1
                let lineStart = start
                start = end
                if isBlank(lineStart, end) { return nil }
                return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[lineStart..<end])) }
            }
            try fill()
        }
    }

    private func isBlank(_ from: Int, _ to: Int) -> Bool {
        buffer[from..<to].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private func fill() throws {
        if start > 0 {
            buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
            end -= start
            start = 0
        }
        if end == buffer.count {
            guard buffer.count < Self.maximumLineLength * 2 + (4 << 20) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "line \(lineNumber + 1) is longer than \(Self.maximumLineLength) bytes"])
            }
            buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
        }
        let n = buffer.withUnsafeMutableBytes { raw in
            read(fd, raw.baseAddress! + end, raw.count - end)
        }
        if n < 0 {
            if errno == EINTR { return }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "read failed: \(String(cString: strerror(errno)))"])
        }
        if n == 0 { eof = true }
        end += n
    }
}
