import Crypto

/// The keys of C2SP signed notes (VERIFIABLE_LOG.md §2, §4): a name, a 4-byte key ID
/// derived from it, and an Ed25519 key, in the text forms Go's `golang.org/x/mod/sumdb/note`
/// reads and writes.
public enum NoteKeyType: UInt8, Sendable {
    /// A log's key, signing its checkpoints (c2sp.org/signed-note, Ed25519).
    case ed25519 = 0x01
    /// A witness's key, signing cosignature/v1 statements (c2sp.org/tlog-cosignature).
    case cosignature = 0x04
}

/// A malformed key, note or checkpoint; says what was wrong.
public struct NoteError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What was malformed, in words.
    public var description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

/// Whether `name` may name a key: non-empty, no spaces, no `+`, printable.
func isKeyName(_ name: some StringProtocol) -> Bool {
    !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "+" && $0.value != 0x7F }
}

/// SHA-256(name || 0x0A || type || public key)[:4], big-endian.
func noteKeyID(name: String, type: NoteKeyType, publicKey: [UInt8]) -> UInt32 {
    var hasher = SHA256()
    hasher.update(data: Array(name.utf8) + [0x0A, type.rawValue] + publicKey)
    return hasher.finalize().withUnsafeBytes { UInt32(bigEndian: $0.loadUnaligned(as: UInt32.self)) }
}

/// A verifier key: `<name>+<8 hex digits of key ID>+<base64(type || public key)>`.
public struct NoteVerifier: Sendable, Equatable {
    /// The key's name: the log's or witness's origin, which signature lines name.
    public let name: String
    /// The signature algorithm (Ed25519 or a cosignature).
    public let type: NoteKeyType
    /// The key ID a signature line carries, derived from name, type and key.
    public let keyID: UInt32
    /// The raw public key (32 bytes for Ed25519).
    public let publicKey: [UInt8]

    /// Parses a vkey line; the key ID it states must be the one its name and key give.
    public init(parsing text: some StringProtocol) throws(NoteError) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, isKeyName(parts[0]), parts[1].count == 8, let id = UInt32(parts[1], radix: 16),
            let key = Base64.decode(parts[2]), key.count == 33, let type = NoteKeyType(rawValue: key[0])
        else { throw NoteError("not a verifier key (name+keyid+base64 of a type byte and a 32-byte Ed25519 key)") }
        self.init(name: String(parts[0]), type: type, publicKey: Array(key[1...]))
        guard keyID == id else { throw NoteError("the verifier key \(name) states key ID \(parts[1]), but its key's ID is \(hex8(keyID))") }
    }

    init(name: String, type: NoteKeyType, publicKey: [UInt8]) {
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.keyID = noteKeyID(name: name, type: type, publicKey: publicKey)
    }

    /// The vkey line.
    public var text: String { "\(name)+\(hex8(keyID))+\(Base64.encode([type.rawValue] + publicKey))" }

    /// Whether `signature` (64 bytes) is this key's over `message`.
    func isValid(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

/// A signing key, with its private-key text `PRIVATE+KEY+<name>+<key ID>+<base64(type || seed)>`
/// (Go's note format): the file that holds it is the one secret of a log or a witness.
public struct NoteSigner: Sendable {
    /// The verifier key matching this signer, to publish.
    public let verifier: NoteVerifier
    /// The Ed25519 seed (the key itself is rebuilt to sign: it is not `Sendable`).
    private let seed: [UInt8]

    /// A new random key.
    public init(name: String, type: NoteKeyType) throws(NoteError) {
        guard isKeyName(name) else { throw NoteError("\"\(name)\" cannot name a key: no spaces, no +") }
        let key = Curve25519.Signing.PrivateKey()
        seed = Array(key.rawRepresentation)
        verifier = NoteVerifier(name: name, type: type, publicKey: Array(key.publicKey.rawRepresentation))
    }

    /// Parses the private-key text (surrounding whitespace ignored).
    public init(parsing text: some StringProtocol) throws(NoteError) {
        let trimmed = text.split(whereSeparator: \.isWhitespace).first ?? ""
        let parts = trimmed.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", isKeyName(parts[2]), let id = UInt32(parts[3], radix: 16),
            let seed = Base64.decode(parts[4]), seed.count == 33, let type = NoteKeyType(rawValue: seed[0]),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed[1...])
        else { throw NoteError("not a private key (PRIVATE+KEY+name+keyid+base64)") }
        self.seed = Array(key.rawRepresentation)
        verifier = NoteVerifier(name: String(parts[2]), type: type, publicKey: Array(key.publicKey.rawRepresentation))
        guard verifier.keyID == id else { throw NoteError("the private key's stated key ID does not match its key") }
    }

    /// The key's name, which its signature lines carry.
    public var name: String { verifier.name }

    /// The private-key text, for the key's file.
    public var privateText: String {
        "PRIVATE+KEY+\(name)+\(hex8(verifier.keyID))+\(Base64.encode([verifier.type.rawValue] + seed))"
    }

    /// The 64-byte Ed25519 signature of `message`.
    func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: message))
    }
}

func hex8(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
