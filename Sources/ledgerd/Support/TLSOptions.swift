import ArgumentParser

/// `--tls-cert FILE --tls-key FILE`: serve HTTPS, for the daemon (`serve`, `start`) and for a
/// witness (`witness serve`) alike. Both or neither.
struct TLSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The PEM private key for --tls-cert; mode 0600 (no group or other access).", valueName: "file"))
    var tlsKey: String?

    func validate() throws {
        switch (tlsCert, tlsKey) {
        case (.some, nil): throw ValidationError("--tls-cert needs --tls-key: the certificate's private key")
        case (nil, .some): throw ValidationError("--tls-key needs --tls-cert: the certificate chain it belongs to")
        default: break
        }
    }

    /// The certificate and key, read and checked; nil for plain HTTP. Called before anything
    /// slow, so a wrong file is reported at once.
    func load() throws -> TLSFiles? {
        guard let tlsCert, let tlsKey else { return nil }
        return try TLSFiles(certificate: tlsCert, key: tlsKey)
    }
}
