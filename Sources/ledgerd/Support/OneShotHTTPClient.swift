import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Posts one request on a connection of its own and reads the whole reply, over HTTP or
/// HTTPS: how the daemon reaches witnesses (c2sp.org/tlog-witness), which on the public
/// network are HTTPS services.
///
/// Built from NIO's HTTP/1.1 codec and NIOSSL, which the server already links, rather than
/// async-http-client, which would add swift-nio-http2, swift-nio-extras, swift-algorithms,
/// swift-configuration and swift-distributed-tracing to every build for one POST per
/// checkpoint. The codec parses the reply (chunked or sized bodies, interim answers); this
/// adds one deadline over the whole exchange, a bound on the reply, and errors that name the
/// URL and what went wrong.
struct OneShotHTTPClient: Sendable {
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
        init(_ description: String) { self.description = description }
    }

    /// Most reply body read: a witness answers a few cosignature lines, or a size.
    static let maximumBody = 64 << 10

    /// For `https://` targets; nil when the client was made for plain HTTP only.
    private let tls: NIOSSLContext?
    /// The most one exchange may take, from connecting to the reply's last byte.
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

    /// POSTs `body` to `url` and returns the reply, whatever its status. Throws `Failure` when
    /// there is no whole reply: the URL is not one this client reaches, the host is not
    /// reached, the certificate is not trusted or not the host's, the reply is malformed or
    /// larger than `maximumBody`, or it is not complete within `timeout`.
    func post(_ url: String, body: String, contentType: String = "text/plain; charset=utf-8") async throws -> Reply {
        guard let target = Self.target(url) else { throw Failure("\(url) is not an http:// or https:// URL") }
        guard !target.secure || tls != nil else { throw Failure("\(url) is HTTPS, and this client was made for HTTP only") }
        let started = ContinuousClock.now
        let tlsError = FirstError()
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeout)
                .connect(host: target.host, port: target.port) { [tls, timeout] channel in
                    // One deadline over the whole exchange, set as the connection is made (not
                    // when this task next runs): a witness that accepts and then stalls, or
                    // drips its answer a byte at a time, is cut off rather than holding its
                    // loop forever.
                    let deadline = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
                    channel.closeFuture.whenComplete { _ in deadline.cancel() }
                    return channel.eventLoop.makeCompletedFuture {
                        if target.secure, let tls {
                            let handler = try NIOSSLClientHandler(context: tls, serverHostname: target.isIPAddress ? nil : target.host)
                            try channel.pipeline.syncOperations.addHandler(handler)
                            try channel.pipeline.syncOperations.addHandler(FirstErrorRecorder(into: tlsError))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure("cannot connect to \(target.authority) for \(url): \(error)")
        }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target.path)
                head.headers.add(name: "Host", value: target.authority)
                head.headers.add(name: "User-Agent", value: "ledgerd")
                head.headers.add(name: "Content-Type", value: contentType)
                head.headers.add(name: "Content-Length", value: String(body.utf8.count))
                head.headers.add(name: "Connection", value: "close")
                try await outbound.write(.head(head))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body))))
                try await outbound.write(.end(nil))

                var reply: HTTPResponseHead?
                var collected = ByteBuffer()
                for try await part in inbound {
                    switch part {
                    case .head(let answer):
                        // 1xx answers are interim: the reply proper follows.
                        if answer.status.code >= 200 { reply = answer }
                    case .body(var bytes):
                        guard collected.readableBytes + bytes.readableBytes <= Self.maximumBody else {
                            throw Failure("\(url) answered more than \(Self.maximumBody) bytes; a witness answers a few lines")
                        }
                        collected.writeBuffer(&bytes)
                    case .end:
                        guard let reply else { continue }
                        return Reply(status: Int(reply.status.code), headers: reply.headers, body: String(buffer: collected))
                    }
                }
                throw Failure("\(url) closed the connection before a whole reply")
            }
        } catch {
            // Past the deadline, whatever broke, the answer is that the witness was too slow. A
            // failed handshake closes the channel, and the write after it only learns "I/O on
            // closed channel": the handshake's own error says why (an untrusted certificate).
            if started.duration(to: .now) >= Duration(timeout) { throw timedOut(url) }
            if let handshake = tlsError.value { throw Failure("\(url): the TLS handshake with \(target.authority) failed: \(handshake)") }
            if let failure = error as? Failure { throw failure }
            throw Failure("\(url): \(error)")
        }
    }

    private func timedOut(_ url: String) -> Failure {
        Failure("\(url) did not answer within \(Duration(timeout))")
    }
}

extension Duration {
    /// The same span as NIO's `TimeAmount`.
    fileprivate init(_ amount: TimeAmount) { self = .nanoseconds(amount.nanoseconds) }
}

/// The first error a connection's pipeline saw, kept for the message when a later step fails.
private final class FirstError: Sendable {
    private let first = Mutex<(any Error)?>(nil)

    var value: (any Error)? { first.withLock { $0 } }

    func record(_ error: any Error) {
        first.withLock { if $0 == nil { $0 = error } }
    }
}

/// Passes everything on, noting the first error on the way (placed after the TLS handler,
/// it sees the handshake's).
private final class FirstErrorRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let box: FirstError

    init(into box: FirstError) { self.box = box }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        box.record(error)
        context.fireErrorCaught(error)
    }
}
