import Ledger
import Logging
import ServiceLifecycle

/// Notices appends made by other processes (the CLI, another daemon) on the same data
/// directory and advances `LogHead`, so live subscribers and the projections see them.
///
/// LMDB has no change notification; reading the head is one short read transaction (a
/// B-tree probe, about a microsecond), so polling every couple of milliseconds costs
/// nothing measurable. Appends served by this daemon advance the head without waiting.
struct HeadWatcher: Service {
    let ledger: Ledger
    let head: LogHead
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    head.advance(to: try ledger.head().seq)
                } catch {
                    logger.error("reading the log's head failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}

extension HeadWatcher: CustomStringConvertible {
    var description: String { "HeadWatcher" }
}
