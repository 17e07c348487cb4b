import Foundation
import Testing

@testable import Ledger

/// How input files are read, line by line: what Windows tools add is tolerated where the JSON
/// standard allows it, and what cannot be input is said plainly.
@Suite struct NDJSONReaderTests {
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    private static func lines(of bytes: [UInt8]) throws -> [String] {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/in.ndjson"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try NDJSONReader(path: path)
        var lines: [String] = []
        while let line = try reader.nextLine({ String(decoding: $0, as: UTF8.self) }) { lines.append(line) }
        return lines
    }

    /// RFC 8259 §8.1 lets a parser ignore a byte order mark; Notepad and PowerShell write one.
    @Test func aByteOrderMarkAtTheStartIsSkipped() throws {
        #expect(try Self.lines(of: Self.bom + Array("{\"a\":1}\r\n{\"b\":2}\n".utf8)) == ["{\"a\":1}\r", "{\"b\":2}"])
        #expect(try Self.lines(of: Self.bom) == [])
        #expect(try Self.lines(of: Array([0xEF, 0xBB]) + Array("x\n".utf8)).first?.utf8.first == 0xEF, "only the whole mark")
    }

    /// Anywhere else it is a byte of the line, which the parser then refuses by its value.
    @Test func aByteOrderMarkElsewhereStaysAndIsNamedByItsValue() throws {
        let lines = try Self.lines(of: Array("{}\n".utf8) + Self.bom + Array("{}\n".utf8))
        #expect(lines.count == 2 && Array(lines[1].utf8.prefix(3)) == Self.bom)
        #expect {
            try JSONParser.parse(Array(lines[1].utf8))
        } throws: { error in
            "\(error)".contains("unexpected byte 0xEF")
        }
        #expect { try JSONParser.parse(Array("\u{01}".utf8)) } throws: { "\($0)".contains("unexpected byte 0x01") }
        #expect { try JSONParser.parse(Array("x".utf8)) } throws: { "\($0)".contains("unexpected character 'x'") }
    }

    @Test func aDirectoryIsNotInput() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect { _ = try NDJSONReader(path: dir.path) } throws: { "\($0)".contains("it is a directory") }
    }
}
