import Foundation
import Ledger

/// Output taller than the screen, shown through the user's pager (`$PAGER`, else `less -FRX`:
/// quit if it fits, keep colours, leave the text on the screen afterwards).
enum Pager {
    static let defaultCommand = "less -FRX"

    /// The pager to use: `$PAGER`, else the default; nil when `PAGER` is set but empty (as git
    /// reads it: no pager).
    static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let pager = environment["PAGER"] else { return defaultCommand }
        return pager.trimmingCharacters(in: .whitespaces).isEmpty ? nil : pager
    }

    /// Runs `command` through `/bin/sh` with `text` on its standard input and waits for it.
    /// False if it could not be started (nothing was shown: the caller prints `text` itself).
    /// A pager quit before the end of the text is the reader's choice, not an error.
    static func show(_ text: String, through command: String) -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])

        let argv: [String] = ["sh", "-c", command]
        var arguments = argv.map { strdup($0) }
        arguments.append(nil)
        defer { for pointer in arguments { free(pointer) } }
        var environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        environment.append(nil)
        defer { for pointer in environment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, environment)
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            return false
        }

        // Quitting the pager early closes the pipe: the write then fails (EPIPE) instead of
        // killing this process. Ctrl-C is the pager's to handle while it runs (less keeps running).
        let oldPipe = signal(SIGPIPE, SIG_IGN)
        let oldInterrupt = signal(SIGINT, SIG_IGN)
        defer {
            signal(SIGPIPE, oldPipe)
            signal(SIGINT, oldInterrupt)
        }
        var bytes = text
        bytes.withUTF8 { try? FileIO.writeAll(ends[1], UnsafeRawBufferPointer($0), "write to the pager") }
        close(ends[1])
        let status = try? FileIO.waitForExit(pid, "waiting for the pager")
        // `sh -c` exits 127 when the command is not found: nothing was shown.
        return status.map { ($0 >> 8) & 0xFF != 127 } ?? true
    }
}
