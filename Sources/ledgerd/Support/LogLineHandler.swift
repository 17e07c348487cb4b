import Foundation
import Ledger
import Logging
import Synchronization

/// The daemon's log handler: one line per event on standard error, in the form
/// `2026-11-26T07:00:00.123456Z warning ledgerd: message key=value key=value`, keys sorted.
///
/// Why not swift-log's `StreamLogHandler`: it formats its metadata every time the metadata
/// is *set*, and Hummingbird sets a request id on every request's logger, so a daemon under
/// load spent about 3 % of its CPU formatting metadata for log lines it never wrote. This
/// handler keeps metadata as it is given and formats it only for a line it writes.
struct LogLineHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    /// Where finished lines go (standard error; a test's buffer).
    let sink: @Sendable (String) -> Void

    init(label: String, level: Logger.Level, sink: @escaping @Sendable (String) -> Void = LogLineHandler.standardError) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        var line = "\(Ledger.systemClock()) \(event.level) \(label): \(event.message)"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(Self.quoted("\(value)"))"
        }
        line += "\n"
        sink(line)
    }

    /// A value with spaces, quotes or line breaks is quoted, so every line stays one record
    /// of `key=value` pairs a log shipper can split.
    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return value
        }
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// Lines the daemon could not write to standard error (a full disk under a redirected
    /// log, a closed pipe to a supervisor): counted, and reported in `/metrics` as
    /// `ledgerd_log_write_failures`, since a log cannot log its own failure.
    static let failedWrites = Atomic<Int>(0)

    /// Writes the line in one `write(2)` where it can, so lines from several threads never
    /// interleave; a failed or short write is counted in `failedWrites`.
    @Sendable static func standardError(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            do {
                try FileIO.writeAll(STDERR_FILENO, UnsafeRawBufferPointer(bytes), "write to standard error")
            } catch {
                failedWrites.add(1, ordering: .relaxed)
            }
        }
    }
}
