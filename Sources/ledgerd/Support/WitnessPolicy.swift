import Ledger
import NIOSSL

/// The witnesses a log submits its checkpoints to, from `serve --witness-policy FILE`:
/// lines `witness <vkey> <submission URL prefix>` and `quorum <k>`; `#` starts a comment.
/// A prefix is `http://` or `https://`.
struct WitnessPolicy: Sendable {
    struct Witness: Sendable {
        var verifier: NoteVerifier
        /// `add-checkpoint` is posted to this prefix + `/add-checkpoint`.
        var prefix: String

        /// The request target of `add-checkpoint` on the prefix's host: its path (if any),
        /// then `/add-checkpoint`.
        var addCheckpointPath: String {
            let path = WitnessHTTPClient.target(prefix)?.path ?? "/"
            return (path == "/" ? "" : path) + "/add-checkpoint"
        }
    }

    var witnesses: [Witness]
    /// How many witnesses' cosignatures make a checkpoint count as witnessed.
    var quorum: Int
    /// Certificate authorities trusted for `https://` witnesses besides the system's
    /// (`--witness-cacert`): a private PKI's.
    var extraTrustRoots: [NIOSSLCertificate] = []

    /// Whether any witness is reached over HTTPS.
    var usesHTTPS: Bool { witnesses.contains { $0.prefix.hasPrefix("https://") } }

    /// The client that reaches these witnesses.
    func client() throws -> WitnessHTTPClient {
        try WitnessHTTPClient(https: usesHTTPS, extraTrustRoots: extraTrustRoots)
    }

    /// The policy in `file`.
    init(reading file: String) throws {
        guard let bytes = try AtomicFile.read(file) else { throw CLIError(.storage, "no witness policy at \(file)") }
        try self.init(parsing: String(decoding: bytes, as: UTF8.self), file: file)
    }

    init(parsing text: String, file: String) throws {
        var witnesses: [Witness] = []
        var quorum: Int?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?.trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            func fail(_ why: String) -> CLIError { CLIError(.invalid, "\(file) line \(number + 1): \(why)") }
            switch fields.first {
            case "witness":
                guard fields.count == 3 else { throw fail("expected `witness <vkey> <URL prefix>`") }
                let verifier: NoteVerifier
                do { verifier = try NoteVerifier(parsing: fields[1]) } catch { throw fail("\(error)") }
                guard verifier.type == .cosignature else { throw fail("\(verifier.name) is not a witness key (type 0x04)") }
                guard WitnessHTTPClient.target(String(fields[2])) != nil else {
                    throw fail("\(fields[2]) is not an http:// or https:// URL prefix (e.g. https://witness.example.org)")
                }
                guard !fields[2].contains("?") else { throw fail("\(fields[2]) has a query; a prefix is followed by /add-checkpoint") }
                guard !witnesses.contains(where: { $0.verifier.name == verifier.name }) else { throw fail("witness \(verifier.name) is listed twice") }
                witnesses.append(Witness(verifier: verifier, prefix: String(fields[2]).trimmingSuffix("/")))
            case "quorum":
                guard fields.count == 2, let k = Int(fields[1]), k >= 0 else { throw fail("expected `quorum <k>`") }
                quorum = k
            default:
                throw fail("unknown directive \(fields.first ?? ""): expected witness or quorum")
            }
        }
        let k = quorum ?? witnesses.count
        guard k <= witnesses.count else { throw CLIError(.invalid, "\(file): quorum \(k) is more than the \(witnesses.count) witnesses listed") }
        self.witnesses = witnesses
        self.quorum = k
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var s = self
        while s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        return s
    }
}
