import NIOCore
import NIOHTTP1
import Synchronization

/// One connection to a witness, open for as long as `WitnessHTTPClient.withConnection`'s
/// body runs, carrying one exchange after another (HTTP/1.1 keep-alive).
///
/// Used by one task at a time: an exchange is a request, then its whole reply.
final class WitnessHTTPConnection {
    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    private let target: WitnessHTTPClient.Target
    private let timeout: TimeAmount
    private let state: ConnectionState
    /// Exchanges completed on this connection.
    private(set) var exchanges = 0
    /// The server said it closes the connection after its reply (`Connection: close`, or
    /// HTTP/1.0): the next request needs a new one.
    private(set) var isClosing = false

    init(
        channel: any Channel, inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>,
        outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>, target: WitnessHTTPClient.Target, timeout: TimeAmount,
        state: ConnectionState
    ) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.target = target
        self.timeout = timeout
        self.state = state
    }

    /// POSTs `body` to `path` on this connection's host and returns the reply, whatever its
    /// status. Throws `WitnessHTTPClient.Failure` when there is no whole reply: the
    /// certificate is not trusted or not the host's, the reply is malformed or larger than
    /// `maximumBody`, the server closed the connection, or the exchange is not complete
    /// within the timeout (which then closes the connection).
    func post(_ path: String, body: String, contentType: String = "text/plain; charset=utf-8") async throws -> WitnessHTTPClient.Reply {
        let url = target.url(path)
        guard !isClosing else { throw WitnessHTTPClient.Failure("\(url): the server closed this connection after its last reply") }
        // Past the deadline the connection is closed, which ends whatever this exchange waits
        // for: a witness that stalls, or drips its answer a byte at a time, is cut off. The
        // first exchange's deadline was set as the connection was made.
        let deadline = state.takeFirstDeadline() ?? state.startDeadline(on: channel, after: timeout)
        defer { deadline.cancel() }
        var answered = false
        do {
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
            head.headers.add(name: "Host", value: target.authority)
            head.headers.add(name: "User-Agent", value: "ledgerd")
            head.headers.add(name: "Content-Type", value: contentType)
            head.headers.add(name: "Content-Length", value: String(body.utf8.count))
            // One write of all three parts: written one by one, a server that answers as soon
            // as the body is in and then closes could close the channel before the third,
            // whose write would then fail though the whole reply is here to be read.
            try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(string: body))), .end(nil)])

            var reply: HTTPResponseHead?
            var collected = ByteBuffer()
            while let part = try await inbound.next() {
                answered = true
                switch part {
                case .head(let answer):
                    // 1xx answers are interim: the reply proper follows.
                    if answer.status.code >= 200 { reply = answer }
                case .body(var bytes):
                    guard collected.readableBytes + bytes.readableBytes <= WitnessHTTPClient.maximumBody else {
                        isClosing = true  // the rest of this reply is still to come: the connection is spent
                        throw WitnessHTTPClient.Failure("\(url) answered more than \(WitnessHTTPClient.maximumBody) bytes; a witness answers a few lines")
                    }
                    collected.writeBuffer(&bytes)
                case .end:
                    guard let reply else { continue }
                    exchanges += 1
                    isClosing = !reply.isKeepAlive
                    return WitnessHTTPClient.Reply(status: Int(reply.status.code), headers: reply.headers, body: String(buffer: collected))
                }
            }
            throw WitnessHTTPClient.Failure("\(url) closed the connection before a whole reply")
        } catch {
            isClosing = true
            // Past the deadline, whatever broke, the answer is that the witness was too slow. A
            // failed handshake closes the channel, and the write after it only learns "I/O on
            // closed channel": the handshake's own error says why (an untrusted certificate).
            if state.deadlinePassed {
                throw WitnessHTTPClient.Failure("\(url) did not answer within \(Duration(timeout))")
            }
            if let handshake = state.firstError {
                throw WitnessHTTPClient.Failure("\(url): the TLS handshake with \(target.authority) failed: \(handshake)")
            }
            if exchanges > 0, !answered {
                throw WitnessHTTPClient.Failure("\(url): the server closed the idle connection", isStaleConnection: true)
            }
            if let failure = error as? WitnessHTTPClient.Failure { throw failure }
            throw WitnessHTTPClient.Failure("\(url): \(error)")
        }
    }
}

/// What a connection's set-up leaves for its exchanges: the deadline of the first, set as
/// the connection is made (not when the task that asked for it next runs), whether a
/// deadline closed the connection, and the first error its pipeline saw.
final class ConnectionState: Sendable {
    private let deadline = Mutex<Scheduled<Void>?>(nil)
    private let passed = Mutex(false)
    private let error = Mutex<(any Error)?>(nil)

    /// Closes `channel` after `timeout` unless cancelled, noting that the deadline passed.
    func startDeadline(on channel: any Channel, after timeout: TimeAmount) -> Scheduled<Void> {
        channel.eventLoop.scheduleTask(in: timeout) { [self] in
            passed.withLock { $0 = true }
            channel.close(promise: nil)
        }
    }

    /// Starts the first exchange's deadline, for it to take over (`takeFirstDeadline`).
    func startFirstDeadline(on channel: any Channel, after timeout: TimeAmount) {
        let scheduled = startDeadline(on: channel, after: timeout)
        deadline.withLock { $0 = scheduled }
    }

    /// Whether a deadline closed the connection.
    var deadlinePassed: Bool { passed.withLock { $0 } }

    func takeFirstDeadline() -> Scheduled<Void>? {
        deadline.withLock { taken in
            defer { taken = nil }
            return taken
        }
    }

    var firstError: (any Error)? { error.withLock { $0 } }

    func record(_ failure: any Error) {
        error.withLock { if $0 == nil { $0 = failure } }
    }
}

/// Passes everything on, noting the first error on the way (placed after the TLS handler,
/// it sees the handshake's).
final class FirstErrorRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let state: ConnectionState

    init(into state: ConnectionState) { self.state = state }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        state.record(error)
        context.fireErrorCaught(error)
    }
}
