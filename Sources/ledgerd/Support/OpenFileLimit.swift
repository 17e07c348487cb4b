#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`, `ulimit -n`), which bounds how many
/// connections a server can hold: each is a file descriptor, and the daemon needs its own
/// beside them (its LMDB environments, the access trail's journal, a witness connection, a
/// key file being replaced). A server that lets connections take the last descriptor finds
/// it cannot open those, and a new connection finds `accept` failing without a word.
enum OpenFileLimit {
    /// Descriptors kept for the daemon's own files, however many connections it allows. At
    /// rest it holds about 35 (three environments, their locks, the journal, event loops'
    /// pollers and timers); the rest is room for what it opens now and then.
    static let reserve = 256

    /// The soft and hard limits; nil if they cannot be read.
    static func current() -> (soft: Int, hard: Int)? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return (clamped(limit.rlim_cur), clamped(limit.rlim_max))
    }

    /// Raises the soft limit to the hard one (as Go's runtime does for every program), so
    /// the limit an operator set for the service (`LimitNOFILE=`, `ulimit -Hn`) is the one
    /// in force; the soft limit now. Lowering is never needed, so nothing is lowered.
    @discardableResult
    static func raiseSoftToHard() -> Int? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            let wanted = rlimit(rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max)
            var raised = wanted
            if setrlimit(resource, &raised) == 0 { limit = wanted }
        }
        return clamped(limit.rlim_cur)
    }

    /// How many connections an open-file limit leaves room for after `reserve`: the most a
    /// server of this process may hold (at least zero).
    static func connectionRoom(limit: Int) -> Int { max(0, limit - reserve) }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif

    /// `RLIM_INFINITY` (all ones) and anything past `Int.max` read as `Int.max`.
    private static func clamped(_ value: rlim_t) -> Int { value > rlim_t(Int.max) ? Int.max : Int(value) }
}
