import Hummingbird
import Ledger
import Projections

/// What auditors ask of the whole ledger and of one case: `GET /verify`, `GET /digest`,
/// `GET /cases/{id}/history`.
enum AuditRoutes {
    static func add(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        // Recomputes the whole chain and checks the stored checkpoints: seconds on a large
        // ledger, so off the cooperative pool.
        // `?digest=SEQ:HASH` checks that the ledger still holds that exact prefix.
        router.get("/verify") { request, _ in
            try request.allowingOnly(["digest"])
            var digest: (seq: UInt64, hash: String)?
            if let text = request.query("digest") {
                let parts = text.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let seq = UInt64(parts[0]), seq >= 1 else {
                    throw Problem.badRequest("digest=\(text) is not SEQ:HASH", field: "digest")
                }
                digest = (seq, String(parts[1]))
            }
            let ledger = daemon.ledger
            let wanted = digest
            do {
                // Half the cores: a running daemon keeps the rest for appends and reads.
                let workers = max(1, Ledger.verificationWorkers / 2)
                let logKey = daemon.logKey
                // The chain, then what the daemon serves at /checkpoint and in proofs, held to
                // the tree and its key.
                let (report, checkpoints) = try await daemon.offloadVerification {
                    (try ledger.verify(workers: workers), try ledger.verifyStoredCheckpoints(logKey: logKey))
                }
                // The chain verified; a digest it does not hold is the auditor's finding about
                // this ledger (history rewritten or cut, or a digest of another ledger), not a
                // fault of the server: 409, still never a 200.
                if let wanted {
                    guard wanted.seq <= report.events else {
                        throw Problem.digestNotHeld(seq: wanted.seq, reason: "the ledger has \(report.events) events; the digest names seq \(wanted.seq)")
                    }
                    guard let bytes = try ledger.event(seq: wanted.seq) else {
                        throw Problem.verificationFailed(seq: wanted.seq, reason: "event is missing")
                    }
                    let event = try RecordedEvent(decoding: bytes)
                    guard event.hash == wanted.hash.lowercased() else {
                        throw Problem.digestNotHeld(seq: wanted.seq, reason: "hash is \(event.hash), the digest says \(wanted.hash)")
                    }
                }
                let json: JSONValue = .object(
                    JSONObject([
                        ("verified", .bool(true)), ("events", .number(Double(report.events))),
                        ("headHash", .string(report.headHash)), ("headRecordedAt", .string(report.headRecordedAt)),
                        ("checkpoints", .number(Double(checkpoints.checkpoints))),
                    ]))
                return HTTPResponses.json(CompactJSON.bytes(json))
            } catch let failure as VerificationFailure {
                // Never a 200: a monitor that checks the status alone must see the failure.
                throw Problem.verificationFailed(seq: failure.seq, reason: failure.reason)
            } catch LedgerError.corrupt(let what) {
                throw Problem.verificationFailed(seq: 0, reason: "the data file is corrupt: \(what)")
            }
        }

        // What an auditor keeps to prove later that nothing before it changed: the same JSON
        // as `ledgerd digest`.
        router.get("/digest") { request, _ in
            try request.allowingOnly([])
            return HTTPResponses.json(Array(try daemon.ledger.head().digestJSON.utf8))
        }

    }

    /// `/cases/{caseId}/history`: as `ledgerd history ID --format json`.
    static func addHistory(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/cases/{caseId}/history") { request, context in
            try request.allowingOnly(["on", "knownAt"])
            let caseId = try ViewRoutes.caseId(context)
            guard let stream = StreamName(parsing: StreamKind.case.prefix + caseId) else {
                throw Problem.badRequest("\(caseId) is not a case ID", field: "caseId")
            }
            let when = try request.evaluation()
            let ledger = daemon.ledger
            let scope = context.caller?.caseScope ?? .everything
            let response: Response
            do {
                response = try await daemon.offload {
                    guard try daemon.mayRead(case: caseId, scope) else { throw CaseHistory.NotFound(caseId: caseId) }
                    return HTTPResponses.json(try CaseHistory(ledger: ledger, stream: stream, on: when.on, knownAt: when.knownAt).json)
                }
            } catch let error as CaseHistory.NotFound {
                throw Problem.notFound(error.description)
            }
            return try await daemon.answer(response, disclosing: [caseId], request, context)
        }
    }

    /// `/cases/{caseId}/audit-pack` (auditors): `ledgerd audit-pack` as a tar archive, the
    /// case's events with a proof for each against the latest checkpoint the daemon signed.
    static func addAuditPack(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/cases/{caseId}/audit-pack") { request, context in
            try request.allowingOnly([])
            let caseId = try ViewRoutes.caseId(context)
            guard let logKey = daemon.logKey else {
                throw Problem.notFound("this daemon signs no checkpoints (serve --signing-key, or a key in the data directory)")
            }
            let ledger = daemon.ledger
            let witnessKeys = daemon.witnessKeys
            let scope = context.caller?.caseScope ?? .everything
            let archive: [UInt8]
            do {
                archive = try await daemon.offload {
                    guard try daemon.mayRead(case: caseId, scope) else { throw AuditPack.Missing(caseId: caseId) }
                    guard let note = try ledger.latestCheckpoint() else { throw Problem.notFound("the log has signed no checkpoint yet") }
                    return try AuditPack(ledger: ledger, caseId: caseId, note: note, logKey: logKey, witnessKeys: witnessKeys).tar()
                }
            } catch let missing as AuditPack.Missing {
                throw Problem.notFound(missing.description)
            } catch let tooLong as TarArchive.PathTooLong {
                throw Problem.badRequest(tooLong.description, field: "caseId")
            }
            let pack = Response(
                status: .ok,
                headers: [
                    .contentType: "application/x-tar", .cacheControl: "no-store",
                    .contentDisposition: "attachment; filename=\"audit-pack-\(caseId).tar\"",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: archive)))
            return try await daemon.answer(pack, disclosing: [caseId], request, context)
        }
    }
}
