import Foundation

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
    private var hash: MerkleHash?

    /// A check starting at the log's first event.
    public init() {
        seq = 0
        hash = MerkleHash(ChainHead.empty.hash)
    }

    /// A check of events from `seq + 1` on, linked to `hash` (the stored hash of event `seq`),
    /// or, with `hash` nil, checking each event on its own (a stream's events, not adjacent).
    public init(after seq: UInt64, hash: [UInt8]?) {
        self.seq = seq
        self.hash = hash.flatMap { MerkleHash($0) }
    }

    static let hashMember = Array(#","hash":""#.utf8)
    /// A check of events from `seq + 1` on, linked to `hash`.
    init(after seq: UInt64, linkingTo hash: MerkleHash) {
        self.seq = seq
        self.hash = hash
    }

    /// The hash of the last event checked, when checking a run of linked events.
    var lastHash: MerkleHash? { hash }

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
        let computed = previous.withUnsafeBytes { previous in
            DirectSHA256.hash(
                previous, UnsafeRawBufferPointer(rebasing: bytes[..<hashAt]), UnsafeRawBufferPointer(rebasing: bytes[hashEnd...]))
        }
        guard computed == stored else { throw fail("hash does not match the event's content") }
        seq = key
        if hash != nil { hash = computed }
    }

    /// 32 bytes from the 64 lowercase hex digits at `start`, if they are there.
    static func hexDigest(_ bytes: UnsafeRawBufferPointer, at start: Int) -> MerkleHash? {
        guard start >= 0, start + 64 <= bytes.count, let base = bytes.baseAddress else { return nil }
        var out = MerkleHash.zero
        let valid = out.withUnsafeMutableBytes { target -> Bool in
            let digits = base + start
            var bad: UInt8 = 0
            for i in 0..<32 {
                let high = nibbles[Int(digits.load(fromByteOffset: 2 * i, as: UInt8.self))]
                let low = nibbles[Int(digits.load(fromByteOffset: 2 * i + 1, as: UInt8.self))]
                bad |= (high | low) & 0xF0
                target[i] = high << 4 | (low & 0x0F)
            }
            return bad == 0
        }
        return valid ? out : nil
    }

    /// Each byte's hex value (lowercase digits only); 0xFF for anything else.
    private static let nibbles: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        default: 0xFF
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

    /// The first occurrence of `needle`, found by `memchr` on its third byte (for the members
    /// here, a letter rarer in JSON than its leading `,"`): export checks every event with it,
    /// and a byte-by-byte scan was most of that check's time.
    static func firstIndex(of needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, needle.count >= 3, bytes.count >= needle.count else { return nil }
        let pivot = needle[2]
        var from = 2
        while from < bytes.count {
            guard let found = memchr(base + from, Int32(pivot), bytes.count - from) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(found)) - 2
            if at + needle.count <= bytes.count, matches(needle, in: bytes, at: at) { return at }
            from = at + 3
        }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, bytes.count >= needle.count else { return nil }
        let first = needle[0]
        var i = bytes.count - needle.count
        while i >= 0 {
            if base.load(fromByteOffset: i, as: UInt8.self) == first, matches(needle, in: bytes, at: i) { return i }
            i -= 1
        }
        return nil
    }

    private static func matches(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        guard let base = bytes.baseAddress, i >= 0, i + needle.count <= bytes.count else { return false }
        return needle.withUnsafeBytes { memcmp(base + i, $0.baseAddress!, needle.count) == 0 }
    }
}
