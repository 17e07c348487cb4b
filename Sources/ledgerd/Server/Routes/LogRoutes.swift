import HTTPTypes
import Hummingbird
import Ledger

/// The verifiable log over HTTP (VERIFIABLE_LOG.md): the latest signed checkpoint, and
/// proofs against the checkpoints the log signed.
///
/// `GET /checkpoint` and `GET /proofs/consistency?from=&to=` carry no case data (every
/// role); `GET /proofs/inclusion?seq=&treeSize=` carries the event (roles that read events),
/// and so does an entry bundle: their cases are in the access trail before they are sent.
enum LogRoutes {
    static func addTree(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/checkpoint") { request, _ in
            try request.allowingOnly([])
            guard let note = try daemon.ledger.latestCheckpoint() else {
                throw Problem.notFound("the log has signed no checkpoint yet")
            }
            return text(note.serialized, headers: [.cacheControl: "no-store"])
        }
        router.get("/proofs/consistency") { request, _ in
            try request.allowingOnly(["from", "to"])
            let from = try request.integer("from", in: 0...Int(Int64.max), default: 0)
            let to = try request.integer("to", in: 0...Int(Int64.max), default: 0)
            guard request.query("from") != nil, request.query("to") != nil else {
                throw Problem.badRequest("from and to (tree sizes) are required", field: request.query("from") == nil ? "from" : "to")
            }
            // Both are valid tree sizes by the API document; which pairs have a proof depends
            // on each other and on the log: a size the log has not reached is not found (as an
            // inclusion proof's seq), `from` after `to` is refused (422), not malformed (400).
            let head = try daemon.ledger.lastSeq()
            guard UInt64(to) <= head else { throw Problem.notFound("the log has \(head) events, not \(to)") }
            do {
                let proof = try daemon.ledger.consistencyProof(from: UInt64(from), to: UInt64(to))
                return text(proof.map { $0.base64 + "\n" }.joined())
            } catch let error as Ledger.TreeSizeError {
                throw Problem.unprocessable(error.description, field: "from")
            }
        }
    }

    /// `/tile/<L>/<N>[.p/<W>]`: the tree's hashes (every role), as c2sp.org/tlog-tiles
    /// addresses them. Immutable.
    static func addHashTiles(to hashes: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        hashes.get("/tile/{level}/**") { request, context in
            try request.allowingOnly([])
            let levelText = try context.parameters.require("level")
            guard let level = Int(levelText), level >= 0, level <= 7, String(level) == levelText else {
                throw Problem.badRequest("tile level \(levelText) is not 0–7", field: "level")
            }
            let (index, width) = try coordinates(context)
            guard let tile = try daemon.ledger.tile(level: level, index: index, width: width) else {
                throw Problem.notFound("the tree has no tile \(level)/\(TileCoordinates.path(index, width: width)) yet")
            }
            return immutable(tile)
        }
    }

    /// `/tile/entries/<N>[.p/<W>]`: the events themselves (roles that read events, unlimited
    /// tokens only). Immutable.
    static func addEntryTiles(to entries: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        entries.get("/tile/entries/**") { request, context in
            try request.allowingOnly([])
            let (index, width) = try coordinates(context)
            // A bundle holds every event of its range: only a token that may read them all gets it.
            guard try daemon.eventScope(context.caller).isEverything else {
                throw Problem.notFound("entry bundles hold events outside this token's scope; read them from /events")
            }
            guard let bundle = try daemon.ledger.entryBundle(index: index, width: width) else {
                throw Problem.notFound("the log has no entry bundle \(TileCoordinates.path(index, width: width)) yet")
            }
            let cases = try EntryBundle.caseIds(bundle)
            return try await daemon.answer(immutable(bundle), disclosing: cases.isEmpty ? nil : cases, request, context)
        }
    }

    private static func coordinates(_ context: LedgerRequestContext) throws -> (Int64, Int?) {
        let segments = context.parameters.getCatchAll()
        guard let parsed = TileCoordinates.parse(segments.map { Substring($0) }) else {
            throw Problem.badRequest("\(segments.joined(separator: "/")) is not a tile index (e.g. x001/x234/067, or 067.p/5)", field: "tile")
        }
        return parsed
    }

    private static func immutable(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/octet-stream", .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func addProofs(to router: RouterGroup<LedgerRequestContext>, daemon: Daemon) {
        router.get("/proofs/inclusion") { request, context in
            try request.allowingOnly(["seq", "treeSize"])
            guard request.query("seq") != nil else { throw Problem.badRequest("seq is required", field: "seq") }
            let seq = UInt64(try request.integer("seq", in: 1...Int(Int64.max), default: 1))
            let ledger = daemon.ledger
            let note: SignedNote
            if request.query("treeSize") != nil {
                let size = UInt64(try request.integer("treeSize", in: 1...Int(Int64.max), default: 1))
                guard let stored = try ledger.checkpoint(size: size) else {
                    throw Problem.notFound("the log signed no checkpoint of size \(size)")
                }
                note = stored
            } else {
                guard let latest = try ledger.latestCheckpoint() else { throw Problem.notFound("the log has signed no checkpoint yet") }
                note = latest
            }
            guard let proof = try ledger.proof(of: seq, against: note) else {
                throw Problem.notFound("seq \(seq) is not in the tree of \(try Checkpoint(text: note.text).size) events")
            }
            // The proof carries the event: one outside the token's scope is not found.
            guard try (proof.extra ?? []).withUnsafeBytes({ try daemon.eventScope(context.caller).admits($0) }) else {
                throw Problem.notFound("seq \(seq) is not in this token's scope")
            }
            // The proof's `extra` is the event itself.
            if let event = proof.extra, let caseId = try event.withUnsafeBytes({ try RecordedEvent.caseId(ofStored: $0) }) {
                try await daemon.disclose([caseId], request, context)
            }
            return text(proof.text)
        }
    }

    static func text(_ body: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
