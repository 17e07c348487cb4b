import Ledger
import Logging
import Prometheus
import ServiceLifecycle

/// Submits each new signed checkpoint to every witness of the policy (c2sp.org/tlog-witness)
/// and keeps the cosignatures it gets with the checkpoint, so `/checkpoint` and proofs carry
/// them. One loop per witness, each at its own pace and on its own kept-alive connection: a
/// witness that is down is retried with backoff and never holds up appends, the signer or
/// the other witnesses; one that drops an idle connection is reconnected to at once. Each
/// loop looks for a newer checkpoint every `idle` (a read of one key). A 409 tells the size
/// the witness holds; the next submission starts from there (with a consistency proof from
/// it), so a witness that lost its state or is new catches up in one step.
struct WitnessSubmitter: Service {
    let ledger: Ledger
    let policy: WitnessPolicy
    /// Reaches the policy's witnesses (HTTP or HTTPS).
    let client: WitnessHTTPClient
    let metrics: ServerMetrics
    let logger: Logger
    var idle: Duration = .milliseconds(50)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for witness in policy.witnesses {
                    group.addTask { await follow(witness) }
                }
            }
        }
    }

    private func follow(_ witness: WitnessPolicy.Witness) async {
        let lag = metrics.witnessLag(witness.verifier.name)
        var held: UInt64 = 0
        var backoff: Duration = .milliseconds(100)
        while !Task.isCancelled {
            do {
                // Connect only once there is something to submit; then keep the connection for
                // the checkpoints that follow (c2sp.org/tlog-witness: clients SHOULD keep alive).
                let from = held
                guard let first = try await offload({ try submission(for: witness, held: from) }) else {
                    reportLag(lag, held: held)
                    try await Task.sleep(for: idle)
                    continue
                }
                try await client.withConnection(to: witness.prefix) { connection in
                    // The first submission is the one read above; each later one is read afresh.
                    var prepared: Submission? = first
                    while !Task.isCancelled {
                        let from = held
                        let next: Submission?
                        if let ready = prepared {
                            (next, prepared) = (ready, nil)
                        } else {
                            next = try await offload { try submission(for: witness, held: from) }
                        }
                        switch try await submit(next, to: witness, held: from, over: connection) {
                        case .upToDate(let size), .cosigned(let size):
                            held = size
                            backoff = .milliseconds(100)
                            reportLag(lag, held: held)
                            // The signer follows the head by up to its pause: look again shortly
                            // rather than wait for the next append, which may never come.
                            try await Task.sleep(for: idle)
                        case .holds(let size):
                            held = size  // resubmit at once from the size it holds
                        }
                        if connection.isClosing { return }
                    }
                }
            } catch is CancellationError {
                return
            } catch where Task.isCancelled {
                return  // the daemon is stopping: the exchange was cut short, not failed
            } catch let failure as WitnessHTTPClient.Failure where failure.isStaleConnection {
                logger.debug("witness closed an idle connection; reconnecting", metadata: ["witness": "\(witness.verifier.name)"])
            } catch {
                logger.warning("witness submission failed; retrying", metadata: ["witness": "\(witness.verifier.name)", "error": "\(error)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(30))
            }
        }
    }

    /// Events of the newest checkpoint the witness has not cosigned.
    private func reportLag(_ lag: Gauge, held: UInt64) {
        let latest = (try? ledger.latestCheckpoint()).flatMap { try? Checkpoint(text: $0.text).size } ?? held
        lag.set(latest > held ? Int64(clamping: latest - held) : 0)
    }

    enum Outcome {
        case upToDate(UInt64)
        case cosigned(UInt64)
        /// 409: the witness holds this size.
        case holds(UInt64)
    }

    /// What to post to a witness holding `held`: the newest checkpoint, if the witness has not
    /// cosigned it, with a consistency proof from `held`.
    private struct Submission: Sendable {
        var request: AddCheckpointRequest
        var note: SignedNote
        var size: UInt64
    }

    /// Posts `submission` (read by `submission(for:held:)`; nil when the witness is up to date)
    /// and stores the cosignature (a durable commit, off the cooperative pool).
    private func submit(
        _ submission: Submission?, to witness: WitnessPolicy.Witness, held: UInt64, over connection: WitnessHTTPConnection
    ) async throws -> Outcome {
        guard let submission else { return .upToDate(held) }
        let reply = try await connection.post(witness.addCheckpointPath, body: submission.request.body)
        switch reply.status {
        case 200:
            let answered = try SignedNote(parsing: submission.note.text + "\n" + reply.body)
            // Its own lines only: any other line it sent is dropped, not stored and served.
            guard let cosigned = try answered.cosignatures(of: witness.verifier) else {
                throw WitnessHTTPClient.Failure("the witness answered no cosignature of its key")
            }
            try await offload { try ledger.addCosignatures(cosigned) }
            return .cosigned(submission.size)
        case 409:
            // c2sp.org/tlog-witness: the size the witness holds, as text/x.tlog.size; any other
            // 409 (a proxy's, say) is not one to resubmit from.
            let type = reply.headers["content-type"].first?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            guard type == "text/x.tlog.size", let size = UInt64(reply.body.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw WitnessHTTPClient.Failure("the witness's 409 names no size (\(type ?? "no Content-Type")): \(reply.body.prefix(200))")
            }
            guard size != held else { throw WitnessHTTPClient.Failure("the witness holds \(size) and still refuses it") }
            return .holds(size)
        default:
            throw WitnessHTTPClient.Failure("the witness answered \(reply.status): \(reply.body.prefix(200))")
        }
    }

    private func submission(for witness: WitnessPolicy.Witness, held: UInt64) throws -> Submission? {
        guard let note = try ledger.latestCheckpoint() else { return nil }
        let checkpoint = try Checkpoint(text: note.text)
        let alreadyCosigned = try note.isCosigned(by: witness.verifier)
        guard checkpoint.size > held || (checkpoint.size == held && !alreadyCosigned) else { return nil }
        let proof = held > checkpoint.size ? [] : try ledger.consistencyProof(from: held, to: checkpoint.size)
        // The log's own signature only: a witness need not see the others' cosignatures.
        var logSigned = SignedNote(text: note.text, signatures: note.signatures.filter { $0.name == checkpoint.origin })
        if logSigned.signatures.isEmpty { logSigned = note }
        return Submission(request: AddCheckpointRequest(oldSize: held, proof: proof, checkpoint: logSigned), note: note, size: checkpoint.size)
    }
}

extension WitnessSubmitter: CustomStringConvertible {
    var description: String { "WitnessSubmitter" }
}
