import Foundation
import Synchronization

/// The data directory holds children's records: its directories are 0700 and its files 0600,
/// whatever the umask. Opening a directory created before this rule tightens it, reporting
/// each change (never widening what an operator narrowed further).
public enum PrivateFiles {
    /// Where each change made is reported: ledgerd routes it to its log at start; by
    /// default it is dropped (a library does not print).
    public static func reportChanges(to sink: @escaping @Sendable (String) -> Void) {
        self.sink.withLock { $0 = sink }
    }

    private static let sink = Mutex<(@Sendable (String) -> Void)?>(nil)

    static func report(_ changes: [String]) {
        guard let sink = sink.withLock({ $0 }) else { return }
        for change in changes { sink("made private: \(change)") }
    }

    /// The mode of every directory in the data directory: owner only.
    public static let directoryMode: mode_t = 0o700
    /// The mode of every file in the data directory: owner read and write only.
    public static let fileMode: mode_t = 0o600

    /// Creates `path` (and its missing parents) 0700, or tightens it if it exists.
    public static func directory(_ path: String, tightened: inout [String]) throws(LedgerError) {
        var status = stat()
        if stat(path, &status) != 0 {
            guard errno == ENOENT else { throw failure("stat", path) }
            let parent = PathParent.of(path)
            if !parent.isEmpty, parent != path, stat(parent, &status) != 0 {
                guard errno == ENOENT else { throw failure("stat", parent) }
                try directory(parent, tightened: &tightened)
            }
            if mkdir(path, directoryMode) != 0, errno != EEXIST {
                if errno == ENOSPC || errno == EDQUOT { throw .noSpace(path: path) }
                throw failure("create directory", path)
            }
            // mkdir's mode is filtered by the umask, which may only narrow 0700 further.
            return
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw .storage(operation: "open \(path)", code: ENOTDIR, message: "\(path) is not a directory")
        }
        try tighten(path, status, to: directoryMode, &tightened)
    }

    /// Tightens the existing file `path` to 0600 (a missing one is left to its creator).
    public static func file(_ path: String, tightened: inout [String]) throws(LedgerError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return }
            throw failure("stat", path)
        }
        try tighten(path, status, to: fileMode, &tightened)
    }

    private static func tighten(_ path: String, _ status: stat, to mode: mode_t, _ tightened: inout [String]) throws(LedgerError) {
        let current = status.st_mode & 0o777
        // Only bits beyond the private mode are removed: an owner-read-only file stays so.
        guard current & ~mode != 0 else { return }
        let private_ = current & mode
        guard chmod(path, private_) == 0 else { throw failure("chmod", path) }
        tightened.append("\(path): \(String(current, radix: 8)) → \(String(private_, radix: 8))")
    }

    private static func failure(_ operation: String, _ path: String) -> LedgerError {
        let code = errno
        return .storage(operation: "\(operation) \(path)", code: code, message: String(cString: strerror(code)))
    }
}
