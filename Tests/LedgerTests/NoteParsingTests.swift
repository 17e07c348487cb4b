import Foundation
import Testing

@testable import Ledger

/// Signed notes, checkpoints and tile paths from outside (a witness's body, a kept checkpoint,
/// a proof file, a URL) are refused with a reason, never trapped on. The inputs here are
/// libFuzzer's finds (`Fuzz/run note`, `Fuzz/run tile`) and their everyday forms.
@Suite struct NoteParsingTests {
    static let checkpoint = """
        example.org/ledger
        71997
        IXLsbQuJHaHB/e4PMvB8aYkShmUqs8Kajh2g+M3FJaQ=

        \u{2014} example.org/ledger 3JSQ8pTRbgozUTBo9sCyuXGp0RsFsAjQL96rR7PrkO1nOniAGP8tekIsr11Z4rEtXEV7LvjMUasuq+hxsr+5O0FZAAQ=

        """

    @Test func aNoteParsesAndPrintsBackTheSame() throws {
        let note = try SignedNote(parsing: Self.checkpoint)
        #expect(note.serialized == Self.checkpoint)
        #expect(try Checkpoint(text: note.text).size == 71997)
    }

    @Test func carriageReturnsAreRefusedNotTrappedOn() throws {
        // The fuzzer's input: "\r\n" is one Character, so the text before the blank line
        // ended in "\r\n", not "\n", and reached `init(text:)`'s precondition.
        let found = "lJa\r\n\n\u{2014} eg\u{FFFD}xr/\u{FFFD})\u{FFFD}\u{FFFD} 3JSQ9sCy\n"
        #expect(throws: NoteError("a signed note holds no control characters but newlines; found byte 0xD")) {
            _ = try SignedNote(parsing: found)
        }
        // A checkpoint saved by an editor with Windows line ends.
        #expect(throws: NoteError.self) { _ = try SignedNote(parsing: Self.checkpoint.replacingOccurrences(of: "\n", with: "\r\n")) }
        // Any other control character too (c2sp.org/signed-note allows only the newline).
        for control in ["\u{0}", "\t", "\u{1B}", "\u{7}"] {
            #expect(throws: NoteError.self) { _ = try SignedNote(parsing: Self.checkpoint.replacingOccurrences(of: "71997", with: "71997" + control)) }
        }
        // The same reaches a witness through its body, and an auditor through a proof file.
        #expect(throws: NoteError.self) { _ = try AddCheckpointRequest(parsing: "old 0\n\n" + found) }
        let log = try NoteVerifier(parsing: "example.org/ledger+dc9490f2+AY5ymCdckpCHJ2LvpjnTcmhJaMWU4Wc6VtXprxTD6vF9")
        #expect(throws: NoteError.self) {
            _ = try TLogProof(parsing: "c2sp.org/tlog-proof@v1\nindex 0\n\n" + found).verify(entry: [0x7B, 0x7D], log: log)
        }
    }

    @Test func aTileHasOneAddress() {
        // The fuzzer's find: `x000/000.p/255` was tile 0 as well as `000.p/255`.
        for alias: [Substring] in [["x000", "000.p", "255"], ["x000", "067"], ["x000", "x001", "067"]] {
            #expect(TileCoordinates.parse(alias) == nil, "\(alias)")
        }
        for index: Int64 in [0, 1, 999, 1000, 1_000_000, 123_456_789] {
            for width in [nil, 1, 255] as [Int?] {
                let path = TileCoordinates.path(index, width: width)
                let parsed = TileCoordinates.parse(path.split(separator: "/"))
                #expect(parsed?.index == index && parsed?.width == width, "\(path)")
            }
        }
    }
}
