import Foundation
import Testing

/// The verifiable log checked by code ledgerd's authors did not write: the Go team's
/// `golang.org/x/mod/sumdb/tlog` and `.../note` (Debian's golang-golang-x-mod-dev, which
/// `scripts/bootstrap` installs), driven by `scripts/go_tlog_check.go` against the real
/// daemon, over full and partial tiles at levels 0 and 1. Then the same check through a proxy
/// that alters one answer at a time, so this test fails if the checker would accept a log
/// that lies.
@Suite struct GoTlogInteropTests {
    @Test func theGoTeamsTlogAndNotePackagesVerifyTheLogAndCatchEachAlteration() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let data = work.path + "/ledger"
        let demo = try LedgerdProcess.run(["demo", "--cases", "300", "--seed", "7"])
        try #require(demo.status == 0, "\(demo.stderr)")
        let events = demo.stdout.split(separator: "\n").count
        try #require(events > 256 * 2, "\(events) events: too few for a tile at level 1")
        // Each level's full tiles and its partial one: ⌈width / 256⌉ tiles of width ⌊n / 256^L⌋.
        var hashTiles = 0
        var width = events
        while width > 0 {
            hashTiles += (width + 255) / 256
            width /= 256
        }
        let imported = try LedgerdProcess.run(["import", "--data", data, try work.write("demo.ndjson", [String(demo.stdout.dropLast())])])
        try #require(imported.status == 0, "\(imported.stderr)")
        let keys = try LedgerdProcess.run(["keys", "init", "--data", data, "--origin", "example.org/ledger"])
        let vkey = try #require(keys.stdout.split(separator: "\n").last.map(String.init))

        let checker = work.path + "/go_tlog_check"
        let source = ReliabilityCampaignTests.root.appendingPathComponent("scripts/go_tlog_check.go").path
        let built = try Self.go(["build", "-o", checker, source])
        try #require(built.status == 0, "go build (scripts/bootstrap installs golang-go and golang-golang-x-mod-dev):\n\(built.output)")

        let daemon = try ServingDaemon(lines: [], data: data)
        defer { _ = daemon.terminate() }
        let token = daemon.token("auditor")
        let honest = try LedgerdProcess.shellOutput(checker, ["-url", daemon.url, "-vkey", vkey, "-token", token])
        #expect(honest.status == 0, "\(honest.output)")
        #expect(honest.output.contains("checkpoint example.org/ledger size \(events), \(hashTiles) hash tiles, \(events) entries"), "\(honest.output)")

        // A key other than the log's: the checkpoint is not accepted.
        let other = work.path + "/other"
        let prefix = demo.stdout.split(separator: "\n").prefix(10).map(String.init)
        #expect(try LedgerdProcess.run(["import", "--data", other, try work.write("prefix.ndjson", prefix)]).status == 0)
        let otherKey = try LedgerdProcess.run(["keys", "init", "--data", other, "--origin", "example.org/ledger"])
        let stranger = try #require(otherKey.stdout.split(separator: "\n").last.map(String.init))
        let unsigned = try LedgerdProcess.shellOutput(checker, ["-url", daemon.url, "-vkey", stranger, "-token", token])
        #expect(unsigned.status == 1 && unsigned.output.contains("the checkpoint's signature"), "\(unsigned.output)")

        // Each answer altered in turn, by one bit of one hash or one entry.
        let alterations = [
            ("/checkpoint", "the checkpoint's signature"),
            ("/tile/0/000", "tile/0/000 as served differs from the tile of the entries' tree"),
            ("/tile/1/000.p/", "tile/1/000.p/\(events / 256) as served differs"),
            ("/tile/entries/000", "entries give root"),
            ("/proofs/inclusion", "the daemon's inclusion proof of seq 1"),
            ("/proofs/consistency", "the daemon's consistency proof from"),
        ]
        for (path, failure) in alterations {
            let proxy = try TamperingProxy(upstream: daemon.url, altering: path)
            defer { proxy.stop() }
            let checked = try LedgerdProcess.shellOutput(checker, ["-url", proxy.url, "-vkey", vkey, "-token", token, "-samples", "4"])
            #expect(checked.status == 1 && checked.output.contains(failure), "\(path) altered: \(checked.output)")
        }
    }

    /// `go` in GOPATH mode over Debian's packaged sources (no module proxy is reachable).
    static func go(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let cache = NSTemporaryDirectory() + "ledgerd-go-build-cache"
        return try LedgerdProcess.shellOutput("GO111MODULE=off", ["GOPATH=/usr/share/gocode", "GOFLAGS=", "GOCACHE=\(cache)", "go"] + arguments)
    }
}

/// A loopback proxy in front of the daemon that alters the body of every successful answer
/// whose path starts with `altering`: a tile has a bit of byte 20 flipped (inside a hash
/// tile's first hash, or an entry bundle's first event); in a text answer the first base64
/// hash line gets another first character.
final class TamperingProxy {
    private let proxy: PythonHTTPProxy
    var url: String { proxy.url }

    init(upstream: String, altering path: String) throws {
        proxy = try PythonHTTPProxy(handler: Self.handler, arguments: [upstream, path])
    }

    func stop() { proxy.stop() }

    private static let handler = #"""
        upstream, target = argv

        def alter(path, body):
            if path.startswith('/tile/'):
                return body[:20] + bytes([body[20] ^ 1]) + body[21:]
            lines = body.decode('utf-8').split('\n')
            for i, line in enumerate(lines):
                if len(line) == 44 and line.endswith('='):
                    lines[i] = ('B' if line[0] == 'A' else 'A') + line[1:]
                    break
            return '\n'.join(lines).encode('utf-8')

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                headers = {k: v for k, v in self.headers.items() if k.lower() == 'authorization'}
                try:
                    with urllib.request.urlopen(urllib.request.Request(upstream + self.path, headers=headers)) as response:
                        status, body = response.status, response.read()
                except urllib.error.HTTPError as error:
                    status, body = error.code, error.read()
                if status == 200 and self.path.startswith(target):
                    body = alter(self.path, body)
                reply(self, status, body)
        """#
}
