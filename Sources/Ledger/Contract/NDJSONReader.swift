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
    /// The start of the input (and a byte order mark there) has been looked at.
    private var pastStart = false
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// A line longer than any request may be: the input breaks the contract (exit 2), it is
    /// not an I/O failure.
    public struct LineTooLong: Error, Sendable, CustomStringConvertible {
        /// 1-based.
        public let line: Int
        /// The longest line accepted, in bytes (`NDJSONReader.maximumLineLength`).
        public let limit: Int
        /// "line N is longer than LIMIT bytes, …", for an error message.
        public var description: String { "line \(line) is longer than \(limit) bytes, the most one request may be" }
    }

    /// What is read, for errors: the path, or "standard input".
    private let name: String

    /// Reads `path`, or standard input for `-`.
    public init(path: String) throws {
        name = path == "-" ? "standard input" : path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot open \(path): \(String(cString: strerror(errno)))"])
            }
            var status = stat()
            if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                close(fd)
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot read \(path): it is a directory"])
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
        if !pastStart { try skipByteOrderMark() }
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

    /// Skips a UTF-8 byte order mark (EF BB BF) at the very start of the input, which Windows
    /// tools (Notepad, PowerShell, Excel's "CSV UTF-8") write: RFC 8259 lets a parser ignore it,
    /// and otherwise line 1 would be "malformed JSON at byte 0". One anywhere else is still an
    /// error.
    private func skipByteOrderMark() throws {
        pastStart = true
        while end - start < 3 && !eof { try fill() }
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
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
        if self.end == buffer.count {
            guard buffer.count < Self.maximumLineLength * 2 + (4 << 20) else {
                // The reader stops here (a later call is the end of input): the line it is on
                // is the one reported.
                lineNumber += 1
                eof = true
                start = 0
                end = 0
                throw LineTooLong(line: lineNumber, limit: Self.maximumLineLength)
            }
            buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
        }
        let end = self.end
        let n = try buffer.withUnsafeMutableBytes { (raw) throws(FileIO.Failure) in
            try FileIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]), "read \(name)")
        }
        if n == 0 { eof = true }
        self.end += n
    }
}
