import Foundation
import Ledger

/// Parses and validates input on a second thread while the writer applies it.
///
/// Bulk import is CPU-bound in two halves — JSON parsing and validation, then the rules,
/// hashing and B-tree writes — so on a multi-core machine the halves overlap. A `Prefetcher`
/// carries chunks of parsed requests from the reader thread to the writer, a few at most
/// ahead, and takes spent chunks back for the reader thread to free.
final class PrefetchingRequestInput {
    /// Consecutive parsed requests, with their line numbers.
    private struct Chunk: Sendable {
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

    private let prefetcher: Prefetcher<Chunk>
    private var current = Chunk()
    private var position = 0
    private var index = -1
    /// The line of the request last handed out, for naming it in a refusal.
    private(set) var lastLine = 0

    /// A guess at the number of requests, from the file's size; 0 for standard input.
    let expectedCount: Int

    /// Bytes per request to assume: under the demo's average (327), so the guess errs high
    /// (a little unused table) rather than low (rehashing a million entries).
    private static let typicalRequestSize = 256

    init(path: String) throws {
        let reader = ChunkReader(input: try RequestInput(path: path))
        let size = path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        expectedCount = (size ?? 0) / Self.typicalRequestSize
        prefetcher = Prefetcher(name: "ledger-input", capacity: Self.maximumQueuedChunks) { reader.nextChunk() }
    }

    /// Stops the reader thread; call when done.
    func cancel() {
        prefetcher.cancel()
    }

    /// The next request, or nil at the end; throws the `AppendFailure` of an invalid line,
    /// with its index in the whole input. While the reader thread has no chunk ready, does
    /// the load's `idle` work instead of waiting (see `Ledger.importRequests(patient:)`).
    func next(whileWaiting idle: () throws -> Bool) throws -> AppendRequest? {
        while position == current.requests.count {
            if let (failure, line) = current.failure {
                lastLine = line
                var located = failure
                located.index = index + 1
                throw located
            }
            guard let chunk = try prefetcher.next(whileWaiting: idle) else { return nil }
            prefetcher.recycle(current)
            current = chunk
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

    /// The reader thread's side: the input, a chunk at a time, ending after an invalid line.
    private final class ChunkReader: @unchecked Sendable {
        // @unchecked: used only on the reader thread, after being handed to it once.
        private var input: RequestInput
        private var done = false

        init(input: RequestInput) { self.input = input }

        /// The next chunk: full, or the last (perhaps empty, perhaps ending in a failure);
        /// nil after the last.
        func nextChunk() -> Chunk? {
            guard !done else { return nil }
            var chunk = Chunk.empty()
            while chunk.requests.count < PrefetchingRequestInput.chunkSize {
                do {
                    guard let request = try input.next() else {
                        done = true
                        break
                    }
                    chunk.requests.append(request)
                    chunk.lines.append(input.reader.lineNumber)
                } catch let failure as AppendFailure {
                    chunk.failure = (failure, input.reader.lineNumber)
                    done = true
                    break
                } catch {
                    let failure = AppendFailure(
                        index: 0, eventId: nil, error: .storage(operation: "read input", code: -1, message: "\(error)"))
                    chunk.failure = (failure, input.reader.lineNumber)
                    done = true
                    break
                }
            }
            return chunk
        }
    }
}
