import Foundation

@testable import Ledger
@testable import Projections

/// The parsers and decoders that bytes from outside reach, one libFuzzer target each
/// (`LEDGER_FUZZ=name`). Each must refuse bad input with an error and never trap; where a
/// parse has a printed form, what it accepts must print back to something it parses the same.
enum FuzzTarget: String, CaseIterable {
    /// An append request's bytes (HTTP body, NDJSON line): the one decode pipeline.
    case request
    /// A POST body of one request or a batch.
    case body
    /// A signed note, then the checkpoint in it (from witnesses, `verify --checkpoint`).
    case note
    /// Verifier and signer key text (policy files, `--vkey`, key files).
    case key
    /// A `.tlog-proof` file (`verify-proof`, audit packs).
    case proof
    /// A witness's `add-checkpoint` body (any client may post it).
    case witness
    /// A tile path's index segments (HTTP).
    case tile
    /// A stored event (a corrupt data file): the log's decoder and the projections'.
    case stored
    /// Stored projection records, stream states, access-trail entries and a witness's fork
    /// evidence (a corrupt file).
    case records
    /// An access-trail journal segment (a torn write, a damaged file), as the newest segment
    /// and as an older one.
    case journal

    func run(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .request:
            if let request = try? AppendRequest.decode(bytes, index: 0, postedTo: nil) {
                // The fast decoder and the general path agree on what they accept.
                let general = try? AppendRequest.decodeGenerally(bytes, index: 0, postedTo: nil)
                check(general.map { $0.template.bytes == request.template.bytes } ?? false, "the decoders read the same request")
                // What is accepted reads back from its canonical data.
                let again = try? JSONParser.parse(request.canonicalData)
                check(again.map { if case .object(let data) = $0 { data == request.data } else { false } } ?? false, "accepted data reads back")
            }
        case .body:
            _ = try? AppendRequest.decodeBody(bytes, postedTo: nil, maximumBatch: 64)
            _ = try? AppendRequest.decodeBody(bytes, postedTo: StreamName(parsing: "case-EH-2023-000001"), maximumBatch: 64)
        case .note:
            guard let note = try? SignedNote(parsing: text) else { return }
            check((try? SignedNote(parsing: note.serialized)) == note, "a parsed note reparses from its serialization")
            if let checkpoint = try? Checkpoint(text: note.text) {
                check((try? Checkpoint(text: checkpoint.text)) == checkpoint, "a checkpoint reparses from its text")
            }
        case .key:
            if let verifier = try? NoteVerifier(parsing: text) {
                check((try? NoteVerifier(parsing: verifier.text)) == verifier, "a vkey reparses from its text")
            }
            _ = try? NoteSigner(parsing: text)
        case .proof:
            guard let proof = try? TLogProof(parsing: text) else { return }
            check((try? TLogProof(parsing: proof.text))?.text == proof.text, "a proof reparses from its text")
        case .witness:
            _ = try? AddCheckpointRequest(parsing: text)
        case .tile:
            let segments = text.split(separator: "/", omittingEmptySubsequences: false)
            guard let (index, width) = TileCoordinates.parse(segments) else { return }
            check(TileCoordinates.path(index, width: width) == text, "an accepted tile path is the canonical one")
        case .stored:
            if let event = try? RecordedEvent(decoding: bytes) { _ = event }
            if let event = try? ProjectedEvent(decoding: bytes) { _ = event }
            _ = try? RecordedEvent.caseId(ofStored: bytes)
        case .records:
            _ = try? CaseRecord(decoding: bytes)
            _ = try? Directory(decoding: bytes)
            _ = try? ProjectionCheckpoint(decoding: bytes)
            _ = try? OpenActionEntry(caseId: CaseID(rawValue: "EH-2023-000001"), decoding: bytes)
            // A stream's index value: its head seq, then its state.
            if bytes.count > 8 { _ = try? StreamStateCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[8...])) }
            _ = try? AccessEntry(decoding: bytes, seq: 1)
            // A witness's fork evidence: what reads prints back to the same.
            if let evidence = try? WitnessEvidence(json: Array(bytes)) {
                check((try? WitnessEvidence(json: evidence.json)) == evidence, "evidence reads back from its JSON")
            }
        case .journal:
            for newest in [true, false] {
                var found: [AccessEntry] = []
                try? AccessJournal.read(bytes, segment: "fuzz", newest: newest, after: 0, into: &found)
                for (previous, entry) in zip(found, found.dropFirst()) {
                    check(entry.seq == previous.seq + 1 && entry.prevHash == previous.hash, "read entries chain")
                }
            }
        }
    }

    private func check(_ condition: Bool, _ property: StaticString) {
        if !condition { fatalError("\(rawValue): \(property)") }
    }
}
