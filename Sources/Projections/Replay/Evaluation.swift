import Ledger

/// The two senses in which a view can be asked about the past (DOMAIN.md, "The views").
public struct Evaluation: Sendable, Equatable {
    /// Business date: events that occurred by the end of it count, and due dates are judged on it.
    public var on: CalendarDate
    /// Only events recorded by this moment count; nil means now.
    public var knownAt: Timestamp?

    /// The question "on `on`, as known at `knownAt`" (now when nil).
    public init(on: CalendarDate, knownAt: Timestamp? = nil) {
        self.on = on
        self.knownAt = knownAt
    }
}

/// Where a view's answer came from.
public enum ViewPath: String, Sendable {
    /// The maintained projection: it held exactly the events that count.
    case maintained
    /// A replay of the log, because the question was about the past.
    case replay
}

/// Answers views: from the maintained projection when it holds exactly the events that count
/// for the question, otherwise by replay. The two agree by construction (same records, same
/// view code) and by test.
public struct ViewQuery: Sendable {
    /// The maintained projection, caught up before it is used.
    public let projector: Projector
    /// What "now" is for `knownAt`: tests fix it.
    public let clock: @Sendable () -> Timestamp
    /// Told how a catch-up that an answer needs first is going: the seq applied so far and
    /// the log's head. After a large import the first view catches up on all of it.
    public let catchUpProgress: (@Sendable (_ done: UInt64, _ total: UInt64) -> Void)?
    /// Bounds the replays this query's answers may run at once (the daemon's, shared by every
    /// request); nil runs each at once (the CLI asks one question).
    public let replayLimit: WorkLimit?

    /// A query over `projector`'s projection, judging "now" by `clock`.
    public init(
        projector: Projector, clock: @escaping @Sendable () -> Timestamp = Ledger.systemClock,
        catchUpProgress: (@Sendable (_ done: UInt64, _ total: UInt64) -> Void)? = nil, replayLimit: WorkLimit? = nil
    ) {
        self.projector = projector
        self.clock = clock
        self.catchUpProgress = catchUpProgress
        self.replayLimit = replayLimit
    }

    /// Runs `body` over the source that answers `evaluation`, catching the projection up first.
    ///
    /// With a `scope` (a token's), `body` gets the source seen within it (`ScopedViewSource`):
    /// its visible cases computed once, from the same snapshot (or replay) as the view, by the
    /// involvement index on the maintained projection and from the replayed records for the
    /// past. Whatever `body` computes from it holds only what the scope may see, and a case
    /// outside it is indistinguishable from one that does not exist.
    public func answer<T>(
        _ evaluation: Evaluation, scope: CaseScope = .everything, _ body: (any ViewSource) throws -> T
    ) throws -> (result: T, path: ViewPath) {
        let moment = evaluation.knownAt ?? clock()
        for _ in 0..<3 {
            let answered: T?? = try projector.withSnapshot { source, checkpoint, head in
                if checkpoint.seq < head { return .none }  // behind: catch up, then ask again
                guard checkpoint.answers(on: evaluation.on, knownAt: moment, head: head) else { return .some(nil) }
                return .some(try body(try source.scoped(to: scope)))
            }
            switch answered {
            case .none:
                try projector.catchUp { step in catchUpProgress?(step.checkpoint.seq, step.head) }
            case .some(.some(let result)):
                return (result, .maintained)
            case .some(.none):
                return (try replay(evaluation.on, knownAt: moment, scope: scope, body), .replay)
            }
        }
        // Appends keep outrunning the catch-up: answer from a replay, which is always right.
        return (try replay(evaluation.on, knownAt: moment, scope: scope, body), .replay)
    }

    /// `body` over a replay of the log, within `replayLimit`: the replayed state is held until
    /// `body` is done with it, so the limit bounds the memory too.
    private func replay<T>(
        _ on: CalendarDate, knownAt moment: Timestamp, scope: CaseScope, _ body: (any ViewSource) throws -> T
    ) throws -> T {
        func answer() throws -> T {
            let (state, _) = try Replayer(ledger: projector.ledger).state(on: on, knownAt: moment)
            return try body(try state.scoped(to: scope))
        }
        guard let replayLimit else { return try answer() }
        return try replayLimit.run(answer)
    }
}
