import Foundation
import Hummingbird
import Testing

@testable import ledgerd

/// Exchanges (method, path, status, content type, body) as `scripts/validate_http.py` reads
/// them, checked by that independent validator against `schemas/openapi.yaml`.
final class ExchangeRecorder: @unchecked Sendable {
    // @unchecked: `exchanges` is guarded by `lock`.
    private let lock = NSLock()
    private var exchanges: [[String: Any]] = []

    func record(_ method: String, _ path: String, _ reply: HTTPReply) {
        let exchange: [String: Any] = [
            "method": method, "path": path, "status": reply.status, "contentType": reply.contentType, "body": reply.text,
        ]
        lock.withLock { exchanges.append(exchange) }
    }

    var statuses: Set<Int> { lock.withLock { Set(exchanges.compactMap { $0["status"] as? Int }) } }

    /// Runs the validator on what was recorded (`--all-operations`: every operation of the
    /// document must have been exercised); its exit status and complaints.
    func validate(allOperations: Bool, in directory: String) throws -> (status: Int32, report: String) {
        let file = directory + "/exchanges-\(UUID().uuidString).json"
        let data = try lock.withLock { try JSONSerialization.data(withJSONObject: exchanges, options: [.prettyPrinted]) }
        try data.write(to: URL(fileURLWithPath: file))
        let script = ViewSchemaTests.root.appendingPathComponent("scripts/validate_http.py").path
        let run = try LedgerdProcess.shellOutput("python3", [script] + (allOperations ? ["--all-operations"] : []) + [file])
        return (run.status, run.output)
    }
}

extension LedgerClient {
    /// A request whose exchange `recorder` keeps.
    @discardableResult
    func call(
        _ recorder: ExchangeRecorder, _ method: HTTPRequest.Method, _ path: String, as role: Role? = nil, token: String? = nil,
        body: String? = nil
    ) async throws -> HTTPReply {
        let reply = try await request(method, path, as: role, token: token, body: body)
        recorder.record(method.rawValue, path, reply)
        return reply
    }
}
