/// A POSIX ustar archive built in memory (`tar -x` and every archive tool read it): what an
/// HTTP client receives when a response is a set of files (`GET /cases/{id}/audit-pack`).
struct TarArchive {
    private var bytes: [UInt8] = []
    /// Files and directories are dated 0: an archive of the same files is the same bytes.
    private static let block = 512

    /// A path that does not fit ustar's 100-byte name and 155-byte prefix.
    struct PathTooLong: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) is too long for a tar archive's header" }
    }

    mutating func addDirectory(_ path: String) throws {
        try header(path + "/", size: 0, mode: 0o700, type: UInt8(ascii: "5"))
    }

    mutating func addFile(_ path: String, _ contents: [UInt8]) throws {
        try header(path, size: contents.count, mode: 0o600, type: UInt8(ascii: "0"))
        bytes += contents
        bytes += [UInt8](repeating: 0, count: (Self.block - contents.count % Self.block) % Self.block)
    }

    /// The archive, closed by its two zero blocks.
    func finish() -> [UInt8] { bytes + [UInt8](repeating: 0, count: 2 * Self.block) }

    private mutating func header(_ path: String, size: Int, mode: Int, type: UInt8) throws {
        let (prefix, name) = try Self.split(Array(path.utf8), path)
        var h = [UInt8](repeating: 0, count: Self.block)
        func put(_ field: [UInt8], at offset: Int) { h.replaceSubrange(offset..<(offset + field.count), with: field) }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = Array(String(value, radix: 8).utf8)
            return [UInt8](repeating: UInt8(ascii: "0"), count: max(width - 1 - digits.count, 0)) + digits + [0]
        }
        put(name, at: 0)
        put(octal(mode, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(0, width: 12), at: 136)
        h[156] = type
        put(Array("ustar\u{0}00".utf8), at: 257)
        put(prefix, at: 345)
        // The checksum is computed with its own field as eight spaces.
        put([UInt8](repeating: UInt8(ascii: " "), count: 8), at: 148)
        let sum = h.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 7) + [UInt8(ascii: " ")], at: 148)
        assert(h.count == Self.block, "a tar header is one block")
        bytes += h
    }

    /// ustar's prefix/name split at a `/`: name ≤ 100 bytes, prefix ≤ 155.
    private static func split(_ path: [UInt8], _ text: String) throws -> (prefix: [UInt8], name: [UInt8]) {
        if path.count <= 100 { return ([], path) }
        let body = path.last == UInt8(ascii: "/") ? path.dropLast() : path[...]
        for cut in body.indices.reversed() where body[cut] == UInt8(ascii: "/") {
            let prefix = Array(path[..<cut]), name = Array(path[(cut + 1)...])
            if name.count <= 100, prefix.count <= 155 { return (prefix, name) }
            if name.count > 100 { break }
        }
        throw PathTooLong(path: text)
    }
}
