import Ledger

extension ChainHead {
    /// `{"hash","recordedAt","seq"}`: what `ledgerd digest` and `GET /digest` give an auditor
    /// to keep, and `verify --digest SEQ:HASH` checks later.
    var digestJSON: String {
        var out: [UInt8] = []
        CanonicalJSON.write(
            .object(
                JSONObject([
                    ("seq", .number(Double(seq))), ("hash", .string(hashHex)),
                    ("recordedAt", .string(seq == 0 ? "" : recordedAt.description)),
                ])), into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
