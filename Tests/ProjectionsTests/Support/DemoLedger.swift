import DemoAuthority
import Foundation
import Ledger
import Projections
import Testing

/// A ledger in a temporary directory, fed from `DemoWorkload` (valid under every rule).
final class DemoLedger {
    let path = NSTemporaryDirectory() + "ledgerd-proj-" + UUID().uuidString
    let ledger: Ledger
    let requests: [AppendRequest]
    /// The requests as the workload wrote them (JSON), for tests that work out answers alone.
    let lines: [String]

    init(cases: Int, seed: UInt64) throws {
        ledger = try Ledger(path: path, mapSize: 64 << 20)
        var lines: [String] = []
        DemoWorkload(cases: cases, seed: seed).generate { lines.append($0) }
        self.lines = lines
        requests = try lines.map(Self.request)
    }

    static func request(_ line: String) throws -> AppendRequest {
        try AppendRequest.decode(line)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func append(_ range: Range<Int>) throws {
        guard !range.isEmpty else { return }
        try ledger.append(Array(requests[range]))
    }

    /// Appends every request in pieces of the sizes `cuts` gives (the rest last), calling
    /// `afterEach` with each piece's cut (the rest's: the request count) once it is appended.
    func appendInPieces(_ cuts: [Int], afterEach: (_ cut: Int) throws -> Void) throws {
        var start = 0
        for cut in cuts + [requests.count] {
            let end = min(max(start, cut + start), requests.count)
            try append(start..<end)
            try afterEach(cut)
            start = end
        }
    }

    /// The maintained projection read back whole, with its open-action index.
    static func stored(_ projector: Projector) throws -> (ProjectionState, [OpenActionEntry]) {
        try projector.withSnapshot { source, checkpoint, _ in
            var state = ProjectionState()
            state.directory = source.directory
            state.checkpoint = checkpoint.seq
            try source.forEachCase { state.cases[$0.caseId] = $0 }
            var index: [OpenActionEntry] = []
            try source.forEachOpenAction(dueBefore: nil) { index.append($0) }
            return (state, index)
        }
    }

    /// A full replay into memory, with the open actions it implies.
    func replayed() throws -> (ProjectionState, [OpenActionEntry]) {
        let (state, _) = try Replayer(ledger: ledger).state(on: nil, knownAt: nil)
        var index: [OpenActionEntry] = []
        try state.forEachOpenAction(dueBefore: nil) { index.append($0) }
        return (state, index)
    }
}
