import Foundation

/// A small file replaced whole or not at all, and durable once `write` returns: written
/// beside itself, flushed, renamed over the old one, and its directory flushed. Private
/// (0600): such files here hold keys and what a key signed.
public enum AtomicFile {
    /// Replaces `path` with `bytes` durably: afterwards the file holds either its old content or
    /// all of `bytes`, never a mix. Throws `FileIO.Failure` naming the step that failed.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileIO.Failure(operation: "create \(temporary)", code: errno) }
        do {
            try bytes.withUnsafeBytes { raw in try FileIO.writeAll(fd, raw, "write \(temporary)") }
            guard fsync(fd) == 0 else { throw FileIO.Failure(operation: "flush \(temporary)", code: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw FileIO.Failure(operation: "rename \(temporary)", code: errno) }
        let directory = PathParent.of(path)
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw FileIO.Failure(operation: "open \(directory)", code: errno) }
        defer { close(dirFD) }
        guard fsync(dirFD) == 0 else { throw FileIO.Failure(operation: "flush \(directory)", code: errno) }
    }

    /// The file's bytes, or nil if there is none.
    public static func read(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw FileIO.Failure(operation: "open \(path)", code: errno)
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { raw in try FileIO.read(fd, into: raw, "read \(path)") }
            if n == 0 { return out }
            guard out.count + n <= 1 << 20 else { throw FileIO.Failure(operation: "read \(path) (over 1 MiB)", code: EFBIG) }
            out.append(contentsOf: chunk[..<n])
        }
    }
}
