import Hummingbird
import Synchronization

/// The memory that answers hold until their clients have read them, bounded.
///
/// An answer is built whole before it is sent (a view of every case on the authority is
/// megabytes), and its bytes stay in the daemon until the kernel has taken them, which it
/// does only as fast as the client reads. A client that reads slowly, or not at all, holds
/// them as long as its connection is open, and nothing else bounds how many do: 200 such
/// requests for the demo's overdue view held 1.7 GB. So every answer of at least `smallest`
/// bytes reserves its size here before its disclosure is recorded, until its body has been
/// handed to the connection; from then on `ResponseBytesCounter` counts what the connection
/// still holds, until the socket has taken it (or the connection closed). When the two
/// together would pass `budget`, an answer is refused with 503 `answers-busy` and
/// `Retry-After`, nothing recorded in the access trail, rather than grow the daemon until the
/// kernel ends it. One answer larger than the whole budget is still sent when nothing else is
/// held.
final class ResponseMemory: Sendable {
    /// Answers smaller than this are not counted: their memory is bounded by the connection
    /// limit, and the hot path of one-event reads stays a plain buffer.
    static let smallest = 64 * 1024

    /// Most bytes held at once by answers being read.
    let budget: Int
    private let held = Mutex<Int>(0)
    private let gauge: (@Sendable (Int) -> Void)?

    /// A budget of `budget` bytes (at least one); `report` is told the bytes held as they change.
    init(budget: Int, report: (@Sendable (Int) -> Void)? = nil) {
        assert(budget >= 1, "a budget of nothing refuses every large answer but a lone one")
        self.budget = max(1, budget)
        self.gauge = report
        report?(0)
    }

    /// Bytes held now by answers not yet read.
    var heldBytes: Int { held.withLock { $0 } }

    /// Reserves `bytes` for an answer about to be sent: nil (nothing reserved) if answers being
    /// read already hold so much that this one would pass the budget. Below `smallest`, or
    /// when nothing is held, it always succeeds.
    func reserve(_ bytes: Int) -> Reservation? {
        guard bytes >= Self.smallest else { return .uncounted }
        let now: Int? = held.withLock { held in
            guard held == 0 || bytes <= budget - held else { return nil }
            held += bytes
            return held
        }
        guard let now else { return nil }
        gauge?(now)
        return Reservation(memory: self, bytes: bytes)
    }

    /// `bytes` of an answer queued on a connection, not yet taken by the socket.
    func queued(_ bytes: Int) { adjust(by: bytes) }

    /// `bytes` counted by `queued` taken by the socket (or dropped with the connection).
    func written(_ bytes: Int) { adjust(by: -bytes) }

    /// Adds `bytes` (negative: gives them back) to what is held, and reports the total.
    fileprivate func adjust(by bytes: Int) {
        let now = held.withLock { held in
            assert(held + bytes >= 0, "more bytes given back than were queued or reserved")
            held = max(0, held + bytes)
            return held
        }
        gauge?(now)
    }

    /// Bytes reserved for one answer: given back once, by `release()` or when the answer is
    /// dropped unsent (its body never written).
    final class Reservation: Sendable {
        private let memory: ResponseMemory?
        private let bytes: Int
        private let released = Atomic<Bool>(false)

        /// What a small answer gets: nothing counted, nothing to give back.
        static let uncounted = Reservation(memory: nil, bytes: 0)

        fileprivate init(memory: ResponseMemory?, bytes: Int) {
            self.memory = memory
            self.bytes = bytes
        }

        /// Whether bytes were reserved, so the answer must give them back once written.
        var counts: Bool { memory != nil }

        func release() {
            guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
            memory?.adjust(by: -bytes)
        }

        deinit { release() }
    }
}

extension Response {
    /// This response, its body giving `reservation` back once written (or once writing it failed).
    func holding(_ reservation: ResponseMemory.Reservation) -> Response {
        var response = self
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            defer { reservation.release() }
            try await body.write(writer)
        }
        return response
    }
}

extension Problem {
    /// Answers waiting on slow clients hold the memory allowed: nothing was recorded or sent.
    static func answersBusy(held: Int, budget: Int) -> Problem {
        Problem(
            status: .serviceUnavailable, slug: "answers-busy", title: "Too many large answers are waiting to be read",
            detail: "answers not yet read by their clients hold \(held / (1024 * 1024)) MiB of the \(budget / (1024 * 1024)) MiB "
                + "allowed (serve --max-response-memory); retry shortly",
            headers: [.retryAfter: "5"])
    }
}
