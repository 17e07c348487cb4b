import ArgumentParser
import Foundation
import Ledger

/// Where the log's signing key is: `--signing-key FILE`, else `log.key` in the data
/// directory, created there on first use. Beside it, `<key>.checkpoint` records the last
/// checkpoint the key signed, so a restored data directory cannot make it sign a fork.
struct LogKeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The log's signing key (PRIVATE+KEY+… text, mode 0600). Default: log.key in the data directory.", valueName: "file"))
    var signingKey: String?

    static let defaultFileName = "log.key"

    func path(in data: DataOptions) -> String { signingKey ?? data.path + "/" + Self.defaultFileName }

    /// The default origin for a log whose key is made on first use: names the machine.
    static var defaultOrigin: String {
        let host = ProcessInfo.processInfo.hostName.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
        return "ledgerd.localhost/" + (host.isEmpty ? "ledger" : String(String.UnicodeScalarView(host)))
    }

    /// The key, made (with `defaultOrigin`) if it is the data directory's and absent.
    func signer(in data: DataOptions) throws -> (signer: NoteSigner, record: String) {
        let path = path(in: data)
        if let bytes = try AtomicFile.read(path) {
            try Self.requirePrivate(path)
            do {
                return (try NoteSigner(parsing: String(decoding: bytes, as: UTF8.self)), path + ".checkpoint")
            } catch {
                throw CLIError(.invalid, "\(path) is not a signing key: \(error)")
            }
        }
        guard signingKey == nil else { throw CLIError(.storage, "no signing key at \(path) (from --signing-key)") }
        return (try Self.create(at: path, origin: Self.defaultOrigin), path + ".checkpoint")
    }

    /// Makes a new log key named `origin` at `path`; refuses to replace one.
    static func create(at path: String, origin: String) throws -> NoteSigner {
        guard try AtomicFile.read(path) == nil else { throw CLIError(.refused, "\(path) already holds a key: a log keeps its key for life") }
        let signer: NoteSigner
        do { signer = try NoteSigner(name: origin, type: .ed25519) } catch { throw CLIError(.invalid, "--origin: \(error)") }
        try AtomicFile.write(Array((signer.privateText + "\n").utf8), to: path)
        return signer
    }

    /// A key file others can read is refused: it is the log's one secret.
    static func requirePrivate(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { throw CLIError(.storage, "cannot stat \(path)") }
        guard status.st_mode & 0o077 == 0 else {
            throw CLIError(.storage, "\(path) is readable by others (mode \(String(status.st_mode & 0o777, radix: 8))): chmod 600 it")
        }
    }
}
