import Foundation

/// A loopback listener that answers every connection with the same bytes, written as given
/// (in pieces, with pauses between them), or not at all: the replies a real server rarely
/// sends (interim answers, chunked bodies, oversize or cut-off replies, silence), for testing
/// a client against them.
final class CannedHTTPServer: @unchecked Sendable {
    // @unchecked: `fd` and `requests` are set before the thread starts or read under `lock`.
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var received: [String] = []
    private var heldFor: [TimeInterval] = []

    /// Each request's bytes as read (up to its blank line and `Content-Length` body).
    var requests: [String] { lock.withLock { received } }
    /// For each connection the client closed before the answer was all sent (or, with no
    /// answer, at all), seconds from accepting it to seeing it closed: measured here, on a
    /// thread of its own, so a busy test process cannot stretch it.
    var clientClosedAfter: [TimeInterval] { lock.withLock { heldFor } }

    /// The first of `clientClosedAfter`, waiting up to `seconds` for the server to see it (a
    /// dripping answer notices at its next write).
    func firstClientClose(within seconds: TimeInterval = 10) -> TimeInterval? {
        let until = Date().addingTimeInterval(seconds)
        while Date() < until {
            if let first = clientClosedAfter.first { return first }
            usleep(10_000)
        }
        return nil
    }

    private var connections = 0
    /// Connections accepted so far.
    var accepted: Int { lock.withLock { connections } }

    /// Answers with `pieces`, pausing `pause` between them; with no pieces, reads the request
    /// and then says nothing, holding the connection open until the server is closed. With
    /// `keepAlive`, answers every request on a connection the same way until the client
    /// closes it; otherwise closes the connection after one answer.
    init(pieces: [String], pause: TimeInterval = 0, keepAlive: Bool = false) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 8) == 0 else {
            Foundation.close(listener)
            throw CocoaError(.fileWriteUnknown)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        fd = listener
        Thread.detachNewThread { [self] in
            while true {
                let connection = Self.retrying { accept(listener, nil, nil) }
                guard connection >= 0 else {
                    // Shut down by `close()`. Only this thread closes the listener, and only
                    // now: closed while this thread might still call `accept` on its number,
                    // the number could by then be another server's, whose connections this
                    // thread would answer.
                    Foundation.close(listener)
                    return
                }
                let accepted = Date()
                lock.withLock { connections += 1 }
                var request = Self.readRequest(connection)
                while keepAlive, !request.isEmpty {
                    lock.withLock { received.append(request) }
                    for piece in pieces {
                        let bytes = Array(piece.utf8)
                        _ = Self.retrying { send(connection, bytes, bytes.count, Int32(MSG_NOSIGNAL)) }
                    }
                    request = Self.readRequest(connection)
                }
                if keepAlive {
                    Foundation.close(connection)
                    continue
                }
                lock.withLock { received.append(request) }
                if pieces.isEmpty {
                    // Silence: the connection stays open until the client gives up.
                    var byte: UInt8 = 0
                    var timeout = timeval(tv_sec: 120, tv_usec: 0)
                    setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    if Self.retrying({ recv(connection, &byte, 1, 0) }) == 0 { lock.withLock { heldFor.append(Date().timeIntervalSince(accepted)) } }
                } else {
                    for (i, piece) in pieces.enumerated() {
                        if i > 0, pause > 0 { Thread.sleep(forTimeInterval: pause) }
                        let bytes = Array(piece.utf8)
                        if Self.retrying({ send(connection, bytes, bytes.count, Int32(MSG_NOSIGNAL)) }) < 0 {
                            lock.withLock { heldFor.append(Date().timeIntervalSince(accepted)) }
                            break
                        }
                    }
                }
                Foundation.close(connection)
            }
        }
    }

    /// Stops listening.
    func close() {
        // `accept` then fails, at once or when the thread next calls it; the thread closes
        // the descriptor (see there).
        shutdown(fd, Int32(SHUT_RDWR))
    }

    private static func readRequest(_ connection: Int32) -> String {
        // Long: in a full test run the client's task may wait a minute to be scheduled.
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = retrying { recv(connection, &chunk, chunk.count, 0) }
            guard n > 0 else { break }
            bytes += chunk[..<n]
            let text = String(decoding: bytes, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<end.lowerBound].lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
            if text.utf8.count - text[..<end.upperBound].utf8.count >= length { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `call` again while a signal interrupts it. Socket calls with a timeout (SO_RCVTIMEO)
    /// fail with EINTR even under SA_RESTART (signal(7)), and the test process takes a
    /// SIGCHLD for every subprocess the other tests start.
    private static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}
