import Foundation
import Ledger
import NIOSSL

/// The daemon's certificate chain and private key (`serve --tls-cert FILE --tls-key FILE`),
/// read and checked before anything listens, so that a wrong file is one clear line on
/// stderr at start rather than a failed handshake for every client later.
///
/// Every problem is a `CLIError` naming the file, the option it came from and what is wrong
/// (exit 1, as for the log's signing key). Key material is never printed: messages name the
/// PEM block labels found, never their contents.
struct TLSFiles: Sendable {
    let certificatePath: String
    let keyPath: String
    /// Minimum TLS 1.2, ALPN http/1.1, NIOSSL's defaults otherwise.
    let configuration: TLSConfiguration

    init(certificate certificatePath: String, key keyPath: String) throws {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        let cert = "\(certificatePath) (--tls-cert)"
        let key = "\(keyPath) (--tls-key)"

        // The key first: a key others can read is refused before it is even opened.
        try Self.requirePrivate(keyPath, named: key)
        let keyBytes = try Self.read(keyPath, named: key)
        let chainBytes = try Self.read(certificatePath, named: cert)

        let chainLabels = PEMLabels(chainBytes)
        guard chainLabels.contains("CERTIFICATE") else {
            throw CLIError(.storage, "\(cert) is not a PEM certificate chain: \(chainLabels.found); expected -----BEGIN CERTIFICATE-----")
        }
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMBytes(chainBytes) } catch {
            throw CLIError(.storage, "\(cert) is not a PEM certificate chain: a CERTIFICATE block does not parse")
        }

        let keyLabels = PEMLabels(keyBytes)
        // BoringSSL would prompt on stdin for an encrypted key's passphrase: a daemon cannot answer.
        guard !keyLabels.isEncrypted else {
            throw CLIError(.storage, "\(key) is encrypted; the daemon needs it unencrypted (e.g. `openssl pkey -in \(keyPath) -out KEY`, then chmod 600 KEY)")
        }
        guard keyLabels.containsPrivateKey else {
            throw CLIError(.storage, "\(key) is not a PEM private key: \(keyLabels.found); expected -----BEGIN PRIVATE KEY-----")
        }
        let privateKey: NIOSSLPrivateKey
        do {
            // A passphrase callback that supplies none: never a prompt, whatever the file says.
            privateKey = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem) { (_: NIOSSLPassphraseSetter<[UInt8]>) in }
        } catch {
            throw CLIError(.storage, "\(key) is not a PEM private key: its PRIVATE KEY block does not parse")
        }

        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["http/1.1"]
        // The context Hummingbird makes per server, made once here: BoringSSL checks the key
        // against the leaf certificate as it loads it.
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch NIOSSLError.failedToLoadPrivateKey {
            throw CLIError(.storage, "the private key in \(key) does not match the certificate in \(cert)")
        } catch {
            throw CLIError(.storage, "cannot serve TLS with \(cert) and \(key): \(error)")
        }
        self.configuration = configuration
    }

    /// The file's bytes; a missing or unreadable file is named as such.
    static func read(_ path: String, named name: String) throws -> [UInt8] {
        let bytes: [UInt8]?
        do { bytes = try AtomicFile.read(path) } catch let failure as FileIO.Failure {
            throw CLIError(.storage, "cannot read \(name): \(String(cString: strerror(failure.code)))")
        }
        guard let bytes else { throw CLIError(.storage, "no such file: \(name)") }
        return bytes
    }

    /// The key must be the daemon's alone: any group or other permission bit is refused.
    private static func requirePrivate(_ path: String, named name: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            throw CLIError(.storage, code == ENOENT ? "no such file: \(name)" : "cannot read \(name): \(String(cString: strerror(code)))")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw CLIError(
                .storage,
                "\(name) is open to group or others (mode \(String(format: "%04o", mode))); a private key must not be: chmod 600 \(path)")
        }
    }
}
