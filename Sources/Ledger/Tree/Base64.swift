import Foundation

/// RFC 4648 §4 base64 (standard alphabet, padded), as signed notes and proofs use it.
public enum Base64 {
    /// `bytes` in padded standard base64.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }

    /// The bytes `text` spells, or nil unless it is canonical padded base64 (re-encoding
    /// gives the same text: no whitespace, no missing padding, no stray bits).
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard let data = Data(base64Encoded: String(text)) else { return nil }
        let bytes = [UInt8](data)
        return encode(bytes) == text ? bytes : nil
    }
}
