import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Counts in `ResponseMemory` the bytes of large answers that a connection holds and its
/// socket has not taken yet: from when a body part is written to the channel until that
/// write completes (the kernel took it, or the connection failed or closed).
///
/// Hummingbird hands a body's parts to the channel without waiting for the client, so once an
/// answer's body has been written its bytes live in the channel's queue, out of sight of the
/// route that reserved them; this handler, one per connection between the HTTP codec and the
/// application, keeps them counted there. Parts under `ResponseMemory.smallest` are passed
/// through uncounted: the connection limit bounds them, and one-event reads stay as they were.
final class ResponseBytesCounter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let memory: ResponseMemory

    init(memory: ResponseMemory) {
        self.memory = memory
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .body(let buffer) = unwrapOutboundIn(data), buffer.readableBytes >= ResponseMemory.smallest else {
            context.write(data, promise: promise)
            return
        }
        let bytes = buffer.readableBytes
        let memory = self.memory
        memory.queued(bytes)
        let written = promise ?? context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { _ in memory.written(bytes) }
        context.write(data, promise: written)
    }
}
