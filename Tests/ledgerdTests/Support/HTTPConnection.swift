import Foundation
import Testing

/// A small HTTP/1.1 client over a blocking loopback socket: enough to drive the real daemon
/// the way a client on the network does, including reading a Server-Sent Events stream chunk
/// by chunk and dropping the connection mid-stream. Every read has a deadline, so a test never
/// hangs on a silent server.
final class HTTPConnection {
    enum Failure: Error, CustomStringConvertible {
        case connect(Int32)
        case closed(String)
        case timeout(String)
        case malformed(String)

        var description: String {
            switch self {
            case .connect(let errno): "connect failed: errno \(errno)"
            case .closed(let what): "the server closed the connection while \(what)"
            case .timeout(let what): "timed out while \(what)"
            case .malformed(let what): "malformed response: \(what)"
            }
        }
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var isOpen = true

    /// `receiveBuffer` (bytes) makes a slow client: the kernel takes little of a response
    /// until the test reads it.
    init(port: Int, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let error = errno
            Foundation.close(fd)
            throw Failure.connect(error)
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close()
    }

    /// Drops the connection, as a client that goes away does.
    func close() {
        if isOpen {
            isOpen = false
            Foundation.close(fd)
        }
    }

    /// Sends one request; `path` includes any query.
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\nContent-Type: application/json\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if let body { bytes += body }
        try sendRaw(bytes)
    }

    /// Sends `bytes` as they are: part of a request, say, as a slow client would.
    func sendRaw(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure.closed("sending") }
            offset += n
        }
    }

    /// Sends a request and reads its whole response.
    func request(
        _ method: String, _ path: String, token: String? = nil, headers: [(String, String)] = [], body: String? = nil,
        timeout: Double = 30
    ) throws -> HTTPReply {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        try send(method, path, headers: all, body: body.map { Array($0.utf8) })
        return try readResponse(timeout: timeout)
    }

    /// Reads a whole response (Content-Length or chunked body).
    func readResponse(timeout: Double = 30) throws -> HTTPReply {
        let deadline = Date().addingTimeInterval(timeout)
        var reply = try readHead(deadline: deadline)
        if let length = reply.headers["content-length"].flatMap(Int.init) {
            reply.body = try take(length, deadline: deadline, what: "reading the body")
        } else if reply.headers["transfer-encoding"]?.lowercased() == "chunked" {
            while let chunk = try nextChunk(deadline: deadline) { reply.body += chunk }
        }
        return reply
    }

    /// Reads the status line and headers; the body is left for `nextChunk`.
    func readHead(deadline: Date) throws -> HTTPReply {
        let statusLine = try line(deadline: deadline, what: "reading the status line")
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw Failure.malformed("status line \(statusLine)")
        }
        var headers: [String: String] = [:]
        while true {
            let header = try line(deadline: deadline, what: "reading headers")
            if header.isEmpty { break }
            guard let colon = header.firstIndex(of: ":") else { throw Failure.malformed("header \(header)") }
            headers[header[..<colon].lowercased()] = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPReply(status: status, headers: headers, body: [])
    }

    /// The next chunk of a chunked body; nil at the terminating zero-size chunk (a cleanly
    /// finished body). Throws if the connection ends without it.
    func nextChunk(deadline: Date) throws -> [UInt8]? {
        let sizeLine = try line(deadline: deadline, what: "reading a chunk size")
        guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else { throw Failure.malformed("chunk size \(sizeLine)") }
        if size == 0 {
            while try !line(deadline: deadline, what: "reading trailers").isEmpty {}
            return nil
        }
        let chunk = try take(size, deadline: deadline, what: "reading a chunk")
        guard try line(deadline: deadline, what: "reading a chunk's end").isEmpty else { throw Failure.malformed("chunk without CRLF") }
        return chunk
    }

    private func line(deadline: Date, what: String) throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var bytes = buffer[..<end]
                if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
                let text = String(decoding: bytes, as: UTF8.self)
                buffer.removeSubrange(...end)
                return text
            }
            try fill(deadline: deadline, what: what)
        }
    }

    private func take(_ count: Int, deadline: Date, what: String) throws -> [UInt8] {
        while buffer.count < count { try fill(deadline: deadline, what: what) }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    private func fill(deadline: Date, what: String) throws {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { throw Failure.timeout(what) }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(min(remaining, 1) * 1000) + 1) > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw Failure.closed(what) }
        buffer.append(contentsOf: chunk[0..<n])
    }
}

/// Server-Sent Events read from a live stream's chunks.
struct SSEReader {
    struct Event {
        var id: UInt64?
        var data: String
    }

    let connection: HTTPConnection
    private var pending: [UInt8] = []
    /// Comments seen (e.g. heartbeats), in order.
    private(set) var comments: [String] = []
    /// True once the server finished the body cleanly.
    private(set) var ended = false
    /// Every frame read, as sent (without its closing blank line), in order.
    private(set) var frames: [String] = []

    init(_ connection: HTTPConnection) {
        self.connection = connection
    }

    /// The next event, or nil when the stream ended cleanly or `timeout` passed without one.
    mutating func next(timeout: Double) throws -> Event? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let frame = takeFrame() {
                var event = Event(id: nil, data: "")
                var isEvent = false
                for line in frame.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix(":") {
                        comments.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
                    } else if line.hasPrefix("id: ") {
                        event.id = UInt64(line.dropFirst(4))
                        isEvent = true
                    } else if line.hasPrefix("data: ") {
                        event.data += line.dropFirst(6)
                        isEvent = true
                    }
                }
                if isEvent { return event }
                continue
            }
            if ended { return nil }
            do {
                guard let chunk = try connection.nextChunk(deadline: deadline) else {
                    ended = true
                    continue
                }
                pending += chunk
            } catch HTTPConnection.Failure.timeout {
                return nil
            }
        }
    }

    private mutating func takeFrame() -> String? {
        guard pending.count >= 2 else { return nil }
        for i in 0..<(pending.count - 1) where pending[i] == UInt8(ascii: "\n") && pending[i + 1] == UInt8(ascii: "\n") {
            let frame = String(decoding: pending[..<i], as: UTF8.self)
            pending.removeSubrange(...(i + 1))
            frames.append(frame)
            return frame
        }
        return nil
    }
}
