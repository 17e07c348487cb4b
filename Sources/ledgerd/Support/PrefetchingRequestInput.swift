import Foundation
import Ledger

/// Parses and validates input on a second thread while the writer applies it.
///
/// Bulk import is CPU-bound in two halves — JSON parsing and validation, then the rules,
/// hashing and B-tree writes — so on a multi-core machine the halves overlap. The queue is
/// bounded, so a fast reader cannot run ahead of the writer by more than a few chunks.
final class PrefetchingRequestInput: @unchecked Sendable {
    // @unchecked: the shared fields are guarded by `condition`; `input` is used only by the
    // producer thread, `current`/`currentLines` only by the consumer.
    private struct Chunk {
        var requests: [AppendRequest] = []
        var lines: [Int] = []
        /// Set on the last chunk when input stopped at an invalid line.
        var failure: (AppendFailure, line: Int)?

        /// A chunk with room for `chunkSize` requests, so filling it never regrows it.
        static func empty() -> Chunk {
            var chunk = Chunk()
            chunk.requests.reserveCapacity(chunkSize)
            chunk.lines.reserveCapacity(chunkSize)
            return chunk
        }
    }

    static let chunkSize = 1024
    static let maximumQueuedChunks = 8

    private let condition = NSCondition()
    private var queue: [Chunk] = []
    /// Chunks the writer is done with, handed back so the reader thread frees them: releasing
    /// thousands of parsed documents is real work, and the writer is the bottleneck.
    private var spent: [Chunk] = []
    private var finished = false
    private var cancelled = false

    private var current = Chunk()
    private var position = 0
    private var index = -1
    /// The line of the request last handed out, for naming it in a refusal.
    private(set) var lastLine = 0
    private var input: RequestInput

    /// A guess at the number of requests, from the file's size; 0 for standard input.
    let expectedCount: Int

    /// Bytes per request to assume: under the demo's average (327), so the guess errs high
    /// (a little unused table) rather than low (rehashing a million entries).
    private static let typicalRequestSize = 256

    init(path: String) throws {
        input = try RequestInput(path: path)
        let size = path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        expectedCount = (size ?? 0) / Self.typicalRequestSize
        let thread = Thread { [self] in
            var chunk = Chunk.empty()
            while true {
                do {
                    guard let request = try input.next() else { break }
                    chunk.requests.append(request)
                    chunk.lines.append(input.reader.lineNumber)
                } catch let failure as AppendFailure {
                    chunk.failure = (failure, input.reader.lineNumber)
                    break
                } catch {
                    let failure = AppendFailure(
                        index: 0, eventId: nil, error: .storage(operation: "read input", code: -1, message: "\(error)"))
                    chunk.failure = (failure, input.reader.lineNumber)
                    break
                }
                if chunk.requests.count == Self.chunkSize {
                    guard publish(chunk) else { return }
                    chunk = Chunk.empty()
                }
            }
            _ = publish(chunk)
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "ledger-input"
        thread.start()
    }

    /// Stops the reader thread (it holds this object until it ends); call when done.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for room in the queue; false once the consumer has gone.
    private func publish(_ chunk: Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.maximumQueuedChunks && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(chunk)
        condition.broadcast()
        let garbage = spent
        spent = []
        condition.unlock()
        _ = consume garbage
        condition.lock()
        return true
    }

    /// The next request, or nil at the end; throws the `AppendFailure` of an invalid line,
    /// with its index in the whole input.
    func next() throws -> AppendRequest? {
        while position == current.requests.count {
            if let (failure, line) = current.failure {
                lastLine = line
                var located = failure
                located.index = index + 1
                throw located
            }
            condition.lock()
            while queue.isEmpty && !finished { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                return nil
            }
            spent.append(current)
            current = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            position = 0
        }
        defer { position += 1 }
        index += 1
        lastLine = current.lines[position]
        return current.requests[position]
    }

    /// "line N (eventId X): reason", for a failure of the request last handed out.
    func describe(_ failure: AppendFailure) -> String {
        let id = failure.eventId.map { " (eventId \($0))" } ?? ""
        return "line \(lastLine)\(id): \(failure.error)"
    }
}
