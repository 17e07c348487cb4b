import Crypto

/// A cheap and exact check of stored events as they are read, for every reader that hands
/// the log to someone else (`export`): each event's hash is recomputed over its own stored
/// bytes, its `seq` matches its key, and, read in order, its `prevHash` is its predecessor's
/// hash. Any changed byte of an event is caught, at one SHA-256 per event and no JSON parse.
///
/// It relies on the stored form (canonical JSON, members in RFC 8785 order): `hash` is the
/// first member named so (it follows `actor`, `data` and `eventId`, none of which can hold
/// that name), `prevHash` and `seq` the last (only members without nested objects follow
/// them). `ChainVerifier` is the full check that the stored bytes are canonical.
public struct StoredEventCheck {
    /// The last event checked, and its hash: what the next one must link to.
    public private(set) var seq: UInt64
    private var hash: [UInt8]?

    /// A check starting at the log's first event.
    public init() {
        seq = 0
        hash = ChainHead.empty.hash
    }

    /// A check of events from `seq + 1` on, linked to `hash` (the stored hash of event `seq`),
    /// or, with `hash` nil, checking each event on its own (a stream's events, not adjacent).
    public init(after seq: UInt64, hash: [UInt8]?) {
        self.seq = seq
        self.hash = hash
    }

    private static let hashMember = Array(#","hash":""#.utf8)
    private static let prevHashMember = Array(#","prevHash":""#.utf8)
    private static let seqMember = Array(#","seq":"#.utf8)

    /// Checks the event stored under key `key`; throws naming the seq and what is wrong.
    public mutating func check(key: UInt64, _ bytes: UnsafeRawBufferPointer) throws(VerificationFailure) {
        func fail(_ reason: String) -> VerificationFailure { VerificationFailure(seq: key, reason: reason) }
        guard let first = bytes.first, let last = bytes.last, first == UInt8(ascii: "{"), last == UInt8(ascii: "}") else {
            throw fail("the stored event is not a JSON object")
        }
        guard let hashAt = Self.firstIndex(of: Self.hashMember, in: bytes),
            let stored = Self.hexDigest(bytes, at: hashAt + Self.hashMember.count),
            let prevAt = Self.lastIndex(of: Self.prevHashMember, in: bytes),
            let previous = Self.hexDigest(bytes, at: prevAt + Self.prevHashMember.count),
            let seqAt = Self.lastIndex(of: Self.seqMember, in: bytes)
        else { throw fail("the stored event lacks its hash, prevHash or seq") }
        guard Self.decimal(bytes, at: seqAt + Self.seqMember.count) == key else {
            throw fail("the stored event's seq is not its key \(key)")
        }
        if let hash {
            guard key == seq + 1 else { throw fail("found seq \(key) where \(seq + 1) was expected") }
            guard previous == hash else { throw fail("prevHash does not match the hash of seq \(seq)") }
        }
        // The hash covers the stored bytes less `,"hash":"…"` (9 + 64 + 1 bytes).
        let hashEnd = hashAt + Self.hashMember.count + 65
        guard hashEnd <= bytes.count, bytes[hashEnd - 1] == UInt8(ascii: "\"") else { throw fail("the stored hash is not 64 hex digits") }
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[..<hashAt]))
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[hashEnd...]))
        let computed = hasher.finalize().withUnsafeBytes { Array($0) }
        guard computed == stored else { throw fail("hash does not match the event's content") }
        seq = key
        if hash != nil { hash = computed }
    }

    /// 32 bytes from the 64 lowercase hex digits at `start`, if they are there.
    static func hexDigest(_ bytes: UnsafeRawBufferPointer, at start: Int) -> [UInt8]? {
        guard start >= 0, start + 64 <= bytes.count else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<32 {
            guard let high = nibble(bytes[start + 2 * i]), let low = nibble(bytes[start + 2 * i + 1]) else { return nil }
            out[i] = high << 4 | low
        }
        return out
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// The decimal integer at `start` (at most 19 digits, so it cannot overflow).
    static func decimal(_ bytes: UnsafeRawBufferPointer, at start: Int) -> UInt64? {
        var value: UInt64 = 0
        var i = start
        while i < bytes.count, i - start < 19, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            value = value * 10 + UInt64(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        return i > start ? value : nil
    }

    static func firstIndex(of needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], matches(needle, in: bytes, at: i) { return i }
            i += 1
        }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = bytes.count - needle.count
        while i >= 0 {
            if bytes[i] == needle[0], matches(needle, in: bytes, at: i) { return i }
            i -= 1
        }
        return nil
    }

    private static func matches(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        for j in 0..<needle.count where bytes[i + j] != needle[j] { return false }
        return true
    }
}
