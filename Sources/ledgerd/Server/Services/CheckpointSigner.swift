import Dispatch
import Ledger
import Logging
import ServiceLifecycle

/// Signs a checkpoint for every new tree size the daemon reaches: waits on `LogHead`, and
/// after an append (by any process) signs the log's size then, so a checkpoint covering an
/// acknowledged event follows within `pause` plus one signing. At most one signing per
/// `pause`: each is a small durable write of its own (the record beside the key, and the
/// kept checkpoint), which must not crowd the appends' commits.
///
/// A refusal (the log no longer extends what the key signed) is logged and ends signing;
/// the daemon keeps serving, and `/checkpoint` keeps showing the last one signed.
struct CheckpointSigner: Service {
    let ledger: Ledger
    let head: LogHead
    let signer: NoteSigner
    let record: String
    let metrics: ServerMetrics
    let logger: Logger
    var pause: Duration = .milliseconds(100)
    private let queue = DispatchQueue(label: "ledgerd.checkpoints")

    func run() async throws {
        // False once signing was refused; nil when stopping cut the loop short.
        let mayStillSign = try? await cancelWhenGracefulShutdown { () async throws -> Bool in
            var signed: UInt64?
            var failures = 0
            while !Task.isCancelled {
                let size = signed ?? 0
                if signed != nil {
                    let seen = await head.wait(after: size)
                    guard !Task.isCancelled else { break }
                    guard seen > size else { continue }  // a heartbeat pulse
                }
                switch await sign() {
                case .success(let size):
                    signed = size
                    metrics.checkpointSize.set(Int64(clamping: size))
                    if failures > 0 { logger.notice("signing checkpoints again", metadata: ["failures": "\(failures)", "size": "\(size)"]) }
                    failures = 0
                case .failure(let refused as Ledger.SigningRefused):
                    logger.critical("checkpoint signing stopped", metadata: ["reason": "\(refused)"])
                    return false
                case .failure(let error):
                    // A failure that lasts (no descriptors, a full disk) is retried less and less
                    // often, so it is one log line every few seconds rather than ten a second.
                    failures += 1
                    let retry = Self.retryDelay(after: failures, pause: pause)
                    logger.error(
                        "signing a checkpoint failed; retrying",
                        metadata: ["error": "\(error)", "failures": "\(failures)", "retryIn": "\(retry)"])
                    try await Task.sleep(for: retry)
                    continue
                }
                try await Task.sleep(for: pause)
            }
            return true
        }
        // Stopping: the server has drained (it stops before this service), so sign what was
        // appended since the last checkpoint. Otherwise a log stopped cleanly would leave its
        // newest acknowledged events without a checkpoint until its next start. Signing a size
        // already signed returns the stored checkpoint.
        guard mayStillSign != false else { return }
        switch await sign() {
        case .success(let size):
            metrics.checkpointSize.set(Int64(clamping: size))
            logger.info("signed the checkpoint of the log as it stops", metadata: ["size": "\(size)"])
        case .failure(let error):
            logger.error("signing the final checkpoint failed", metadata: ["error": "\(error)"])
        }
    }

    /// The wait before retrying after `failures` failures in a row: `pause` doubled each
    /// time, at most five seconds.
    static func retryDelay(after failures: Int, pause: Duration) -> Duration {
        let ceiling = Duration.seconds(5)
        var delay = pause
        for _ in 1..<max(1, min(failures, 32)) where delay < ceiling { delay *= 2 }
        return min(delay, ceiling)
    }

    private func sign() async -> Result<UInt64, any Error> {
        let (ledger, signer, record) = (self.ledger, self.signer, self.record)
        do {
            return .success(
                try await offload(to: queue) { try Checkpoint(text: ledger.signCheckpoint(with: signer, record: record).text).size })
        } catch {
            return .failure(error)
        }
    }
}

extension CheckpointSigner: CustomStringConvertible {
    var description: String { "CheckpointSigner" }
}
