import Foundation
import Testing

/// A loopback HTTP server in Python (standard library only) whose request handler a test
/// writes: a proxy that alters what passes through it, placed between the daemon and what
/// it talks to. The handler is a class named `Handler` (a `BaseHTTPRequestHandler`) that may
/// use `argv` (the arguments given) and `reply(handler, status, body, content_type)`; this adds
/// the server around it and reads the port it listens on.
final class PythonHTTPProxy {
    let process: Process
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    init(handler: String, arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.prelude + handler + Self.server] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = try #require(LineReader(pipe).next(timeout: 20).flatMap { Int($0) }, "the proxy did not start")
    }

    /// SIGKILL: a child of the test runner may inherit SIGTERM blocked.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    private static let prelude = #"""
        import base64, http.server, os, sys, urllib.error, urllib.request
        argv = sys.argv[1:]

        def reply(handler, status, body, content_type=None):
            handler.send_response(status)
            if content_type:
                handler.send_header('Content-Type', content_type)
            handler.send_header('Content-Length', str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        """#

    private static let server = #"""

        Handler.log_message = lambda self, *args: None
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
