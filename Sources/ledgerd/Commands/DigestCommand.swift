import ArgumentParser
import Ledger

struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print the head as {seq, hash, recordedAt} for an auditor to keep.",
        discussion: "Later, `ledgerd verify --digest SEQ:HASH` proves the ledger still holds that exact prefix."
    )

    @OptionGroup var options: DataOptions

    func run() async throws {
        try await reportingErrors {
            let head = try options.openLedger().head()
            var out: [UInt8] = []
            CanonicalJSON.write(
                .object(
                    JSONObject([
                        ("seq", .number(Double(head.seq))), ("hash", .string(head.hashHex)),
                        ("recordedAt", .string(head.seq == 0 ? "" : head.recordedAt.description)),
                    ])), into: &out)
            print(String(decoding: out, as: UTF8.self))
        }
    }
}
