import Foundation
import Testing

/// `serve --tls-cert FILE --tls-key FILE`: the real daemon serves HTTPS that a client checking
/// the certificate accepts (TLS 1.2 or later, plaintext refused), and a wrong, missing or
/// readable-by-others file is refused before anything listens.
@Suite struct TLSTests {
    /// A throwaway self-signed certificate (by default for 127.0.0.1 and localhost), made with
    /// the openssl CLI; its key 0600 as the daemon requires.
    static func certificate(
        in directory: TemporaryDirectory, _ name: String = "server", subjectAltName: String = "IP:127.0.0.1,DNS:localhost"
    ) throws -> (cert: String, key: String) {
        let cert = directory.path + "/\(name).pem"
        let key = directory.path + "/\(name).key"
        let made = try LedgerdProcess.shellOutput(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=\(name)",
                "-addext", "subjectAltName=\(subjectAltName)",
            ])
        try #require(made.status == 0, "openssl req failed: \(made.output)")
        try #require(chmod(key, 0o600) == 0)
        return (cert, key)
    }

    /// `curl ARGS…`: its exit status, and the body followed by a line holding the HTTP status.
    static func curl(_ arguments: [String]) throws -> (status: Int32, body: String, http: Int) {
        let run = try LedgerdProcess.shellOutput("curl", ["-sS", "--max-time", "20", "-w", "\n%{http_code}"] + arguments)
        let http = run.output.split(separator: "\n").last.flatMap { Int($0) } ?? 0
        let body = run.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().joined(separator: "\n")
        return (run.status, body, http)
    }

    /// `openssl s_client` against the daemon with `options`; its combined output.
    static func handshake(_ port: Int, _ options: [String]) throws -> String {
        try LedgerdProcess.shellOutput(
            "timeout", ["20", "openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost"] + options
        ).output
    }

    @Test func servesHTTPSThatAClientCheckingTheCertificateAccepts() throws {
        let files = TemporaryDirectory()
        defer { files.remove() }
        let (cert, key) = try Self.certificate(in: files)
        var r = Requests()
        let daemon = try ServingDaemon(
            lines: r.directory() + [r.caseOpened("c1")], extraArguments: ["--tls-cert", cert, "--tls-key", key])
        #expect(daemon.url == "https://127.0.0.1:\(daemon.port)")
        let base = daemon.url
        let trusting = ["--cacert", cert]

        let health = try Self.curl(trusting + ["\(base)/health"])
        #expect(health.status == 0 && health.http == 200, "\(health)")
        #expect(health.body.contains("\"status\":\"ok\""), "\(health.body)")

        // A token-authenticated view: the CLI's bytes, over TLS.
        let view = try Self.curl(trusting + ["-H", "Authorization: Bearer \(daemon.token("manager"))", "\(base)/cases/c1?on=2025-06-30"])
        let cli = try LedgerdProcess.run(["case", "c1", "--data", daemon.data, "--on", "2025-06-30", "--format", "json"])
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(view.status == 0 && view.http == 200, "\(view)")
        #expect(view.body == cli.stdout, "HTTPS \(view.body.prefix(200)) vs CLI \(cli.stdout.prefix(200))")
        #expect(view.body.contains("\"caseId\":\"c1\""))
        let anonymous = try Self.curl(trusting + ["\(base)/cases/c1"])
        #expect(anonymous.status == 0 && anonymous.http == 401, "\(anonymous)")

        // An append over TLS is acknowledged and recorded.
        let append = try Self.curl(
            trusting + [
                "-X", "POST", "-H", "Authorization: Bearer \(daemon.token("practitioner"))", "-H", "Content-Type: application/json",
                "--data-binary", Requests.withoutStream(r.consent("c1")), "\(base)/streams/case-c1",
            ])
        #expect(append.status == 0 && append.http == 201 && append.body.contains("\"seq\":5"), "\(append)")

        // The certificate is what is checked: untrusted (no --cacert) it is refused (curl 60).
        let untrusted = try Self.curl(["\(base)/health"])
        #expect(untrusted.status == 60 && untrusted.http == 0, "\(untrusted)")

        // Plain HTTP on the TLS port gets no plaintext answer.
        #expect(throws: (any Error).self, "plain HTTP was answered on the TLS port") {
            try daemon.connect().request("GET", "/health", timeout: 10)
        }

        // TLS 1.2 and http/1.1 by ALPN; TLS 1.1 refused by the server (its protocol-version
        // alert; the client is told to allow 1.1 and its old ciphers).
        let tls12 = try Self.handshake(daemon.port, ["-tls1_2", "-alpn", "http/1.1", "-CAfile", cert])
        #expect(tls12.contains("TLSv1.2") && tls12.contains("ALPN protocol: http/1.1"), "\(tls12)")
        #expect(tls12.contains("Verify return code: 0 (ok)"), "\(tls12)")
        let tls11 = try Self.handshake(daemon.port, ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"])
        #expect(tls11.contains("alert protocol version") && tls11.contains("Cipher is (NONE)"), "\(tls11)")

        // Graceful shutdown is the same over TLS; the key never reached the log.
        #expect(daemon.terminate() == 0)
        let log = (try? String(contentsOfFile: daemon.directory.path + "/serve.log", encoding: .utf8)) ?? ""
        #expect(!log.contains(try Self.keyBody(key)))
    }

    /// The base64 body of a PEM key (its second line): what must never appear in output.
    static func keyBody(_ key: String) throws -> String {
        let text = try String(contentsOfFile: key, encoding: .utf8)
        return try #require(text.split(separator: "\n").dropFirst().first.map(String.init))
    }

    @Test func refusesWrongTLSFilesBeforeListening() throws {
        let files = TemporaryDirectory()
        defer { files.remove() }
        let (cert, key) = try Self.certificate(in: files)
        let (_, otherKey) = try Self.certificate(in: files, "other")
        var r = Requests()
        let data = files.path + "/ledger"
        let seeded = try LedgerdProcess.run(["import", "--data", data, try files.write("seed.ndjson", r.directory())])
        try #require(seeded.status == 0, "\(seeded.stderr)")

        let readable = files.path + "/readable.key"
        try FileManager.default.copyItem(atPath: key, toPath: readable)
        try #require(chmod(readable, 0o644) == 0)
        let certAsKey = files.path + "/cert-as.key"
        try FileManager.default.copyItem(atPath: cert, toPath: certAsKey)
        try #require(chmod(certAsKey, 0o600) == 0)
        let notPEM = try files.write("not-pem.pem", ["this is not a certificate"])

        let cases: [(arguments: [String], status: Int32, says: [String])] = [
            (["--tls-cert", cert], 64, ["--tls-cert needs --tls-key"]),
            (["--tls-key", key], 64, ["--tls-key needs --tls-cert"]),
            (["--tls-cert", cert, "--tls-key", files.path + "/missing.key"], 1, ["no such file", "missing.key (--tls-key)"]),
            (["--tls-cert", files.path + "/missing.pem", "--tls-key", key], 1, ["no such file", "missing.pem (--tls-cert)"]),
            (["--tls-cert", cert, "--tls-key", readable], 1, ["readable.key (--tls-key)", "mode 0644", "chmod 600 \(readable)"]),
            (["--tls-cert", cert, "--tls-key", otherKey], 1, ["private key in \(otherKey) (--tls-key) does not match the certificate in \(cert)"]),
            (["--tls-cert", notPEM, "--tls-key", key], 1, ["not-pem.pem (--tls-cert) is not a PEM certificate chain", "no PEM block"]),
            (["--tls-cert", cert, "--tls-key", certAsKey], 1, ["cert-as.key (--tls-key) is not a PEM private key", "holds CERTIFICATE"]),
        ]
        let secrets = [try Self.keyBody(key), try Self.keyBody(otherKey)]
        for (arguments, status, says) in cases {
            // `timeout`: a daemon that wrongly started serving ends the test as 124, not a hang.
            let run = try LedgerdProcess.shellOutput(
                "timeout", ["30", LedgerdProcess.binary, "serve", "--data", data, "--port", "0"] + arguments)
            let what = arguments.joined(separator: " ")
            #expect(run.status == status, "serve \(what): exit \(run.status): \(run.output)")
            for text in says { #expect(run.output.contains(text), "serve \(what): \(run.output)") }
            #expect(!run.output.contains("serving"), "serve \(what) listened: \(run.output)")
            for secret in secrets { #expect(!run.output.contains(secret), "serve \(what) printed key material") }
        }

        // `start` takes the same options, and checks them before it makes or loads a ledger.
        let fresh = files.path + "/fresh"
        let start = try LedgerdProcess.shellOutput(
            "timeout", ["30", LedgerdProcess.binary, "start", "--data", fresh, "--port", "0", "--tls-cert", cert, "--tls-key", otherKey])
        #expect(start.status == 1 && start.output.contains("does not match"), "\(start.output)")
        #expect(!FileManager.default.fileExists(atPath: fresh), "start made \(fresh) before refusing its TLS files")
        let alone = try LedgerdProcess.shellOutput("timeout", ["30", LedgerdProcess.binary, "start", "--data", fresh, "--tls-key", key])
        #expect(alone.status == 64 && alone.output.contains("--tls-key needs --tls-cert"), "\(alone.output)")
    }
}
