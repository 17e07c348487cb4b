/// A C2SP signed note (VERIFIABLE_LOG.md §2): text ending in a newline, a blank line, then
/// signature lines `— <name> <base64(key ID || signature)>`.
public struct SignedNote: Sendable, Equatable {
    /// One signature line of a note.
    public struct Signature: Sendable, Equatable {
        /// The signer's key name.
        public var name: String
        /// The signer's key ID: with the name, which verifier key to try.
        public var keyID: UInt32
        /// What follows the key ID: the Ed25519 signature, or for a cosignature the
        /// timestamp and then the signature.
        public var payload: [UInt8]

        /// A line of these parts (its name must be a key name: no spaces, no `+`).
        public init(name: String, keyID: UInt32, payload: [UInt8]) {
            self.name = name
            self.keyID = keyID
            self.payload = payload
        }

        /// The line as the note writes it: `— name base64(keyID ‖ payload)` and a newline.
        public var line: String {
            withUnsafeBytes(of: keyID.bigEndian) { id in "— \(name) \(Base64.encode(Array(id) + payload))\n" }
        }
    }

    /// The signed text: its lines, each ending in a newline.
    public let text: String
    /// The signature lines, in order (a witness's cosignature is added to them).
    public internal(set) var signatures: [Signature]

    /// A note of `text` (ending in a newline) with `signatures`.
    public init(text: String, signatures: [Signature] = []) {
        precondition(text.hasSuffix("\n"), "a note's text ends in a newline")
        self.text = text
        self.signatures = signatures
    }

    /// Parses a whole note, as served and as embedded in a proof file.
    public init(parsing note: String) throws(NoteError) {
        // c2sp.org/signed-note: no ASCII control character but the newline. Beyond the spec,
        // this is what keeps the parsing below (by Characters) the same as by bytes: "\r\n"
        // is one Character, so a carriage return would hide the newline after it.
        if let control = note.utf8.first(where: { $0 < 0x20 && $0 != 0x0A }) {
            throw NoteError("a signed note holds no control characters but newlines; found byte 0x\(String(control, radix: 16, uppercase: true))")
        }
        guard let split = note.range(of: "\n\n") else { throw NoteError("a signed note has its text, a blank line, then signatures") }
        let text = String(note[..<split.lowerBound]) + "\n"
        var signatures: [Signature] = []
        let rest = note[split.upperBound...]
        guard rest.hasSuffix("\n") else { throw NoteError("a signed note ends in a newline") }
        for line in rest.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("— ") else { throw NoteError("a signature line starts with \"— \": \(line.prefix(40))") }
            let fields = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, isKeyName(fields[0]), let bytes = Base64.decode(fields[1]), bytes.count > 4 else {
                throw NoteError("malformed signature line: \(line.prefix(60))")
            }
            let id = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            signatures.append(Signature(name: String(fields[0]), keyID: id, payload: Array(bytes.dropFirst(4))))
        }
        guard !signatures.isEmpty else { throw NoteError("a signed note has at least one signature") }
        guard !text.contains("\n\n"), !text.hasPrefix("\n") else { throw NoteError("a note's text has no blank lines") }
        // The pair of `init(text:signatures:)`'s precondition, checked where input reaches it.
        guard text.utf8.last == 0x0A else { throw NoteError("a note's text ends in a newline") }
        self.init(text: text, signatures: signatures)
    }

    /// The note as it is served: text, blank line, signature lines.
    public var serialized: String { text + "\n" + signatures.map(\.line).joined() }

    /// Adds `signer`'s signature of the text.
    public mutating func sign(with signer: NoteSigner) throws {
        let signature = try signer.sign(Array(text.utf8))
        signatures.append(Signature(name: signer.name, keyID: signer.verifier.keyID, payload: signature))
    }

    /// Whether `verifier` (a log's key) signed this text. A signature line of that key
    /// that does not verify makes the note invalid (thrown), not merely unsigned.
    public func isSigned(by verifier: NoteVerifier) throws(NoteError) -> Bool {
        let lines = signatures.filter { $0.name == verifier.name && $0.keyID == verifier.keyID }
        guard !lines.isEmpty else { return false }
        for line in lines where !(line.payload.count == 64 && verifier.isValid(line.payload, for: Array(text.utf8))) {
            throw NoteError("the signature of \(verifier.name) does not verify")
        }
        return true
    }
}
