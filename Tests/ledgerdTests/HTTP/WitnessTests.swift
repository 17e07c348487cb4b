import Foundation
import Ledger
import Testing

/// Witnesses on loopback: the daemon submits every checkpoint to them and keeps their
/// cosignatures; proofs then verify under a quorum; and a witness refuses a fork made with
/// the same key from a copy of the data directory.
@Suite struct WitnessTests {
    @Test func witnessesCosignEveryCheckpointAndRefuseAFork() throws {
        var r = Requests()
        // The log's key first, so the witnesses can be told it.
        let seedDir = TemporaryDirectory()
        defer { seedDir.remove() }
        let (data, logVkey) = try Self.signingLedger(in: seedDir, &r)
        let first = try WitnessProcess(name: "witness-a.example.org", logs: [logVkey])
        let second = try WitnessProcess(name: "witness-b.example.org", logs: [logVkey])
        let policy = try seedDir.write("policy", ["witness \(first.vkey) \(first.url)", "witness \(second.vkey) \(second.url)", "quorum 2"])

        let daemon = try ServingDaemon(lines: [], extraArguments: ["--witness-policy", policy], data: data)
        for i in 0..<4 {
            let appended = try daemon.request("POST", "/streams/case-w\(i)", role: "practitioner", body: Requests.withoutStream(r.caseOpened("w\(i)")))
            #expect(appended.status == 201)
            let seq = try #require((try appended.json() as? [String: Any])?["seq"] as? Int)
            // How soon is `Benchmarks/trust.py`'s figure (p99 ≈ 0.15 s against the 2 s
            // required); here, only that both witnesses cosign on their own.
            let cosigned = try Self.checkpoint(of: daemon, covering: seq, cosignedBy: ["witness-a.example.org", "witness-b.example.org"])
            #expect(cosigned != nil, "seq \(seq) was not cosigned by both witnesses within 20 s")
        }

        // A proof verifies under the quorum of two, with ledgerd and with the independent script.
        try Self.expectProofVerifies(seq: 4, of: daemon, in: seedDir, logVkey: logVkey, witnesses: [first.vkey, second.vkey])
        let script = Self.verifyProofScript

        // The auditor's kit over HTTP: a tar of one case's events, each with a proof that
        // verifies under the witnesses' quorum, and no other case's event.
        let pack = try daemon.request("GET", "/cases/w2/audit-pack", role: "auditor")
        #expect(pack.status == 200 && pack.contentType == "application/x-tar", "\(pack.text.prefix(300))")
        let tarFile = seedDir.path + "/pack.tar"
        #expect(FileManager.default.createFile(atPath: tarFile, contents: Data(pack.body)))
        let unpacked = try LedgerdProcess.shellOutput("tar", ["-xf", tarFile, "-C", seedDir.path])
        #expect(unpacked.status == 0, "\(unpacked.output)")
        let root = seedDir.path + "/audit-pack-w2"
        let keys = try String(contentsOfFile: root + "/witnesses.vkey", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Set(keys) == [first.vkey, second.vkey])
        let events = try String(contentsOfFile: root + "/case.ndjson", encoding: .utf8).split(separator: "\n")
        #expect(events.count == 1 && events[0].contains(#""stream":"case-w2""#))
        for proof in try FileManager.default.contentsOfDirectory(atPath: root + "/proofs") {
            let checked = try LedgerdProcess.shellOutput(
                "python3", [script, root + "/proofs/" + proof, "--vkey", root + "/log.vkey", "--witness", keys[0], "--witness", keys[1], "--quorum", "2"])
            #expect(checked.status == 0, "\(proof): \(checked.output)")
        }
        #expect(try daemon.request("GET", "/cases/w2/audit-pack", role: "manager").status == 403)
        #expect(try daemon.request("GET", "/cases/nobody/audit-pack", role: "auditor").status == 404)
        let metrics = try daemon.request("GET", "/metrics", role: "manager").text
        #expect(metrics.contains("ledgerd_witness_lag_events"), "\(metrics.prefix(500))")
        // With witnesses (a gauge per witness) and a signer, still clean for promtool.
        let promtool = try MetricsScrape(metrics).promtool()
        #expect(promtool.status == 0 && promtool.output.isEmpty, "promtool check metrics:\n\(promtool.output)")
        let heldSize = try #require(Int(try daemon.request("GET", "/checkpoint", role: "manager").text.split(separator: "\n")[1]))
        #expect(daemon.terminate() == 0)

        // Another history signed with the same key (the key copied from the data directory):
        // a fork. The witness, holding the true one, refuses it.
        let rewritten = seedDir.path + "/rewritten"
        var other = Requests()
        #expect(try LedgerdProcess.run(["import", "--data", rewritten, try seedDir.write("o.ndjson", other.directory() + (0..<6).map { other.caseOpened("z\($0)") })]).status == 0)
        try FileManager.default.copyItem(atPath: data + "/log.key", toPath: rewritten + "/log.key")
        let signed = try LedgerdProcess.run(["checkpoint", "--data", rewritten])
        #expect(signed.status == 0, "\(signed.stderr)")
        let consistency = try LedgerdProcess.run(["prove", "--data", rewritten, "--consistency", String(heldSize), String(try #require(Int(signed.stdout.split(separator: "\n")[1])))])
        let body = "old \(heldSize)\n" + consistency.stdout + "\n" + signed.stdout
        let refused = try first.post(body)
        #expect(refused.status == 422, "the witness cosigned a fork: \(refused.status) \(refused.text)")
        // ...and keeps it, with what it held: the log's own signatures on two views of its
        // history, for anyone with the log's key to check (c2sp.org/tlog-witness allows it).
        let evidence = try LedgerdProcess.run(["witness", "evidence", "--data", first.data])
        #expect(evidence.status == 0 && evidence.stderr.contains("example.org/ledger: 1 inconsistent checkpoint refused, 1 kept"), "\(evidence.stderr)")
        let lines = evidence.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(evidence.stdout)")
        let kept = try WitnessEvidence(json: Array((lines.first ?? "").utf8))
        let log = try NoteVerifier(parsing: logVkey)
        let held = try SignedNote(parsing: kept.held)
        let submitted = try AddCheckpointRequest(parsing: kept.request)
        #expect(kept.origin == "example.org/ledger" && kept.reason.contains("not consistent"))
        #expect(try held.isSigned(by: log) && submitted.checkpoint.isSigned(by: log), "both views are the log's own")
        #expect(try Checkpoint(text: held.text).size == UInt64(heldSize))
        #expect(submitted.checkpoint.text == (try SignedNote(parsing: signed.stdout)).text, "the refused checkpoint is the fork's")
        // The independent checker agrees, and refuses the evidence once a signature is altered.
        let checker = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_evidence.py").path
        let evidenceFile = try seedDir.write("evidence.ndjson", [evidence.stdout])
        let checked = try LedgerdProcess.shellOutput("python3", [checker, evidenceFile, "--vkey", logVkey])
        #expect(checked.status == 0 && checked.output.contains("line 1: fork"), "\(checked.output)")
        var signatures = held.signatures
        let logLine = try #require(signatures.firstIndex { $0.name == "example.org/ledger" })
        signatures[logLine].payload[10] ^= 1
        var altered = kept
        altered.held = SignedNote(text: held.text, signatures: signatures).serialized
        let tampered = try seedDir.write("tampered.ndjson", [String(decoding: altered.json, as: UTF8.self)])
        let refusedTampered = try LedgerdProcess.shellOutput("python3", [checker, tampered, "--vkey", logVkey])
        #expect(refusedTampered.status == 1 && refusedTampered.output.contains("line 1: the log's signature by example.org/ledger does not verify"), "\(refusedTampered.output)")
        let none = try LedgerdProcess.run(["witness", "evidence", "--data", second.data])
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.contains("no log has submitted"), "\(none.stderr)")
        let nowhere = try LedgerdProcess.run(["witness", "evidence", "--data", seedDir.path + "/none"])
        #expect(nowhere.status != 0 && nowhere.stderr.contains("no witness at"), "\(nowhere.stderr)")
        // From size 0 it is told what it holds, and cosigns nothing.
        let stale = try first.post("old 0\n\n" + signed.stdout)
        #expect(stale.status == 409 && stale.headers["content-type"] == "text/x.tlog.size" && stale.text == "\(heldSize)\n", "\(stale.text)")
        // An unknown log, and a checkpoint not signed by the log's key.
        let unknown = try first.post("old 0\n\n" + signed.stdout.replacingOccurrences(of: "example.org/ledger", with: "other.org/ledger"))
        #expect(unknown.status == 404 || unknown.status == 400, "\(unknown.status)")
        // Carriage returns (a CRLF-edited body, or libFuzzer's find: `\r\n` is one Character,
        // which once hid a note's final newline from a precondition) are refused, and the
        // witness lives on to answer the next request.
        let crlf = try first.post(("old 0\n\n" + signed.stdout).replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(crlf.status == 400, "\(crlf.status) \(crlf.text)")
        let fuzzed = try first.post("old 0\n\nlJa\r\n\n\u{2014} example.org/ledger 3JSQ9sCy\n")
        #expect(fuzzed.status == 400 && fuzzed.text.contains("0xD"), "\(fuzzed.status) \(fuzzed.text)")
        #expect(try first.post("old 0\n\n" + signed.stdout).status == 409, "the witness stopped answering")
    }

    /// Witnesses on the public network speak HTTPS: the daemon reaches one over TLS, checking
    /// its certificate against `--witness-cacert` (a private PKI's root here), and keeps its
    /// cosignature. A wrong trust file, or one without a policy, is refused before serving.
    @Test func aWitnessOverHTTPSCosigns() throws {
        var r = Requests()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (data, logVkey) = try Self.signingLedger(in: dir, &r)
        let (cert, key) = try TLSTests.certificate(in: dir)
        let witness = try WitnessProcess(name: "witness-tls.example.org", logs: [logVkey], tls: (cert, key))
        #expect(witness.url.hasPrefix("https://"))
        let policy = try dir.write("policy", ["witness \(witness.vkey) \(witness.url)/"])

        let refusals: [(arguments: [String], says: String)] = [
            (["--witness-cacert", cert], "--witness-cacert needs --witness-policy"),
            (["--witness-policy", policy, "--witness-cacert", key], "not a PEM certificate file"),
            (["--witness-policy", policy, "--witness-cacert", dir.path + "/none.pem"], "no such file"),
            (["--witness-policy", try dir.write("bad-policy", ["witness \(witness.vkey) tcp://127.0.0.1:1"])], "not an http:// or https:// URL prefix"),
        ]
        for (arguments, says) in refusals {
            // Under `timeout`: a daemon that failed to refuse would serve forever (status 124).
            let refused = try LedgerdProcess.shellOutput("timeout", ["30", LedgerdProcess.binary, "serve", "--data", data, "--port", "0"] + arguments)
            #expect(refused.status != 0 && refused.status != 124 && refused.output.contains(says), "\(arguments): \(refused.status) \(refused.output)")
        }

        let daemon = try ServingDaemon(lines: [], extraArguments: ["--witness-policy", policy, "--witness-cacert", cert], data: data)
        let appended = try daemon.request("POST", "/streams/case-t1", role: "practitioner", body: Requests.withoutStream(r.caseOpened("t1")))
        #expect(appended.status == 201)
        let seq = try #require((try appended.json() as? [String: Any])?["seq"] as? Int)
        let cosigned = try Self.checkpoint(of: daemon, covering: seq, cosignedBy: ["witness-tls.example.org"])
        #expect(cosigned != nil, "seq \(seq) was not cosigned over HTTPS within 20 s")
        try Self.expectProofVerifies(seq: seq, of: daemon, in: dir, logVkey: logVkey, witnesses: [witness.vkey])
        #expect(daemon.terminate() == 0)
    }

    /// A witness (or anything between it and the log) that answers its cosignature with extra
    /// lines in other keys' names, here a forged line of the log's own key and one of an
    /// unknown key: the daemon keeps the witness's own line only, so the checkpoint it serves
    /// still verifies. Stored as answered, the forged log line would make every verifier
    /// reject every checkpoint and proof of that size.
    @Test func aWitnessCannotAddLinesInAnotherKeysName() throws {
        var r = Requests()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (data, logVkey) = try Self.signingLedger(in: dir, &r)
        let witness = try WitnessProcess(name: "witness-a.example.org", logs: [logVkey])
        let proxy = try CosignatureInjectingProxy(upstream: witness.url, logVkey: logVkey)
        defer { proxy.stop() }
        let policy = try dir.write("policy", ["witness \(witness.vkey) \(proxy.url)"])
        let daemon = try ServingDaemon(lines: [], extraArguments: ["--witness-policy", policy], data: data)
        let appended = try daemon.request("POST", "/streams/case-f1", role: "practitioner", body: Requests.withoutStream(r.caseOpened("f1")))
        let seq = try #require((try appended.json() as? [String: Any])?["seq"] as? Int)
        let checkpoint = try #require(try Self.checkpoint(of: daemon, covering: seq, cosignedBy: ["witness-a.example.org"]), "not cosigned within 20 s")
        #expect(proxy.injected > 0, "the proxy injected nothing: the test tested nothing")
        let signatureLines = checkpoint.split(separator: "\n").filter { $0.hasPrefix("— ") }
        #expect(signatureLines.count == 2, "expected the log's line and the witness's: \(checkpoint)")
        #expect(!checkpoint.contains("— unknown.example.org "), "\(checkpoint)")
        try Self.expectProofVerifies(seq: seq, of: daemon, in: dir, logVkey: logVkey, witnesses: [witness.vkey])
        #expect(daemon.terminate() == 0)
    }

    /// A witness closes connections idle past `witness serve --idle-timeout` (it answers
    /// anyone, so idle or slow clients must not hold its sockets), including the daemon's kept-
    /// alive one between checkpoints; the daemon then reconnects at once for the next
    /// checkpoint, as routine, not as a failure with a backoff and a warning.
    @Test func aWitnessThatDropsIdleConnectionsIsReconnectedTo() throws {
        var r = Requests()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (data, logVkey) = try Self.signingLedger(in: dir, &r)
        let witness = try WitnessProcess(name: "witness-a.example.org", logs: [logVkey], extraArguments: ["--idle-timeout", "0.3"])
        let silent = try HTTPConnection(port: witness.port)
        #expect(IdleConnectionTests.closedByServer(silent, within: 10), "an idle connection to the witness stayed open")

        let policy = try dir.write("policy", ["witness \(witness.vkey) \(witness.url)"])
        let daemon = try ServingDaemon(lines: [], extraArguments: ["--witness-policy", policy], data: data)
        for i in 0..<3 {
            let appended = try daemon.request("POST", "/streams/case-i\(i)", role: "practitioner", body: Requests.withoutStream(r.caseOpened("i\(i)")))
            let seq = try #require((try appended.json() as? [String: Any])?["seq"] as? Int)
            #expect(try Self.checkpoint(of: daemon, covering: seq, cosignedBy: ["witness-a.example.org"]) != nil, "seq \(seq) not cosigned within 20 s")
            Thread.sleep(forTimeInterval: 1)  // the witness drops the daemon's connection meanwhile
        }
        #expect(daemon.terminate() == 0)
        let log = (try? String(contentsOfFile: daemon.directory.path + "/serve.log", encoding: .utf8)) ?? ""
        #expect(!log.contains("witness submission failed"), "a dropped idle connection was treated as a failure:\n\(log)")
    }

    /// A ledger in `dir` (a directory and one case) with a log key of origin
    /// `example.org/ledger`: its path and the key's vkey, for the witnesses to be told.
    static func signingLedger(in dir: TemporaryDirectory, _ r: inout Requests) throws -> (data: String, logVkey: String) {
        let data = dir.path + "/ledger"
        let imported = try LedgerdProcess.run(["import", "--data", data, try dir.write("s.ndjson", r.directory() + [r.caseOpened("c1")])])
        try #require(imported.status == 0, "\(imported.stderr)")
        let keys = try LedgerdProcess.run(["keys", "init", "--data", data, "--origin", "example.org/ledger"])
        return (data, try #require(keys.stdout.split(separator: "\n").last.map(String.init), "\(keys.stderr)"))
    }

    /// The independent proof checker.
    static let verifyProofScript = ReliabilityCampaignTests.root.appendingPathComponent("scripts/verify_proof.py").path

    /// `daemon`'s inclusion proof of `seq` verifies under the log's key and a quorum of all of
    /// `witnesses`, with `ledgerd verify-proof` and with the independent script.
    static func expectProofVerifies(
        seq: Int, of daemon: ServingDaemon, in dir: TemporaryDirectory, logVkey: String, witnesses: [String]
    ) throws {
        let proof = try daemon.request("GET", "/proofs/inclusion?seq=\(seq)", role: "auditor")
        let file = try dir.write("\(seq).tlog-proof", [String(proof.text.dropLast())])
        let keys = ["--vkey", logVkey] + witnesses.flatMap { ["--witness", $0] } + ["--quorum", String(witnesses.count)]
        let verified = try LedgerdProcess.run(["verify-proof", file] + keys)
        #expect(
            verified.status == 0 && verified.stdout.contains("cosigned by \(witnesses.count) of \(witnesses.count)"),
            "\(verified.stdout) \(verified.stderr)")
        let python = try LedgerdProcess.shellOutput("python3", [verifyProofScript, file] + keys)
        #expect(python.status == 0, "\(python.output)")
    }

    /// The checkpoint `daemon` serves once it covers `seq` and carries a cosignature line of
    /// each of `witnesses`; nil if it does not within 20 s.
    static func checkpoint(of daemon: ServingDaemon, covering seq: Int, cosignedBy witnesses: [String]) throws -> String? {
        let started = Date()
        while Date().timeIntervalSince(started) < 20 {
            let checkpoint = try daemon.request("GET", "/checkpoint", role: "manager").text
            let size = Int(checkpoint.split(separator: "\n").dropFirst().first ?? "") ?? 0
            if size >= seq, witnesses.allSatisfy({ checkpoint.contains("— \($0) ") }) { return checkpoint }
            usleep(10_000)
        }
        return nil
    }
}

/// A loopback proxy in front of a witness that adds two signature lines to every 200 answer
/// of `add-checkpoint`: one in the log's name and key ID with a signature that cannot
/// verify, and one of a key nobody knows. `GET /injected` says how many answers it altered.
final class CosignatureInjectingProxy {
    private let proxy: PythonHTTPProxy
    var url: String { proxy.url }

    init(upstream: String, logVkey: String) throws {
        proxy = try PythonHTTPProxy(handler: Self.handler, arguments: [upstream, logVkey])
    }

    func stop() { proxy.stop() }

    /// How many answers the proxy altered.
    var injected: Int {
        guard let reply = try? HTTPConnection(port: proxy.port).request("GET", "/injected") else { return 0 }
        return Int(reply.text) ?? 0
    }

    private static let handler = #"""
        upstream, vkey = argv
        name, key_id = vkey.split('+')[0], bytes.fromhex(vkey.split('+')[1])
        injected = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                reply(self, 200, str(injected).encode(), 'text/plain')

            def do_POST(self):
                global injected
                body = self.rfile.read(int(self.headers['Content-Length']))
                request = urllib.request.Request(upstream + self.path, data=body, method='POST', headers={'Content-Type': 'text/plain'})
                try:
                    with urllib.request.urlopen(request) as response:
                        status, answer, kind = response.status, response.read(), response.headers['Content-Type']
                except urllib.error.HTTPError as error:
                    status, answer, kind = error.code, error.read(), error.headers['Content-Type']
                if status == 200:
                    forged = base64.b64encode(key_id + os.urandom(64)).decode()
                    unknown = base64.b64encode(os.urandom(4 + 72)).decode()
                    answer += f'\u2014 {name} {forged}\n\u2014 unknown.example.org {unknown}\n'.encode()
                    injected += 1
                reply(self, status, answer, kind or 'text/plain')
        """#
}
