import ArgumentParser

/// `--max-connections N`: the most client connections a server holds at once, for the daemon
/// (`serve`, `start`) and a witness (`witness serve`) alike (see `ConnectionLimit`).
struct ConnectionOptions: ParsableArguments {
    /// Used when the option is not given and the open-file limit allows it.
    static let defaultMaximum = 4096
    /// The most that may be asked for, whatever the open-file limit.
    static let ceiling = 1_000_000

    @Option(
        help: ArgumentHelp(
            "Most client connections open at once, live streams included; past it new connections wait in the listen queue "
                + "until one closes. Default \(defaultMaximum), or what the open-file limit (ulimit -n) leaves room for "
                + "after \(OpenFileLimit.reserve) kept for the daemon's own files.",
            valueName: "n"))
    var maxConnections: Int?

    func validate() throws {
        guard let maxConnections else { return }
        guard (1...Self.ceiling).contains(maxConnections) else { throw ValidationError("--max-connections is 1–\(Self.ceiling)") }
        if let hard = OpenFileLimit.current()?.hard, maxConnections > OpenFileLimit.connectionRoom(limit: hard) {
            throw ValidationError(tooMany(maxConnections, limit: hard, named: "ulimit -Hn; LimitNOFILE= for a systemd service"))
        }
    }

    /// Why `connections` cannot be held under an open-file limit of `limit` (`named`: where
    /// that limit is set), and what could be.
    private func tooMany(_ connections: Int, limit: Int, named: String) -> String {
        "--max-connections \(connections) needs \(connections + OpenFileLimit.reserve) open files "
            + "(\(OpenFileLimit.reserve) kept for the daemon's own), but this process may open at most \(limit) "
            + "(\(named)): raise that limit, or ask for at most \(OpenFileLimit.connectionRoom(limit: limit))"
    }

    /// The limit to serve with. Raises the process's soft open-file limit to its hard one
    /// first, so the room is the operator's limit rather than the shell's default; an
    /// unreadable limit leaves the option (or the default) as it is.
    func resolved() throws -> Int {
        guard let soft = OpenFileLimit.raiseSoftToHard() else { return maxConnections ?? Self.defaultMaximum }
        let room = OpenFileLimit.connectionRoom(limit: soft)
        if let maxConnections {
            // `validate` held it to the hard limit, which the soft one now is, unless raising it failed.
            guard maxConnections <= room else { throw CLIError(.invalid, tooMany(maxConnections, limit: soft, named: "ulimit -n")) }
            return maxConnections
        }
        guard room >= 1 else {
            throw CLIError(
                .invalid,
                "this process may open only \(soft) files (ulimit -n): a server needs more than the \(OpenFileLimit.reserve) "
                    + "it keeps for its own files")
        }
        return min(Self.defaultMaximum, room)
    }
}
