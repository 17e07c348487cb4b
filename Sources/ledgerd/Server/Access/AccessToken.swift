import Crypto
import Ledger

/// A bearer token: what its holder presents, and the digest the data directory keeps instead.
///
/// Tokens carry 160 random bits, so a plain SHA-256 (no salt, no stretching) is enough to
/// make the stored digest useless to whoever reads the data directory: there is no
/// dictionary to search.
enum AccessToken {
    /// Every token starts with this, so one pasted into a log or a chat is recognisable.
    static let prefix = "ldg_"
    static let randomBytes = 20

    /// A fresh token from the system's cryptographic generator.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<randomBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Hex.encode(bytes)
    }

    /// The key a token is stored under.
    static func digest(_ token: some StringProtocol) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// A token as it appears in `Authorization: Bearer …`, or nil if the header is not one.
    static func fromAuthorization(_ header: some StringProtocol) -> Substring? {
        // Compared as bytes: this runs on every request, and the scheme is ASCII.
        let scheme = "bearer ".utf8
        let bytes = header.utf8
        guard bytes.count > scheme.count,
            zip(bytes, scheme).allSatisfy({ (($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0) == $1 })
        else { return nil }
        let token = Substring(header).dropFirst(scheme.count).drop { $0 == " " }
        return token.isEmpty ? nil : token
    }
}
