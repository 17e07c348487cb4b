import ServiceLifecycle

/// Pulses `LogHead` every `interval`, so every idle live stream sends a heartbeat comment
/// (proxies and clients then know the connection is alive). One timer serves all
/// subscribers; a subscriber's own wait costs no task or timer of its own.
struct Heartbeat: Service, CustomStringConvertible {
    let head: LogHead
    let interval: Duration

    var description: String { "Heartbeat" }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                head.pulse()
            }
        }
    }
}
