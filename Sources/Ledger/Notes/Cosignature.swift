/// Witness cosignatures of checkpoints (c2sp.org/tlog-cosignature, VERIFIABLE_LOG.md §4):
/// the witness signs `cosignature/v1\ntime <t>\n` followed by the checkpoint's note text,
/// and its signature line carries the 8-byte big-endian time before the signature.
extension SignedNote {
    /// The statement a witness signs at `time` (seconds since the epoch, non-zero).
    static func cosignedMessage(_ text: String, time: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(time)\n".utf8) + Array(text.utf8)
    }

    /// Adds `witness`'s cosignature at `time`.
    public mutating func cosign(with witness: NoteSigner, time: UInt64) throws {
        precondition(witness.verifier.type == .cosignature && time > 0)
        let signature = try witness.sign(Self.cosignedMessage(text, time: time))
        let stamp = withUnsafeBytes(of: time.bigEndian) { Array($0) }
        signatures.append(Signature(name: witness.name, keyID: witness.verifier.keyID, payload: stamp + signature))
    }

    /// Whether `witness` cosigned this note; a line of its key that does not verify throws.
    public func isCosigned(by witness: NoteVerifier) throws(NoteError) -> Bool {
        let lines = signatures.filter { $0.name == witness.name && $0.keyID == witness.keyID }
        guard !lines.isEmpty else { return false }
        for line in lines {
            guard line.payload.count == 72 else { throw NoteError("the cosignature of \(witness.name) is malformed") }
            let time = line.payload.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard time > 0, witness.isValid(Array(line.payload.dropFirst(8)), for: Self.cosignedMessage(text, time: time)) else {
                throw NoteError("the cosignature of \(witness.name) does not verify")
            }
        }
        return true
    }

    /// The same note with only `witness`'s cosignature lines, each verified; nil if it has
    /// none. A witness's answer is kept this way (c2sp.org/tlog-witness: the client must
    /// ignore cosignatures from unknown keys), so that a witness cannot add lines in another
    /// key's name, which would make the served checkpoint fail every verifier's check.
    public func cosignatures(of witness: NoteVerifier) throws(NoteError) -> SignedNote? {
        guard try isCosigned(by: witness) else { return nil }
        return SignedNote(text: text, signatures: signatures.filter { $0.name == witness.name && $0.keyID == witness.keyID })
    }

    /// Merges in the signature lines of `other` (the same text) not already here.
    public mutating func merge(_ other: SignedNote) {
        guard other.text == text else { return }
        for signature in other.signatures where !signatures.contains(signature) { signatures.append(signature) }
    }
}
