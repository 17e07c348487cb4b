/// An event's client-chosen UUID: the idempotency key.
///
/// Keyed by its 16 bytes, so upper- and lower-case spellings are the same key; the
/// spelling sent is what is recorded.
public struct EventID: Sendable, Hashable, CustomStringConvertible {
    /// The UUID's first 8 bytes, big-endian: with `low`, the eventId index's key.
    public let high: UInt64
    /// The UUID's last 8 bytes, big-endian.
    public let low: UInt64

    /// The UUID whose 16 bytes are `high` then `low`.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses the 8-4-4-4-12 hexadecimal form, either case.
    public init?(parsing text: String) {
        var text = text
        guard let (high, low) = text.withUTF8({ Self.parse($0) }) else { return nil }
        self.high = high
        self.low = low
    }

    private static func parse(_ utf8: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard utf8.count == 36 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var nibbles = 0
        for (i, byte) in utf8.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            if nibbles < 16 { high = high << 4 | value } else { low = low << 4 | value }
            nibbles += 1
        }
        return (high, low)
    }

    /// The key bytes: big-endian, so the index orders like the text.
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            out[i] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i)))
            out[8 + i] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(i)))
        }
        return out
    }

    /// The canonical lowercase 8-4-4-4-12 form (the recorded spelling is the request's own).
    public var description: String {
        String(unsafeUninitializedCapacity: 36) { text in
            // The 32 nibbles, high first, with a dash before the 9th, 13th, 17th and 21st.
            var k = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    text[k] = UInt8(ascii: "-")
                    k += 1
                }
                let word = nibble < 16 ? high : low
                let value = UInt8(truncatingIfNeeded: word >> (60 - 4 * UInt64(nibble % 16))) & 0xF
                text[k] = value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
                k += 1
            }
            return 36
        }
    }

    /// An RFC 9562 version-4 UUID made of `high` and `low`'s bits: the version nibble set
    /// to 4 and the variant bits to `10`, the other 122 bits kept. For IDs drawn from a
    /// random or hashed source (the demo's are hashed from its seed, so reproducible).
    public static func version4(high: UInt64, low: UInt64) -> EventID {
        EventID(high: (high & ~(0xF << 12)) | (0x4 << 12), low: (low & ~(0xC << 60)) | (0x8 << 60))
    }

    /// The eventId rule for schemas: a UUID in 8-4-4-4-12 hex, either case.
    public static let pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
}
