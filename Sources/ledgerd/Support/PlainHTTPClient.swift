import Foundation
import Ledger

/// A small blocking HTTP/1.1 client for posting checkpoints to witnesses: one request per
/// connection (`Connection: close`), plain HTTP, every step under a deadline. Witnesses are
/// reached over loopback or a trusted network here; HTTPS to a witness is a reverse proxy's
/// job (TLS is not spoken by this client).
enum PlainHTTPClient {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `http://host[:port]/path` split into its parts.
    static func parse(_ url: String) -> (host: String, port: UInt16, path: String)? {
        guard url.hasPrefix("http://") else { return nil }
        let rest = url.dropFirst(7)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = slash == rest.endIndex ? "" : String(rest[slash...])
        let parts = authority.split(separator: ":", maxSplits: 1)
        guard let host = parts.first, !host.isEmpty else { return nil }
        let port = parts.count == 2 ? UInt16(parts[1]) : 80
        guard let port else { return nil }
        return (String(host), port, path)
    }

    static func post(_ url: String, body: String, timeout: TimeInterval = 10) throws -> Reply {
        guard let target = parse(url) else { throw Failure(description: "\(url) is not an http:// URL") }
        var hints = addrinfo(ai_flags: 0, ai_family: AF_UNSPEC, ai_socktype: Int32(SOCK_STREAM.rawValue), ai_protocol: 0,
                             ai_addrlen: 0, ai_addr: nil, ai_canonname: nil, ai_next: nil)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(target.host, String(target.port), &hints, &result) == 0, let info = result else {
            throw Failure(description: "cannot resolve \(target.host)")
        }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            throw Failure(description: "cannot connect to \(target.host):\(target.port): \(String(cString: strerror(errno)))")
        }
        let payload = Array(body.utf8)
        let head = "POST \(target.path) HTTP/1.1\r\nHost: \(target.host):\(target.port)\r\nContent-Type: text/plain\r\n"
            + "Content-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        let request = Array(head.utf8) + payload
        do {
            try request.withUnsafeBytes { try FileIO.writeAll(fd, $0, "send to \(url)") }
        } catch {
            throw Failure(description: "\(error)")
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while response.count < 1 << 20 {
            let n: Int
            do { n = try chunk.withUnsafeMutableBytes { try FileIO.read(fd, into: $0, "read from \(url)") } } catch {
                throw Failure(description: "\(error)")
            }
            if n == 0 { break }
            response.append(contentsOf: chunk[..<n])
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "\(url) answered no HTTP response") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "\(url) answered a malformed status line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
