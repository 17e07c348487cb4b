import NIOSSL

/// Certificate authorities to trust besides the system's, from a PEM file: a private PKI's
/// roots, for witnesses served over HTTPS with certificates it issued (`--witness-cacert`).
///
/// Read and checked at start, so a wrong file is one clear line on stderr rather than a
/// failed handshake with every witness later.
enum TrustedCertificates {
    /// Every certificate in the PEM file at `path`; `option` names where the path came from.
    static func read(_ path: String, option: String) throws -> [NIOSSLCertificate] {
        let name = "\(path) (\(option))"
        let bytes = try TLSFiles.read(path, named: name)
        let labels = PEMLabels(bytes)
        guard labels.contains("CERTIFICATE") else {
            throw CLIError(.storage, "\(name) is not a PEM certificate file: \(labels.found); expected -----BEGIN CERTIFICATE-----")
        }
        // A key in a file of roots was put there by mistake, and is now readable by whoever reads the roots.
        guard !labels.containsPrivateKey else {
            throw CLIError(.storage, "\(name) holds a private key; give only the certificate authorities' certificates")
        }
        do {
            return try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw CLIError(.storage, "\(name) is not a PEM certificate file: a CERTIFICATE block does not parse")
        }
    }
}
