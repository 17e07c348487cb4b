import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Counts in `ResponseMemory` the bytes of large answers that a connection holds and its
/// socket has not taken yet: from when a body part is written to the channel until that
/// write completes (the kernel took it, or the connection failed or closed).
///
/// Hummingbird hands a body to the channel without waiting for the client (measured: a
/// reservation held only while the body was being written was given back at once, while
/// 1.7 GB sat in the channels' queues), so once an answer's body has been written its bytes
/// live there, out of sight of the route that reserved them; this handler, one per connection
/// between the HTTP codec and the application, keeps them counted until the write completes,
/// which is when the channel lets go of the buffer. Parts under `ResponseMemory.smallest` are passed
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
