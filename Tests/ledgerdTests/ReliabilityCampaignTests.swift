import Foundation
import Testing

/// The outsider's reliability campaign, in the short form CI runs on every change: SIGKILLs
/// of appending CLI and daemon processes, byte flips of a data file, and simulated power
/// cuts. Each script checks its own findings with the real binary and exits non-zero on any
/// (a lost or changed acknowledgement, a crash, an undetected change); RELIABILITY.md
/// records the full-length runs.
@Suite(.serialized) struct ReliabilityCampaignTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `python3 scripts/<script> --quick --ledgerd BINARY`; its exit status and output.
    private func campaign(_ script: String) throws -> (status: Int32, output: String) {
        try LedgerdProcess.shellOutput("python3", [Self.root.appendingPathComponent("scripts/" + script).path, "--quick", "--ledgerd", LedgerdProcess.binary])
    }

    @Test func killedAppendersLoseNothing() throws {
        let run = try campaign("campaign/soak_kill.py")
        #expect(run.status == 0, "\(run.output.suffix(3000))")
        #expect(run.output.contains("soak_kill:") && run.output.contains(" 0 lost"), "\(run.output.suffix(2000))")
    }

    @Test func flippedBytesAreDetectedNeverCrashedOn() throws {
        let run = try campaign("campaign/byte_flip.py")
        #expect(run.status == 0, "\(run.output.suffix(3000))")
        #expect(run.output.contains("byte_flip:") && run.output.contains("0 crashed"), "\(run.output.suffix(2000))")
    }

    @Test func simulatedPowerCutsLoseNothingAcknowledged() throws {
        let run = try campaign("powerloss/run.py")
        #expect(run.status == 0, "\(run.output.suffix(3000))")
        #expect(run.output.contains("0 failed"), "\(run.output.suffix(2000))")
    }
}
