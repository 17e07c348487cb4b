import Dispatch
import Ledger
import ServiceLifecycle

/// Owns the daemon's `AccessRecorder` for the service group's lifetime, like
/// `CommitterService`: it stops after the HTTP server has drained, recording what is queued
/// (every response already sent had its entry first) before the writer thread is joined.
struct AccessTrailService: Service {
    let recorder: AccessRecorder

    func run() async throws {
        try? await gracefulShutdown()
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                recorder.shutdown()
                continuation.resume()
            }
        }
    }
}

extension AccessTrailService: CustomStringConvertible {
    var description: String { "AccessTrailService" }
}
