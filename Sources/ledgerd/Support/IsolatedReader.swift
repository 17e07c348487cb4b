import Foundation
import Ledger

/// Runs a command that reads the whole data file (`verify`, `export`) again in a child
/// process, so that corruption that makes the reader fault is reported, never crashed on.
///
/// LMDB keeps no page checksums: a damaged branch page can hold a pointer outside the map,
/// and following it is a SIGSEGV or SIGBUS inside liblmdb, which no check in Swift can
/// catch. So the parent only spawns and waits; the child (this executable with
/// `childFlag`) does the reading with the parent's standard input, output and error, and
/// reports how far it got through a pipe. A child killed by a signal becomes exit 5 naming
/// the data file and the seqs it died between.
enum IsolatedReader {
    /// The hidden flag that makes a command do its reading itself.
    static let childFlag = "--isolated-reader"
    /// The child's end of the progress pipe.
    static let progressDescriptor: Int32 = 3
    /// Events between progress reports: a report is a syscall, so not one per event.
    static let progressInterval: UInt64 = 256

    /// In the child: records that every event up to `seq` was read. Cheap between reports.
    static func reached(_ seq: UInt64) {
        guard seq % progressInterval == 0 else { return }
        var value = seq.littleEndian
        // A parent that stopped listening is no reason to stop reading: the error is ignored.
        _ = withUnsafeBytes(of: &value) { try? FileIO.writeAll(progressDescriptor, $0, "report progress") }
    }

    /// A child that did not exit normally.
    struct Death: Error, CustomStringConvertible {
        var signal: Int32
        /// Events read for certain before it died.
        var reached: UInt64
        var dataFile: String

        var description: String {
            let name = String(cString: strsignal(signal))
            // Readers report every `progressInterval` events or, reading in parallel rounds
            // (verify), after each round: the fault lies after the last seq reported.
            return "reading \(dataFile) crashed the reader (signal \(signal), \(name)) after seq \(reached), "
                + "the last it reported reading: the data file is corrupt"
        }
    }

    /// Runs this very command again, isolated, and returns the child's exit status; a child
    /// that died is reported as `prefix: <what happened>` and exit 5. A reader that closed
    /// our standard output (`| head`) ends this process as it ended the child.
    static func runReporting(_ dataPath: String, what prefix: String) throws -> Int32 {
        do {
            return try run(Array(CommandLine.arguments.dropFirst()), dataPath: dataPath)
        } catch let death as Death {
            if death.signal == SIGPIPE {
                signal(SIGPIPE, SIG_DFL)
                kill(getpid(), SIGPIPE)
            }
            throw CLIError(.verification, "\(prefix): \(death)")
        }
    }

    /// Runs this executable with `arguments` plus `childFlag` and returns its exit status;
    /// throws `Death` if a signal ended it.
    static func run(_ arguments: [String], dataPath: String) throws -> Int32 {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw CLIError(.storage, "cannot make a pipe: \(String(cString: strerror(errno)))") }
        defer { close(pipeEnds[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], progressDescriptor)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])

        let executable = "/proc/self/exe"
        let argv = [CommandLine.arguments.first ?? "ledgerd"] + arguments + [childFlag]
        var cArguments = argv.map { strdup($0) }
        cArguments.append(nil)
        defer { for pointer in cArguments { free(pointer) } }
        // The child's own crash report would bury the one line that matters: ours.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") }
        cEnvironment.append(nil)
        defer { for pointer in cEnvironment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, cArguments, cEnvironment)
        close(pipeEnds[1])
        guard spawned == 0 else {
            throw CLIError(.storage, "cannot start the isolated reader: \(String(cString: strerror(spawned)))")
        }

        // Read progress until the child's end closes (it exited or died), then reap it.
        var reached: UInt64 = 0
        var word = [UInt8](repeating: 0, count: 8)
        var filled = 0
        while true {
            let n = try word.withUnsafeMutableBytes { (raw) throws(FileIO.Failure) in
                try FileIO.read(pipeEnds[0], into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), "read progress")
            }
            if n == 0 { break }
            filled += n
            if filled == 8 {
                reached = UInt64(littleEndian: word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                filled = 0
            }
        }
        let status: Int32
        do {
            status = try FileIO.waitForExit(pid, "waiting for the isolated reader")
        } catch {
            throw CLIError(.storage, "\(error)")
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros).
        let signal = status & 0x7F
        if signal == 0 { return (status >> 8) & 0xFF }
        throw Death(signal: signal, reached: reached, dataFile: dataPath + "/" + Ledger.dataFileName)
    }
}
