import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdTesting
import NIOCore
import Testing

@testable import ledgerd

/// The client the daemon posts checkpoints to witnesses with: every shape of reply a server
/// may send is read whole or refused with a message naming the URL, within one deadline, and
/// over HTTPS the certificate is checked against the host.
@Suite struct WitnessHTTPClientTests {
    /// The deadline of the tests that are not about deadlines: long, because the whole suite's
    /// blocking tests can keep this process's async tasks waiting for seconds.
    static let patient = TimeAmount.seconds(120)

    @Test func urlsAreParsedOrRefused() {
        typealias T = WitnessHTTPClient.Target
        #expect(WitnessHTTPClient.target("http://127.0.0.1:8081") == T(secure: false, host: "127.0.0.1", port: 8081, path: "/"))
        #expect(WitnessHTTPClient.target("https://witness.example.org/w/add-checkpoint")
            == T(secure: true, host: "witness.example.org", port: 443, path: "/w/add-checkpoint"))
        #expect(WitnessHTTPClient.target("http://[::1]:9/x") == T(secure: false, host: "::1", port: 9, path: "/x"))
        #expect(WitnessHTTPClient.target("https://[::1]")?.authority == "[::1]")
        #expect(WitnessHTTPClient.target("https://w.example:8443")?.authority == "w.example:8443")
        for bad in [
            "ftp://w.example", "w.example:80", "http://", "http://:80", "http://w.example:0", "http://w.example:65536",
            "http://w.example:8o", "http://user:pw@w.example", "http://w.example/a b", "http://w.example/\u{7}",
            "http://[::1", "http://[::1]x", "http://w.example/#frag",
        ] {
            #expect(WitnessHTTPClient.target(bad) == nil, "\(bad) was accepted")
        }
    }

    @Test func readsASizedReplyAndSendsWhatAWitnessExpects() async throws {
        let server = try CannedHTTPServer(pieces: ["HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n"])
        defer { server.close() }
        let reply = try await WitnessHTTPClient(https: false, timeout: Self.patient).post("http://127.0.0.1:\(server.port)/add-checkpoint", body: "old 0\n\n")
        #expect(reply.status == 200 && reply.body == "hello\n")
        let request = try #require(server.requests.first)
        #expect(request.hasPrefix("POST /add-checkpoint HTTP/1.1\r\n"), "\(request)")
        #expect(request.contains("Host: 127.0.0.1:\(server.port)\r\n") && request.contains("Content-Length: 7\r\n"), "\(request)")
        #expect(request.hasSuffix("\r\n\r\nold 0\n\n"), "\(request)")
    }

    /// One connection carries a witness's exchanges one after another (the protocol asks
    /// clients to keep alive); a server that drops the connection between them is reported as
    /// such (to reconnect at once), and one that says `Connection: close` is not asked again.
    @Test func aConnectionIsKeptAliveAcrossExchanges() async throws {
        let client = try WitnessHTTPClient(https: false, timeout: Self.patient)
        let keeping = try CannedHTTPServer(pieces: ["HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"], keepAlive: true)
        defer { keeping.close() }
        let bodies = try await client.withConnection(to: "http://127.0.0.1:\(keeping.port)/w") { connection in
            var bodies: [String] = []
            for i in 0..<3 {
                bodies.append(try await connection.post("/w/add-checkpoint", body: "old \(i)\n").body)
                #expect(!connection.isClosing)
            }
            return bodies
        }
        #expect(bodies == ["ok\n", "ok\n", "ok\n"])
        #expect(keeping.accepted == 1 && keeping.requests.count == 3, "\(keeping.accepted) connections, \(keeping.requests.count) requests")
        #expect(keeping.requests.last?.hasPrefix("POST /w/add-checkpoint HTTP/1.1\r\n") == true)
        #expect(keeping.requests.last?.hasSuffix("\r\n\r\nold 2\n") == true)

        // Answers once, then closes without saying so: the next exchange on that connection is stale.
        let dropping = try CannedHTTPServer(pieces: ["HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"])
        defer { dropping.close() }
        try await client.withConnection(to: "http://127.0.0.1:\(dropping.port)") { connection in
            #expect(try await connection.post("/add-checkpoint", body: "x").status == 200)
            try await Task.sleep(for: .milliseconds(200))
            await #expect {
                _ = try await connection.post("/add-checkpoint", body: "x")
            } throws: { error in
                (error as? WitnessHTTPClient.Failure)?.isStaleConnection == true && "\(error)".contains("closed the idle connection")
            }
        }

        // Says it closes: not asked again on that connection.
        let closing = try CannedHTTPServer(pieces: ["HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nok\n"])
        defer { closing.close() }
        try await client.withConnection(to: "http://127.0.0.1:\(closing.port)") { connection async throws in
            #expect(try await connection.post("/add-checkpoint", body: "x").body == "ok\n")
            #expect(connection.isClosing)
            await #expect {
                _ = try await connection.post("/add-checkpoint", body: "x")
            } throws: { error in
                (error as? WitnessHTTPClient.Failure)?.isStaleConnection == false && "\(error)".contains("closed this connection")
            }
        }
        #expect(closing.accepted == 1 && closing.requests.count == 1)
    }

    /// Chunked bodies (what a proxy in front of a witness may send), after an interim 100,
    /// and a reply that ends with the connection rather than a length.
    @Test func readsChunkedInterimAndCloseDelimitedReplies() async throws {
        let chunked = try CannedHTTPServer(
            pieces: [
                "HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                "6\r\n\u{2014} w \r\n", "5\r\nAAAA\n\r\n0\r\n\r\n",
            ], pause: 0.05)
        defer { chunked.close() }
        let reply = try await WitnessHTTPClient(https: false, timeout: Self.patient).post("http://127.0.0.1:\(chunked.port)", body: "x")
        #expect(reply.status == 200 && reply.body == "\u{2014} w AAAA\n", "\(reply)")

        let closing = try CannedHTTPServer(pieces: ["HTTP/1.1 409 Conflict\r\nContent-Type: text/x.tlog.size\r\n\r\n", "12\n"], pause: 0.05)
        defer { closing.close() }
        let conflict = try await WitnessHTTPClient(https: false, timeout: Self.patient).post("http://127.0.0.1:\(closing.port)", body: "x")
        #expect(conflict.status == 409 && conflict.body == "12\n" && conflict.headers["content-type"] == ["text/x.tlog.size"])
    }

    @Test func refusesOversizedCutOffAndMalformedReplies() async throws {
        let client = WitnessHTTPClient.self
        let big = String(repeating: "a", count: client.maximumBody + 1)
        let cases: [(pieces: [String], says: String)] = [
            (["HTTP/1.1 200 OK\r\nContent-Length: \(big.utf8.count)\r\n\r\n" + big], "more than \(client.maximumBody) bytes"),
            (["HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"], "127.0.0.1"),
            (["HTTP/1.1 200 OK\r\nContent-Len"], "127.0.0.1"),
            (["SSH-2.0-OpenSSH_9.6\r\n"], "127.0.0.1"),
        ]
        for (pieces, says) in cases {
            let server = try CannedHTTPServer(pieces: pieces)
            defer { server.close() }
            let url = "http://127.0.0.1:\(server.port)/add-checkpoint"
            await #expect {
                _ = try await WitnessHTTPClient(https: false, timeout: Self.patient).post(url, body: "x")
            } throws: { error in
                "\(error)".contains(says) && "\(error)".contains(url)
            }
        }
    }

    /// A server that accepts and then says nothing, or drips its reply, is cut off at the
    /// deadline over the whole exchange; a port nobody listens on fails at once.
    @Test func oneDeadlineCoversTheWholeExchange() async throws {
        let silent = try CannedHTTPServer(pieces: [])
        defer { silent.close() }
        let dripping = try CannedHTTPServer(pieces: ["HTTP/1.1 200 OK\r\n"] + Array(repeating: "X-A: b\r\n", count: 40), pause: 0.1)
        defer { dripping.close() }
        let client = try WitnessHTTPClient(https: false, timeout: .milliseconds(600))
        for server in [silent, dripping] {
            await #expect {
                _ = try await client.post("http://127.0.0.1:\(server.port)/add-checkpoint", body: "x")
            } throws: { error in
                "\(error)".contains("did not answer within 0.6 seconds")
            }
            // Timed by the server: the test process's own threads may be busy with other tests.
            let held = try #require(server.firstClientClose(), "the client never hung up")
            #expect(held < 3, "the deadline was not kept: the connection was held \(held) s")
        }
        let nobody = try CannedHTTPServer(pieces: [])
        let port = nobody.port
        nobody.close()
        await #expect {
            _ = try await client.post("http://127.0.0.1:\(port)", body: "x")
        } throws: { error in
            "\(error)".contains("cannot connect to 127.0.0.1:\(port)")
        }
        await #expect {
            _ = try await client.post("https://127.0.0.1:\(port)", body: "x")
        } throws: { error in
            "\(error)".contains("made for HTTP only")
        }
    }

    /// HTTPS against a real TLS server: trusted through the extra roots, by IP address and by
    /// name; refused when the certificate is not trusted or not the host's.
    @Test func httpsChecksTheCertificateAgainstTheHost() async throws {
        let files = TemporaryDirectory()
        defer { files.remove() }
        let (cert, key) = try TLSTests.certificate(in: files)
        let tls = try TLSFiles(certificate: cert, key: key)
        let router = Router()
        router.post("/add-checkpoint") { request, _ -> String in
            let body = try await request.body.collect(upTo: 1024)
            return "cosigned " + String(buffer: body)
        }
        let app = Application(
            router: router, server: try .tls(.http1(), tlsConfiguration: tls.configuration),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let roots = try TrustedCertificates.read(cert, option: "--witness-cacert")
            let trusting = try WitnessHTTPClient(https: true, extraTrustRoots: roots, timeout: Self.patient)
            for host in ["127.0.0.1", "localhost"] {
                let reply = try await trusting.post("https://\(host):\(port)/add-checkpoint", body: "old 0")
                #expect(reply.status == 200 && reply.body == "cosigned old 0", "\(host): \(reply)")
            }
            // The system's roots alone do not know a self-signed certificate.
            await #expect {
                _ = try await WitnessHTTPClient(https: true, timeout: Self.patient).post("https://127.0.0.1:\(port)/add-checkpoint", body: "x")
            } throws: { error in
                "\(error)".contains("https://127.0.0.1:\(port)/add-checkpoint") && "\(error)".lowercased().contains("certificate")
            }
            // Plain HTTP to a TLS port gets no reply.
            await #expect(throws: WitnessHTTPClient.Failure.self) {
                _ = try await WitnessHTTPClient(https: false, timeout: .seconds(2)).post("http://127.0.0.1:\(port)/add-checkpoint", body: "x")
            }
        }

        // A certificate for another name, trusted, is still not this host's.
        let (otherCert, otherKey) = try TLSTests.certificate(in: files, "other", subjectAltName: "DNS:witness.example.org")
        let other = Application(
            router: router, server: try .tls(.http1(), tlsConfiguration: try TLSFiles(certificate: otherCert, key: otherKey).configuration),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await other.test(.live) { client in
            let port = try #require(client.port)
            let trusting = try WitnessHTTPClient(
                https: true, extraTrustRoots: try TrustedCertificates.read(otherCert, option: "--witness-cacert"), timeout: Self.patient)
            for host in ["127.0.0.1", "localhost"] {
                await #expect {
                    _ = try await trusting.post("https://\(host):\(port)/add-checkpoint", body: "x")
                } throws: { error in
                    "\(error)".contains("https://\(host):\(port)")
                }
            }
        }
    }

    @Test func trustRootsFilesAreChecked() throws {
        let files = TemporaryDirectory()
        defer { files.remove() }
        let (cert, key) = try TLSTests.certificate(in: files)
        #expect(try TrustedCertificates.read(cert, option: "--witness-cacert").count == 1)
        let cases: [(path: String, says: String)] = [
            (files.path + "/missing.pem", "no such file"),
            (key, "not a PEM certificate file: it holds PRIVATE KEY"),
            (try files.write("both.pem", [try String(contentsOfFile: cert, encoding: .utf8) + (try String(contentsOfFile: key, encoding: .utf8))]), "holds a private key"),
            (try files.write("junk.pem", ["-----BEGIN CERTIFICATE-----", "bm90IGEgY2VydA==", "-----END CERTIFICATE-----"]), "does not parse"),
        ]
        for (path, says) in cases {
            #expect {
                _ = try TrustedCertificates.read(path, option: "--witness-cacert")
            } throws: { error in
                "\(error)".contains(says) && "\(error)".contains("(--witness-cacert)")
            }
        }
    }
}
