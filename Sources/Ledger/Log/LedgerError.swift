/// Everything the ledger can say no with.
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request breaks the wire contract (HTTP 400).
    case invalid(ContractViolation)
    /// Well-formed, but the ledger's state forbids it (HTTP 422).
    case refused(Refusal)
    /// `expectedVersion` did not match; `actual` is the stream's last version, -1 if it does not exist (HTTP 409).
    case conflict(stream: String, expected: Int64, actual: Int64)
    /// LMDB reported an error; the operation had no effect.
    case storage(operation: String, code: Int32, message: String)
    /// The device (or quota) holding `path` is full: nothing was written; retrying once
    /// space is freed succeeds (HTTP 507).
    case noSpace(path: String)
    /// Stored data does not decode as the ledger wrote it.
    case corrupt(String)

    /// One line naming the kind of failure and its particulars, for logs and problem details.
    public var description: String {
        switch self {
        case .invalid(let violation): "invalid: \(violation)"
        case .refused(let refusal): "refused: \(refusal)"
        case .conflict(let stream, let expected, let actual):
            "conflict: \(stream) expected version \(expected), actual version \(actual)"
        case .storage(let operation, let code, let message): "storage error in \(operation): \(message) (\(code))"
        case .noSpace(let path): "no space left on device: \(path)"
        case .corrupt(let message): "corrupt ledger: \(message)"
        }
    }
}

/// A failed append, naming the event: its position in the batch and its eventId when known.
public struct AppendFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based index of the offending request within its batch.
    public var index: Int
    /// The offending request's eventId, when it was read far enough to have one.
    public var eventId: String?
    /// Why the request failed; its case decides the HTTP status.
    public var error: LedgerError

    /// A failure of request `index` (0-based) of its batch.
    public init(index: Int, eventId: String?, error: LedgerError) {
        self.index = index
        self.eventId = eventId
        self.error = error
    }

    /// `event ID: error`, or `event #N: error` when the eventId is unknown.
    public var description: String {
        "event \(eventId.map { "\($0)" } ?? "#\(index + 1)"): \(error)"
    }
}
