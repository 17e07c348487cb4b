import Logging
import ServiceLifecycle

/// Writes the tokens' `lastUsedAt` every `interval` and once more when the daemon stops:
/// uses are noted in memory per request (`TokenUse`) and written together, so a token's
/// last use costs no write per request.
struct TokenUseRecorder: Service, CustomStringConvertible {
    let tokens: TokenStore
    let interval: Duration
    let logger: Logger

    var description: String { "TokenUseRecorder" }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await flush()
            }
        }
        await flush()
    }

    private func flush() async {
        let tokens = self.tokens
        do {
            try await offload { try tokens.flushUses() }
        } catch {
            // A use not written is only news lost; the tokens themselves are untouched.
            logger.warning("could not record token uses: \(error)")
        }
    }
}
