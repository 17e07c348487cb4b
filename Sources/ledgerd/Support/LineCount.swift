import Foundation
import Ledger

/// The number of non-blank lines of an NDJSON file (the requests of an import, the events
/// of an export): the total a progress line shows. Read once ahead of the work, only when
/// progress is shown; a few hundred megabytes a second, so a small part of any import.
enum LineCount {
    /// Non-blank lines of `path` (as `NDJSONReader` skips blank ones); nil if it cannot be
    /// read: the work itself then reports why.
    static func nonBlankLines(_ path: String) -> UInt64? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var count: UInt64 = 0
        var lineHasContent = false
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n: Int
            do {
                n = try chunk.withUnsafeMutableBytes { raw in try FileIO.read(fd, into: raw, "count lines of \(path)") }
            } catch {
                return nil
            }
            if n == 0 { break }
            for byte in chunk[..<n] {
                switch byte {
                case UInt8(ascii: "\n"):
                    if lineHasContent { count += 1 }
                    lineHasContent = false
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    break
                default:
                    lineHasContent = true
                }
            }
        }
        return lineHasContent ? count + 1 : count
    }
}
