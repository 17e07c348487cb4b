/// What a witness keeps when a log it follows submits a checkpoint that the log's key did
/// sign but that does not extend the one the witness holds: the log's own signatures on two
/// views of its history that it cannot show consistent. c2sp.org/tlog-witness lets a witness
/// keep such a request ("it might be proof of log misbehavior"); this one does, so that
/// anyone holding the log's verifier key can check both signatures without trusting the log's
/// operator or the witness's.
public struct WitnessEvidence: Sendable, Equatable {
    /// The most requests kept per log: the first ones show the fork; a log that keeps
    /// submitting inconsistent checkpoints is counted past this, not stored without end.
    public static let maximumPerLog: UInt64 = 1000

    /// The log's origin line.
    public var origin: String
    /// When the witness received the request, in seconds since the epoch.
    public var receivedAt: UInt64
    /// Why the witness refused it.
    public var reason: String
    /// The checkpoint the witness held (and had cosigned), as it stored it: the note's text
    /// and its signature lines.
    public var held: String
    /// The `add-checkpoint` body as received: the old size, the consistency proof the log
    /// offered, and the checkpoint it signed.
    public var request: String

    /// Evidence of these parts.
    public init(origin: String, receivedAt: UInt64, reason: String, held: String, request: String) {
        self.origin = origin
        self.receivedAt = receivedAt
        self.reason = reason
        self.held = held
        self.request = request
    }

    /// One line of JSON: `{"held":…,"origin":…,"reason":…,"receivedAt":…,"request":…}`,
    /// members in canonical order, as stored and as `ledgerd witness evidence` prints it.
    public var json: [UInt8] {
        CanonicalJSON.bytes(
            .object(
                JSONObject([
                    ("origin", .string(origin)), ("receivedAt", .number(Double(receivedAt))), ("reason", .string(reason)),
                    ("held", .string(held)), ("request", .string(request)),
                ])))
    }

    /// Evidence as `json` writes it; throws `NoteError` naming what is missing or malformed.
    public init(json bytes: [UInt8]) throws(NoteError) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw NoteError("stored witness evidence is not JSON: \(error)") }
        guard let object = value.objectValue else { throw NoteError("stored witness evidence is not a JSON object") }
        func text(_ key: String) throws(NoteError) -> String {
            guard let text = object[key]?.stringValue else { throw NoteError("stored witness evidence has no \(key)") }
            return text
        }
        guard let seconds = object["receivedAt"]?.integerValue, seconds >= 0 else {
            throw NoteError("stored witness evidence has no receivedAt")
        }
        self.init(
            origin: try text("origin"), receivedAt: UInt64(seconds), reason: try text("reason"), held: try text("held"),
            request: try text("request"))
    }
}
