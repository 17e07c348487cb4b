/// The newest event's position and hash: what the next event chains to.
public struct ChainHead: Sendable, Equatable {
    /// 0 for an empty ledger.
    public var seq: UInt64
    /// 32 zero bytes for an empty ledger (the `prevHash` of seq 1).
    public var hash: [UInt8]
    /// The newest event's `recordedAt`: the next transaction's clock never goes below it, so
    /// `recordedAt` never decreases along the log.
    public var recordedAt: Timestamp

    /// The head of a ledger with no events: seq 0, the all-zero hash and the epoch.
    public static let empty = ChainHead(seq: 0, hash: [UInt8](repeating: 0, count: 32), recordedAt: Timestamp(microseconds: 0))

    /// `hash` as the contract writes it: 64 lowercase hex digits.
    public var hashHex: String { Hex.encode(hash) }

    init(seq: UInt64, hash: [UInt8], recordedAt: Timestamp) {
        precondition(hash.count == 32)
        self.seq = seq
        self.hash = hash
        self.recordedAt = recordedAt
    }
}

/// Lowercase hexadecimal, as the contract writes hashes.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `bytes` as lowercase hex, two digits a byte (a hash becomes 64 digits).
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        append(Array(bytes), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: bytes.count * 2))
        out.withUnsafeMutableBufferPointer { write(bytes, to: $0, at: start) }
    }

    /// Writes the digits of `bytes` over `buffer[start ..< start + 2 * bytes.count]`.
    static func write(_ bytes: [UInt8], to buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        precondition(start >= 0 && start + 2 * bytes.count <= buffer.count)
        digits.withUnsafeBufferPointer { digits in
            for (i, byte) in bytes.enumerated() {
                buffer[start + 2 * i] = digits[Int(byte >> 4)]
                buffer[start + 2 * i + 1] = digits[Int(byte & 0x0F)]
            }
        }
    }

    /// Decodes exactly 64 lowercase hex digits into 32 bytes.
    public static func decodeHash(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<64 {
            let b = utf8[i]
            let v: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = b - UInt8(ascii: "a") + 10
            default: return nil
            }
            out[i / 2] |= i % 2 == 0 ? v << 4 : v
        }
        return out
    }
}
