import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// How the daemon reaches witnesses (c2sp.org/tlog-witness), which on the public network are
/// HTTPS services: POSTs over HTTP/1.1 or HTTPS, on a connection kept alive from one
/// checkpoint to the next, as the protocol asks of clients.
///
/// Built from NIO's HTTP/1.1 codec and NIOSSL, which the server already links, rather than
/// async-http-client, which would add swift-nio-http2, swift-nio-extras, swift-algorithms,
/// swift-configuration and swift-distributed-tracing to every build for a few POSTs a
/// second. The codec parses the replies (chunked or sized bodies, interim answers); this adds
/// a deadline over each exchange, a bound on a reply, and errors that name the URL and what
/// went wrong (`WitnessHTTPConnection`).
struct WitnessHTTPClient: Sendable {
    /// Where a request goes, from an `http://` or `https://` URL.
    struct Target: Sendable, Equatable {
        var secure: Bool
        var host: String
        var port: Int
        /// The request target: the URL's path, `/` when it has none.
        var path: String

        /// An IP address in the URL (`127.0.0.1`, `[::1]`): checked against the certificate's
        /// IP addresses and never sent as the TLS server name, which must be a DNS name.
        var isIPAddress: Bool { host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." } }

        /// The `Host` header: the URL's authority, the port left out when it is the scheme's own.
        var authority: String {
            let name = host.contains(":") ? "[\(host)]" : host
            return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
        }

        /// The URL of `path` (which starts with `/`) on this target's host.
        func url(_ path: String) -> String { "\(secure ? "https" : "http")://\(authority)\(path)" }
    }

    /// A whole reply.
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: String
    }

    /// Why no reply was had, naming the URL.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// The connection had served an exchange and was then found closed, before any byte of
        /// this one's reply: the server dropped an idle connection, which is no fault of
        /// either side. The request is worth sending again at once, on a new connection.
        var isStaleConnection = false

        init(_ description: String, isStaleConnection: Bool = false) {
            self.description = description
            self.isStaleConnection = isStaleConnection
        }
    }

    /// Most reply body read: a witness answers a few cosignature lines, or a size.
    static let maximumBody = 64 << 10

    /// For `https://` targets; nil when the client was made for plain HTTP only.
    private let tls: NIOSSLContext?
    /// The most one exchange may take, from sending the request to the reply's last byte
    /// (and connecting, for the first).
    let timeout: TimeAmount

    /// A client that speaks HTTPS too, trusting the system's certificate authorities and
    /// `extraTrustRoots` (a private PKI's), TLS 1.2 or later, the certificate checked against
    /// the URL's host.
    init(https: Bool, extraTrustRoots: [NIOSSLCertificate] = [], timeout: TimeAmount = .seconds(10)) throws {
        self.timeout = timeout
        guard https else {
            tls = nil
            return
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["http/1.1"]
        if !extraTrustRoots.isEmpty { configuration.additionalTrustRoots = [.certificates(extraTrustRoots)] }
        do {
            tls = try NIOSSLContext(configuration: configuration)
        } catch {
            throw Failure("cannot set up TLS for https:// witnesses: \(error)")
        }
    }

    /// The target of `url`, or nil if it is not an `http://` or `https://` URL this client can
    /// reach (no user name or password, a port 1–65535, no spaces or control characters).
    static func target(_ url: String) -> Target? {
        let secure: Bool
        let rest: Substring
        if url.hasPrefix("https://") {
            (secure, rest) = (true, url.dropFirst(8))
        } else if url.hasPrefix("http://") {
            (secure, rest) = (false, url.dropFirst(7))
        } else {
            return nil
        }
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = slash == rest.endIndex ? "/" : String(rest[slash...])
        guard !authority.contains("@"), !path.contains("#") else { return nil }
        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            // An IPv6 literal: [::1] or [::1]:8081.
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return nil }
            portText = after.isEmpty ? nil : after.dropFirst()
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
        }
        guard !host.isEmpty, !host.contains("[") && !host.contains("]") else { return nil }
        var port = secure ? 443 : 80
        if let portText {
            guard let given = Int(portText), (1...65535).contains(given), portText.allSatisfy(\.isASCII) else { return nil }
            port = given
        }
        return Target(secure: secure, host: String(host), port: port, path: path)
    }

    /// Connects to the host of `url` and runs `body` with the connection, which may carry
    /// many exchanges; closes it when `body` returns or throws. Throws `Failure` if the URL
    /// is not one this client reaches or the host is not reached.
    func withConnection<Result>(
        to url: String, _ body: (WitnessHTTPConnection) async throws -> Result
    ) async throws -> Result {
        guard let target = Self.target(url) else { throw Failure("\(url) is not an http:// or https:// URL") }
        guard !target.secure || tls != nil else { throw Failure("\(url) is HTTPS, and this client was made for HTTP only") }
        let state = ConnectionState()
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeout)
                .connect(host: target.host, port: target.port) { [tls, timeout] channel in
                    state.startFirstDeadline(on: channel, after: timeout)
                    return channel.eventLoop.makeCompletedFuture {
                        if target.secure, let tls {
                            let handler = try NIOSSLClientHandler(context: tls, serverHostname: target.isIPAddress ? nil : target.host)
                            try channel.pipeline.syncOperations.addHandler(handler)
                            try channel.pipeline.syncOperations.addHandler(FirstErrorRecorder(into: state))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure("cannot connect to \(target.authority) for \(url): \(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = WitnessHTTPConnection(
                channel: channel.channel, inbound: inbound, outbound: outbound, target: target, timeout: timeout, state: state)
            return try await body(connection)
        }
    }

    /// POSTs `body` to `url` on a connection of its own and returns the reply, whatever its
    /// status (see `WitnessHTTPConnection.post`).
    func post(_ url: String, body: String, contentType: String = "text/plain; charset=utf-8") async throws -> Reply {
        guard let target = Self.target(url) else { throw Failure("\(url) is not an http:// or https:// URL") }
        return try await withConnection(to: url) { try await $0.post(target.path, body: body, contentType: contentType) }
    }
}
