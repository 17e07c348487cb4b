import Foundation
import Testing

@testable import Ledger

/// The witness's key comes from a file: a log's signing key there is refused when the store
/// opens, with what is wrong, rather than trapping on the first checkpoint it would cosign.
@Suite struct WitnessKeyTests {
    @Test func aLogKeyIsRefusedAsTheWitnessKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("witness-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logKey = try NoteSigner(name: "log.example", type: .ed25519)
        #expect(throws: NoteError("log.example is a log's signing key, not a witness's cosignature key")) {
            _ = try WitnessStore(path: directory, signer: logKey, logs: [])
        }
        let witnessKey = try NoteSigner(name: "witness.example", type: .cosignature)
        _ = try WitnessStore(path: directory, signer: witnessKey, logs: [logKey.verifier])
    }
}
